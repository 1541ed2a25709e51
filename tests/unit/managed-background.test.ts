// The administrator's policy in the background, Chromium's way: storage.managed as chrome.storage.managed.get() gives
// it. A real Chromium reads a policy only from /etc/chromium/policies/managed (system-wide), which tests must not
// write, so the Chromium path is tested here, through the merged view (the Firefox suite uses a real policies.json).
import { beforeEach, afterEach, describe, expect, it, vi } from 'vitest';

const stores = vi.hoisted(() => ({ local: new Map<string, unknown>(), session: new Map<string, unknown>(), managed: new Map<string, unknown>() }));

vi.mock('webextension-polyfill', async () => {
  const { fakeBrowserModule, storageArea, BACKGROUND_APIS } = await import('./fake-browser');
  return fakeBrowserModule(stores, {
    ...BACKGROUND_APIS,
    storage: { managed: storageArea(stores.managed), onChanged: { addListener: () => {} } },
  });
});

import { fromPage } from './page-request';
import { startMySafeServer, DEMO_CLIENT, type MySafeServer } from '../../src/mysafe-server';
import { onFormSubmitted } from '../../src/background/submitted';
import { isOpen, listCaptures } from '../../src/capture/store';

let mysafe: MySafeServer;
const setPolicy = (policy: Record<string, unknown>) => {
  stores.managed.clear();
  for (const [key, value] of Object.entries(policy)) stores.managed.set(key, value);
};
const sender = (url: string, tabId = 5) => ({ url, origin: new URL(url).origin, frameId: 0, tab: { id: tabId, url } });
const login = (username: string, password: string) => ({ type: 'form-submitted' as const, form: { kind: 'login' as const, username, password } });
const openCaptures = async () => (await listCaptures()).filter(isOpen);

beforeEach(async () => {
  stores.local.clear();
  stores.session.clear();
  stores.managed.clear();
  mysafe = await startMySafeServer({ port: 0 });
});
afterEach(() => mysafe.close());

describe('a locked connection from the policy', () => {
  beforeEach(() =>
    setPolicy({
      serverUrl: mysafe.url,
      clientId: DEMO_CLIENT.clientId,
      clientSecret: DEMO_CLIENT.clientSecret,
      locked: ['serverUrl', 'clientId', 'clientSecret'],
    }),
  );

  it('saves a login with nothing configured by the person', async () => {
    expect(await fromPage({ type: 'get-settings' })).toEqual({
      baseUrl: mysafe.url,
      clientId: DEMO_CLIENT.clientId,
      hasSecret: true,
      locked: ['serverUrl', 'clientId', 'clientSecret'],
      problems: [],
    });
    expect(await fromPage({ type: 'check-connection' })).toEqual({ ok: true, value: undefined });
    await onFormSubmitted(login('ana', 'pw-1'), sender('https://shop.example/login'));
    const [capture] = await openCaptures();
    const saved = await fromPage({
      type: 'save-capture',
      id: capture.id,
      values: { name: 'Shop', url: capture.url, username: 'ana', password: 'pw-1', notes: '', tags: '', target: 'new' },
    });
    expect(saved).toMatchObject({ ok: true });
    expect(mysafe.entries()).toEqual([expect.objectContaining({ username: 'ana', password: 'pw-1' })]);
  });

  it('a page that sends other values changes nothing, and the policy secret is never stored', async () => {
    const result = await fromPage({ type: 'save-settings', baseUrl: 'https://elsewhere.example', clientId: 'other', clientSecret: 'typed' });
    expect(result).toEqual({ ok: true, value: undefined });
    expect(stores.local.get('mysafe-settings')).toEqual({ baseUrl: mysafe.url, clientId: DEMO_CLIENT.clientId });
    expect(mysafe.requests().every((r) => r.status !== 401)).toBe(true);
  });
});

it("an unlocked policy is a default until the person's own settings, whose secret never goes to the policy's server", async () => {
  setPolicy({ serverUrl: 'https://vault.example.com', clientId: 'org', clientSecret: 'org-secret' });
  expect(await fromPage({ type: 'get-settings' })).toMatchObject({ baseUrl: 'https://vault.example.com', clientId: 'org', hasSecret: true, locked: [] });
  // The person points it at their own server: the policy's secret does not follow.
  expect(await fromPage({ type: 'save-settings', baseUrl: mysafe.url, clientId: DEMO_CLIENT.clientId, clientSecret: '' })).toEqual({
    ok: false,
    error: { kind: 'secret-required' },
  });
  expect(await fromPage({ type: 'save-settings', baseUrl: mysafe.url, clientId: DEMO_CLIENT.clientId, clientSecret: DEMO_CLIENT.clientSecret })).toEqual({
    ok: true,
    value: undefined,
  });
  expect(await fromPage({ type: 'get-settings' })).toMatchObject({ baseUrl: mysafe.url, clientId: DEMO_CLIENT.clientId, hasSecret: true });
});

it('bad values are ignored one by one; the rest applies', async () => {
  setPolicy({ serverUrl: 'http://vault.example.com', defaultTags: 'work', defaultGroupsAllowed: [{ group: 'IT' }], qrScanning: false, locked: ['defaultTags'] });
  expect(await fromPage({ type: 'get-settings' })).toEqual({
    baseUrl: '',
    clientId: '',
    hasSecret: false,
    locked: ['defaultTags'],
    problems: [
      { key: 'serverUrl', reason: 'not-https' },
      { key: 'defaultGroupsAllowed', reason: 'bad-group', index: 0 },
    ],
  });
  expect((await fromPage({ type: 'get-preferences' })).defaults).toEqual({ tags: 'work', users: [], groups: [] });
  await fromPage({ type: 'save-defaults', defaults: { tags: 'mine', users: [], groups: [{ name: 'Ops', can_edit: false }] } });
  expect((await fromPage({ type: 'get-preferences' })).defaults).toEqual({ tags: 'work', users: [], groups: [{ name: 'Ops', can_edit: false }] });
  expect(await fromPage({ type: 'get-captures' })).toMatchObject({ configured: false, qrScanning: false });
});

it("the policy's never-sites: unlocked ones can be removed, locked ones not", async () => {
  const connection = { serverUrl: mysafe.url, clientId: DEMO_CLIENT.clientId, clientSecret: DEMO_CLIENT.clientSecret };
  setPolicy({ ...connection, neverSites: ['*.bank.example'] });
  await onFormSubmitted(login('ana', 'pw-1'), sender('https://online.bank.example/login'));
  expect(await openCaptures()).toHaveLength(0);
  await onFormSubmitted(login('ana', 'pw-1'), sender('https://shop.example/login', 6));
  expect(await openCaptures()).toHaveLength(1);
  await fromPage({ type: 'remove-never-site', host: '*.bank.example' });
  expect((await fromPage({ type: 'get-preferences' })).neverSites).toEqual([]);

  setPolicy({ ...connection, neverSites: ['*.bank.example'], locked: ['neverSites'] });
  await fromPage({ type: 'remove-never-site', host: '*.bank.example' });
  expect((await fromPage({ type: 'get-preferences' })).neverSites).toEqual([{ host: '*.bank.example', managed: true, locked: true }]);
});
