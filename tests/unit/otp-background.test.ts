// The background's authenticator-key requests over an in-memory stand-in for the extension APIs and the real local
// MySafe server: keys typed in become captures or join a pending login, and saving sends only what it should.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const stores = vi.hoisted(() => ({ local: new Map<string, unknown>(), session: new Map<string, unknown>(), tabs: new Map<number, { id: number; url: string; active: boolean; windowId: number }>() }));

vi.mock('webextension-polyfill', async () => {
  const { fakeBrowserModule } = await import('./fake-browser');
  return fakeBrowserModule(stores, {
    extension: { isAllowedFileSchemeAccess: async () => false },
    tabs: {
      async get(id: number) {
        const tab = stores.tabs.get(id);
        if (!tab) throw new Error('no tab');
        return tab;
      },
      captureVisibleTab: async () => {
        throw new Error('a blocked page must not be captured');
      },
    },
  });
});

import { fromPage } from './page-request';
import { startMySafeServer, DEMO_CLIENT, type MySafeServer } from '../../src/mysafe-server';
import { addCapture, isOpen, listCaptures } from '../../src/capture/store';

const openCaptures = async () => (await listCaptures()).filter(isOpen);
import type { TotpValues } from '../../src/totp/types';

const SITE = 'https://shop.example';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/Shop:ana@shop.example?secret=${SECRET}&issuer=Shop`;

let mysafe: MySafeServer;

beforeEach(async () => {
  stores.local.clear();
  stores.session.clear();
  stores.tabs.clear();
  stores.tabs.set(5, { id: 5, url: `${SITE}/settings/2fa?step=2`, active: true, windowId: 1 });
  mysafe = await startMySafeServer({ port: 0 });
  const result = await fromPage({ type: 'save-settings', baseUrl: mysafe.url, clientId: DEMO_CLIENT.clientId, clientSecret: DEMO_CLIENT.clientSecret });
  expect(result).toEqual({ ok: true, value: undefined });
});
afterEach(() => mysafe.close());

const addKey = (text: string) => fromPage({ type: 'otp-add-manual', tabId: 5, text });

function values(target: string, extra: Partial<TotpValues> = {}): TotpValues {
  return { target, secret: SECRET, name: 'Shop', url: `${SITE}/login`, username: 'ana@shop.example', password: '', ...extra };
}

describe('keys typed or pasted in', () => {
  it('become a capture of kind totp for the tab site, once', async () => {
    expect(await addKey(URI)).toMatchObject({ added: 1, attached: 0, known: 0, problems: [] });
    expect(await addKey(URI)).toMatchObject({ added: 0, known: 1 });
    const captures = await listCaptures();
    expect(captures).toHaveLength(1);
    expect(captures[0]).toMatchObject({ kind: 'totp', tabId: 5, origin: SITE, url: `${SITE}/settings/2fa`, totp: { secret: SECRET, account: 'ana@shop.example' } });
  });

  it('join a pending login of the same site and account instead', async () => {
    const origin = 'https://accounts.shop.example';
    const source = { tabId: 7, frameId: 0, origin, url: `${origin}/login`, topOrigin: origin };
    await addCapture({ id: 'login-1', kind: 'login', ...source, username: 'ana@shop.example', password: 'pw-1', createdAt: Date.now() });
    expect(await addKey(URI)).toMatchObject({ added: 0, attached: 1 });
    const captures = await listCaptures();
    expect(captures).toHaveLength(1);
    expect(captures[0]).toMatchObject({ kind: 'login', username: 'ana@shop.example', totp: { secret: SECRET } });
  });

  it('that are not keys are refused with their reason', async () => {
    expect(await addKey('not base32 at all!')).toMatchObject({ added: 0, problems: [{ error: 'invalid-secret' }] });
    expect(await addKey('https://shop.example/help')).toMatchObject({ problems: [{ error: 'not-authenticator', preview: { kind: 'url' } }] });
    expect(await openCaptures()).toEqual([]);
  });
});

describe('scanning', () => {
  it('says which pages the browser will not let it capture, without trying', async () => {
    stores.tabs.set(6, { id: 6, url: 'chrome://settings/', active: true, windowId: 1 });
    expect(await fromPage({ type: 'otp-scan-tab', tabId: 6 })).toMatchObject({ blocked: 'browser-page' });
    stores.tabs.set(6, { id: 6, url: 'file:///home/ana/2fa.html', active: true, windowId: 1 });
    expect(await fromPage({ type: 'otp-scan-tab', tabId: 6 })).toMatchObject({ blocked: 'file-access' });
    expect(await fromPage({ type: 'otp-scan-tab', tabId: 99 })).toMatchObject({ blocked: 'no-page' });
  });
});

describe('saving a key', () => {
  it('targets the entry of the site and account, sends it only secret_key, and nothing when it holds the key', async () => {
    const entry = mysafe.addEntry(DEMO_CLIENT.username, { name: 'Shop', url: `${SITE}/login`, username: 'ana@shop.example', password: 'stored' });
    await addKey(URI);
    const [capture] = await listCaptures();
    const target = await fromPage({ type: 'capture-decision', id: capture.id });
    expect(target).toMatchObject({ ok: true, value: { question: 'add-totp', username: 'ana@shop.example', options: [{ value: entry.identifier }, { value: 'new' }] } });

    expect(await fromPage({ type: 'otp-save', id: capture.id, values: values(entry.identifier) })).toEqual({ ok: true, value: { identifier: entry.identifier } });
    const puts = mysafe.requests().filter((r) => r.method === 'PUT');
    expect(puts.map((r) => Object.keys(r.body as object))).toEqual([['secret_key']]);
    expect(mysafe.entries()[0]).toMatchObject({ password: 'stored', secret_key: SECRET });
    expect(await openCaptures()).toEqual([]);

    await addKey(URI);
    const [again] = await listCaptures();
    expect(await fromPage({ type: 'otp-save', id: again.id, values: values(entry.identifier) })).toMatchObject({ ok: true });
    expect(mysafe.requests().filter((r) => r.method === 'PUT')).toHaveLength(1);
  });

  it('a new entry needs a username and a password; a secret that is not base32 is refused', async () => {
    await addKey(URI);
    const [capture] = await listCaptures();
    expect(await fromPage({ type: 'otp-save', id: capture.id, values: values('new') })).toEqual({ ok: false, error: { kind: 'missing-field', field: 'password' } });
    expect(await fromPage({ type: 'otp-save', id: capture.id, values: values('new', { password: 'pw', secret: '1890' }) })).toEqual({
      ok: false,
      error: { kind: 'invalid-secret' },
    });
    expect(mysafe.entries()).toEqual([]);
    const saved = await fromPage({ type: 'otp-save', id: capture.id, values: values('new', { password: 'pw' }) });
    expect(saved).toMatchObject({ ok: true });
    expect(mysafe.entries()).toEqual([expect.objectContaining({ name: 'Shop', username: 'ana@shop.example', password: 'pw', secret_key: SECRET })]);
  });

  it('a key already in MySafe needs nothing', async () => {
    mysafe.addEntry(DEMO_CLIENT.username, { name: 'Shop', url: SITE, username: 'ana@shop.example', password: 'stored', secret_key: SECRET });
    await addKey(URI);
    const [capture] = await listCaptures();
    expect(await fromPage({ type: 'capture-decision', id: capture.id })).toMatchObject({ ok: true, value: { question: 'none' } });
    // The key card stays: the user may still save it elsewhere or dismiss it.
    expect(await listCaptures()).toHaveLength(1);
  });
});
