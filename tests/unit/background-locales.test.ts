import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const load = (locale: string) => JSON.parse(readFileSync(`public/_locales/${locale}/messages.json`, 'utf8')) as Record<string, { message: string }>;

describe('locales', () => {
  it('have the same keys in English and Brazilian Portuguese', () => {
    expect(Object.keys(load('pt_BR')).sort()).toEqual(Object.keys(load('en')).sort());
  });

  it('say the server-error sentence the popup shows', () => {
    const en = load('en');
    expect(`${en.errServer.message} ${en.errKeptRetry.message}`).toBe('MySafe had an unexpected error. Your login is kept here; try again.');
  });
});

describe('error words', () => {
  it('every error kind has a message in both languages', async () => {
    const { errorMessages } = await import('../../src/ui/error-text');
    const kinds = ['missing-field', 'not-found', 'no-access', 'inactive', 'bad-identifier', 'unauthorized', 'rejected-credentials', 'bad-url',
      'server', 'gateway', 'timeout', 'offline', 'invalid-response', 'invalid-url', 'not-https', 'not-configured', 'missing-values',
      'secret-required', 'gone', 'interrupted', 'no-page', 'invalid-secret', 'unknown'] as const;
    for (const locale of ['en', 'pt_BR']) {
      const messages = load(locale);
      for (const kind of kinds) {
        const [first] = errorMessages({ kind }, 'settings');
        expect(messages[first.key]?.message, `${locale} ${kind}`).toBeTruthy();
        if (kind !== 'unknown') expect(first.key, kind).not.toBe('errUnknown');
      }
    }
  });
});
