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
