import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Capture, TotpKey } from '../../src/capture/types';
import type { OtpErrorCode } from '../../src/totp/otpauth';
import { emptySummary, provenanceAt, provenanceOfFrame, scanBlockReason, scanMessages } from '../../src/totp/scan-rules';
import { captureWithKey, loginForKey } from '../../src/totp/placement';

const key = (account: string, secret = 'JBSWY3DPEHPK3PXP'): TotpKey => ({ type: 'totp', issuer: 'Example', account, secret, algorithm: 'SHA1', digits: 6, period: 30 });

let next = 0;
function capture(values: Partial<Capture>): Capture {
  return {
    id: String(next++),
    kind: 'login',
    tabId: 1,
    frameId: 0,
    origin: 'https://www.example.com',
    url: 'https://www.example.com/login',
    topOrigin: 'https://www.example.com',
    username: 'ana@example.com',
    password: 'pw',
    createdAt: 1000,
    state: { status: 'pending' },
    ...values,
  };
}

describe('scanBlockReason', () => {
  it('lets web pages through', () => {
    expect(scanBlockReason('https://example.com/2fa', false)).toBeNull();
    expect(scanBlockReason('http://127.0.0.1:8080/', false)).toBeNull();
  });

  it('names the pages the browser will not let an extension capture', () => {
    expect(scanBlockReason('chrome://settings/', false)).toBe('browser-page');
    expect(scanBlockReason('chrome-extension://abc/popup.html', false)).toBe('browser-page');
    expect(scanBlockReason('about:blank', false)).toBe('browser-page');
    expect(scanBlockReason('https://chromewebstore.google.com/detail/x', false)).toBe('web-store');
    expect(scanBlockReason('https://chrome.google.com/webstore/detail/x', false)).toBe('web-store');
    expect(scanBlockReason('https://addons.mozilla.org/en-US/firefox/', false)).toBe('web-store');
    expect(scanBlockReason('https://example.com/setup.PDF', false)).toBe('pdf');
    expect(scanBlockReason('file:///home/ana/qr.html', false)).toBe('file-access');
    expect(scanBlockReason('file:///home/ana/qr.html', true)).toBeNull();
    expect(scanBlockReason(undefined, false)).toBe('no-page');
    expect(scanBlockReason('not a url', false)).toBe('no-page');
  });
});

describe('loginForKey', () => {
  it('puts a key on the newest pending login of the site with the same (or no) username', () => {
    const older = capture({ createdAt: 1 });
    const newer = capture({ createdAt: 2 });
    expect(loginForKey([older, newer], key('ana@example.com'), 'https://accounts.example.com')).toBe(newer);
    expect(loginForKey([older], key(''), 'https://www.example.com')).toBe(older);
    expect(loginForKey([capture({ username: '' })], key('ana@example.com'), 'https://www.example.com')).toBeDefined();
  });

  it('leaves other accounts, other sites, key captures and logins that already have a key alone', () => {
    expect(loginForKey([capture({})], key('bob@example.com'), 'https://www.example.com')).toBeUndefined();
    expect(loginForKey([capture({})], key('ana@example.com'), 'https://example.org')).toBeUndefined();
    expect(loginForKey([capture({ kind: 'totp', totp: key('x') })], key('ana@example.com'), 'https://www.example.com')).toBeUndefined();
    expect(loginForKey([capture({ totp: key('ana@example.com', 'KRSXG5CT') })], key('ana@example.com'), 'https://www.example.com')).toBeUndefined();
  });
});

describe('captureWithKey', () => {
  it('finds a pending capture holding the same key, on a login or on its own', () => {
    const onLogin = capture({ totp: key('ana@example.com') });
    expect(captureWithKey([onLogin], key('ANA@example.com'))).toBe(onLogin);
    expect(captureWithKey([onLogin], key('ana@example.com', 'KRSXG5CT'))).toBeUndefined();
  });
});

describe('scanMessages', () => {
  const en = JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')) as Record<string, unknown>;

  it('says what a scan came to, with locale keys that exist', () => {
    const summary = {
      ...emptySummary(),
      codes: 3,
      added: 2,
      problems: [{ error: 'not-authenticator' as const, preview: { kind: 'url' as const, text: 'https://example.com/menu' } }, { error: 'invalid-secret' as const }],
      skipped: [{ issuer: 'Old', account: 'x', error: 'unsupported-algorithm' as const }],
      batch: { index: 0, size: 2 },
    };
    const { ok, messages } = scanMessages(summary);
    expect(ok).toBe(true);
    expect(messages).toEqual([
      { key: 'scanAdded', substitutions: ['2'] },
      { key: 'scanNotKeyHolds', kindKey: 'qrKindUrl', substitutions: ['https://example.com/menu'] },
      { key: 'otpErrInvalidSecret' },
      { key: 'scanSkipped', substitutions: ['1'] },
      { key: 'scanBatch', substitutions: ['1', '2'] },
    ]);
    for (const message of messages) {
      expect(en).toHaveProperty(message.key);
      if (message.kindKey) expect(en).toHaveProperty(message.kindKey);
    }
  });

  it('every key-reading error kind has its words in English and Brazilian Portuguese, and only there', () => {
    const kinds = Object.keys({
      'invalid-secret': true,
      'short-secret': true,
      'missing-secret': true,
      'unknown-type': true,
      'unsupported-algorithm': true,
      'invalid-uri': true,
      'invalid-migration': true,
      'not-authenticator': true,
    } satisfies Record<OtpErrorCode, true>) as OtpErrorCode[];
    const ptBr = JSON.parse(readFileSync('public/_locales/pt_BR/messages.json', 'utf8')) as Record<string, { message: string }>;
    const keys = kinds.map((error) => scanMessages({ ...emptySummary(), codes: 1, problems: [{ error }] }).messages[0].key);
    expect(new Set(keys).size).toBe(kinds.length);
    for (const key of keys) {
      expect(en, key).toHaveProperty(key);
      expect(ptBr[key]?.message, key).toMatch(/\S/);
    }
  });

  it('an empty page, a blocked page and a code without a key are failures', () => {
    expect(scanMessages(emptySummary())).toEqual({ ok: false, messages: [{ key: 'scanNoCode' }] });
    expect(scanMessages({ ...emptySummary(), blocked: 'pdf' })).toEqual({ ok: false, messages: [{ key: 'scanBlockedPdf' }] });
    expect(scanMessages({ ...emptySummary(), codes: 1, problems: [{ error: 'not-authenticator', preview: { kind: 'text', text: '' } }] })).toEqual({
      ok: false,
      messages: [{ key: 'scanNotKey' }],
    });
  });
});

describe('provenance of a scanned code', () => {
  const layout = {
    viewport: { width: 1000, height: 800 },
    frames: [
      { x: 600, y: 100, width: 300, height: 300, sameOrigin: false, host: 'ads.example.net' },
      { x: 0, y: 500, width: 400, height: 200, sameOrigin: true, host: 'bank.example' },
    ],
  };
  it('a code inside a frame of another origin is that frame\'s; elsewhere, or in a frame of the page\'s origin, the page\'s', () => {
    expect(provenanceAt({ x: 0.75, y: 0.3 }, layout)).toEqual({ drawnBy: 'frame', host: 'ads.example.net' });
    expect(provenanceAt({ x: 0.2, y: 0.2 }, layout)).toEqual({ drawnBy: 'page' });
    expect(provenanceAt({ x: 0.2, y: 0.75 }, layout)).toEqual({ drawnBy: 'page' });
  });
  it('an unmeasured page gives unknown', () => {
    expect(provenanceAt({ x: 0.2, y: 0.2 }, null)).toEqual({ drawnBy: 'unknown' });
  });
  it('a right-click in a frame: the page\'s own only when the browser reports the tab\'s origin for it', () => {
    expect(provenanceOfFrame('https://bank.example/2fa/frame', 'https://bank.example/settings')).toEqual({ drawnBy: 'page' });
    expect(provenanceOfFrame('https://ads.example.net/x', 'https://bank.example/settings')).toEqual({ drawnBy: 'frame', host: 'ads.example.net' });
    expect(provenanceOfFrame('http://bank.example/x', 'https://bank.example/settings')).toEqual({ drawnBy: 'frame', host: 'bank.example' });
    expect(provenanceOfFrame(undefined, 'https://bank.example/')).toEqual({ drawnBy: 'unknown' });
  });
});
