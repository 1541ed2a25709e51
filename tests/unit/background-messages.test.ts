// The background's message handling over an in-memory stand-in for the extension APIs and the real local MySafe server.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const stores = vi.hoisted(() => ({ local: new Map<string, unknown>(), session: new Map<string, unknown>() }));

vi.mock('webextension-polyfill', async () => {
  const { fakeBrowserModule, BACKGROUND_APIS } = await import('./fake-browser');
  return fakeBrowserModule(stores, BACKGROUND_APIS);
});

import { fromPage } from './page-request';
import { startMySafeServer, DEMO_CLIENT, type MySafeServer } from '../../src/mysafe-server';
import { onFormSubmitted } from '../../src/background/submitted';
import { isOpen, listCaptures } from '../../src/capture/store';
import { runDueRetries } from '../../src/save/save';
import type { Capture } from '../../src/capture/types';
import type { EntryValues } from '../../src/capture/types';

let mysafe: MySafeServer;

/** Captures still waiting (saved ones stay a while, without secrets, for the popup to say what was done). */
const openCaptures = async () => (await listCaptures()).filter(isOpen);

beforeEach(async () => {
  stores.local.clear();
  stores.session.clear();
  mysafe = await startMySafeServer({ port: 0 });
});
afterEach(() => mysafe.close());

const sender = (url: string, tabId = 5) => ({ url, origin: new URL(url).origin, frameId: 0, tab: { id: tabId, url } });
const login = (username: string, password: string) => ({ type: 'form-submitted' as const, form: { kind: 'login' as const, username, password } });

async function configure() {
  const result = await fromPage({ type: 'save-settings', baseUrl: mysafe.url, clientId: DEMO_CLIENT.clientId, clientSecret: DEMO_CLIENT.clientSecret });
  expect(result).toEqual({ ok: true, value: undefined });
}

function valuesOf(capture: Capture): EntryValues {
  return { name: 'Shop', url: capture.url, username: capture.username, password: capture.password, notes: '', tags: '', target: 'new' };
}

const creates = () => mysafe.requests().filter((r) => r.method === 'POST' && r.path === '/api/mysafe/password');

describe('content messages', () => {
  it('keeps a capture with where it was typed taken from the sender, query and fragment dropped', async () => {
    await onFormSubmitted(login('ana', 'pw-1'), sender('https://shop.example/login?next=/cart#top'));
    const [capture] = await listCaptures();
    expect(capture).toMatchObject({
      kind: 'login',
      tabId: 5,
      origin: 'https://shop.example',
      url: 'https://shop.example/login',
      topOrigin: 'https://shop.example',
      username: 'ana',
      password: 'pw-1',
    });
  });

  it('keeps one capture when the same form is reported twice', async () => {
    await onFormSubmitted(login('ana', 'pw-1'), sender('https://shop.example/login'));
    await onFormSubmitted(login('ana', 'pw-1'), sender('https://shop.example/login'));
    expect(await listCaptures()).toHaveLength(1);
  });

  it("skips logins typed into the MySafe server's own site", async () => {
    await configure();
    await onFormSubmitted(login('demo', 'pw'), sender(`${mysafe.url}/login`));
    expect(await openCaptures()).toHaveLength(0);
  });

  it('joins the username of a two-step login to its password step', async () => {
    await onFormSubmitted({ type: 'form-submitted', form: { kind: 'username', username: 'ana@x.example', password: '' } }, sender('https://x.example/identifier'));
    expect(await openCaptures()).toHaveLength(0);
    await onFormSubmitted(login('', 'pw-2'), sender('https://x.example/password'));
    expect(await listCaptures()).toEqual([expect.objectContaining({ username: 'ana@x.example', password: 'pw-2' })]);
  });
});

describe("one tab's submissions, one after another", () => {
  it("a tab whose login waits for MySafe does not hold up another tab's submission", async () => {
    await configure();
    mysafe.failNext(1, 'hang');
    let waitingTabDone = false;
    const waiting = onFormSubmitted(login('ana', 'pw-1'), sender('https://shop.example/login', 5)).then(() => (waitingTabDone = true));
    await mysafe.waitForRequest(() => true);
    // Another tab's username step is staged while the first tab still waits for MySafe's answer (up to 4 s).
    await onFormSubmitted({ type: 'form-submitted', form: { kind: 'username', username: 'bo', password: '' } }, sender('https://x.example/identifier', 6));
    expect(Object.keys(stores.session.get('username-steps') as object)).toEqual(['6:https://x.example']);
    expect(waitingTabDone).toBe(false);
    await waiting;
    expect(await openCaptures()).toEqual([expect.objectContaining({ tabId: 5, username: 'ana' })]);
  });

  it('a submission whose handling fails does not stop the next one of its tab', async () => {
    const failing = { type: 'form-submitted' as const, form: { kind: 'login' as const, username: 'ana', password: 'pw-1' } };
    stores.session.set('pending-captures', 'not a list');
    await expect(onFormSubmitted(failing, sender('https://shop.example/login'))).rejects.toThrow();
    stores.session.delete('pending-captures');
    await onFormSubmitted(login('ana', 'pw-2'), sender('https://shop.example/login'));
    expect(await openCaptures()).toEqual([expect.objectContaining({ password: 'pw-2' })]);
  });
});

describe('a password change in steps (class 15)', () => {
  const at = 'https://shop.example/account/password';
  const step = (form: Record<string, unknown>) => ({ type: 'form-submitted' as const, form: { username: '', ...form } });
  const usernameStep = step({ kind: 'username', username: 'ana', password: '' });
  const currentStep = step({ kind: 'login', password: 'old-pw-1', step: 'current-password' });
  const newStep = step({ kind: 'change', password: 'new-pw-2' });

  it('the username, current-password and new-password steps end as one change, the old password kept', async () => {
    for (const message of [usernameStep, currentStep, newStep]) await onFormSubmitted(message, sender(at));
    const captures = await openCaptures();
    expect(captures).toHaveLength(1);
    expect(captures[0]).toMatchObject({ kind: 'change', username: 'ana', password: 'new-pw-2', oldPassword: 'old-pw-1' });
  });

  it('a current-password step nothing follows stays one login', async () => {
    for (const message of [usernameStep, currentStep]) await onFormSubmitted(message, sender(at));
    const captures = await openCaptures();
    expect(captures).toHaveLength(1);
    expect(captures[0]).toMatchObject({ kind: 'login', username: 'ana', password: 'old-pw-1' });
    expect(captures[0].oldPassword).toBeUndefined();
  });

  it('one change also when the new password arrives while MySafe is still asked about the current-password step', async () => {
    await configure();
    await onFormSubmitted(usernameStep, sender(at));
    await Promise.all([onFormSubmitted(currentStep, sender(at)), onFormSubmitted(newStep, sender(at))]);
    const captures = await openCaptures();
    expect(captures.map((c) => c.kind)).toEqual(['change']);
  });
});

describe('settings', () => {
  it('never hands the secret back, and an empty secret keeps the stored one', async () => {
    await configure();
    expect(await fromPage({ type: 'get-settings' })).toEqual({ baseUrl: mysafe.url, clientId: DEMO_CLIENT.clientId, hasSecret: true, locked: [], problems: [] });
    expect(await fromPage({ type: 'save-settings', baseUrl: mysafe.url, clientId: DEMO_CLIENT.clientId, clientSecret: '' })).toMatchObject({ ok: true });
  });

  it('a new server origin with the secret left empty is refused before anything is sent to it', async () => {
    await configure();
    const other = await startMySafeServer({ port: 0 });
    try {
      const moved = await fromPage({ type: 'save-settings', baseUrl: other.url, clientId: DEMO_CLIENT.clientId, clientSecret: '' });
      expect(moved).toEqual({ ok: false, error: { kind: 'secret-required' } });
      expect(other.requests()).toEqual([]);
      expect(await fromPage({ type: 'get-settings' })).toMatchObject({ baseUrl: mysafe.url });

      // The same server typed differently keeps the stored secret; given again, the new origin is accepted.
      const samePath = await fromPage({ type: 'save-settings', baseUrl: `${mysafe.url}/`, clientId: DEMO_CLIENT.clientId, clientSecret: '' });
      expect(samePath).toMatchObject({ ok: true });
      const given = await fromPage({ type: 'save-settings', baseUrl: other.url, clientId: DEMO_CLIENT.clientId, clientSecret: DEMO_CLIENT.clientSecret });
      expect(given).toMatchObject({ ok: true });
      expect(await fromPage({ type: 'get-settings' })).toMatchObject({ baseUrl: other.url });
    } finally {
      await other.close();
    }
  });

  it('a failed check stores nothing: the working settings stay in use', async () => {
    await configure();
    const before = structuredClone(stores.local.get('mysafe-settings'));
    const other = await startMySafeServer({ port: 0 });
    try {
      const rejected = await fromPage({ type: 'save-settings', baseUrl: other.url, clientId: DEMO_CLIENT.clientId, clientSecret: 'wrong' });
      expect(rejected).toMatchObject({ ok: false, error: { kind: 'rejected-credentials' } });
      other.setTokenEndpointDown(true);
      const down = await fromPage({ type: 'save-settings', baseUrl: other.url, clientId: DEMO_CLIENT.clientId, clientSecret: DEMO_CLIENT.clientSecret });
      expect(down).toMatchObject({ ok: false, error: { kind: 'gateway' } });
    } finally {
      await other.close();
    }
    expect(stores.local.get('mysafe-settings')).toEqual(before);

    // A save still goes to the first server.
    await onFormSubmitted(login('ana', 'pw-1'), sender('https://shop.example/login'));
    const [capture] = await listCaptures();
    expect(await fromPage({ type: 'save-capture', id: capture.id, values: valuesOf(capture) })).toMatchObject({ ok: true });
    expect(mysafe.entries()).toEqual([expect.objectContaining({ username: 'ana' })]);
  });

  it('checks the stored settings with the cached token, and says when none are stored or they stopped working', async () => {
    expect(await fromPage({ type: 'check-connection' })).toEqual({ ok: false, error: { kind: 'not-configured' } });
    await configure();
    const tokenRequests = () => mysafe.requests().filter((r) => r.path.endsWith('/oauth2/token')).length;
    const before = tokenRequests();
    expect(await fromPage({ type: 'check-connection' })).toEqual({ ok: true, value: undefined });
    expect(await fromPage({ type: 'check-connection' })).toEqual({ ok: true, value: undefined });
    // One token for both checks (saving the settings got one of its own that is not kept).
    expect(tokenRequests() - before).toBe(1);

    // The secret revoked once the token expired: the next check asks the server, which refuses it.
    stores.local.set('mysafe-settings', { ...(stores.local.get('mysafe-settings') as object), clientSecret: 'revoked' });
    stores.session.delete('mysafe-token');
    expect(await fromPage({ type: 'check-connection' })).toMatchObject({ ok: false, error: { kind: 'rejected-credentials' } });
  });

  it('a first configuration whose check fails stores nothing', async () => {
    await fromPage({ type: 'save-settings', baseUrl: mysafe.url, clientId: DEMO_CLIENT.clientId, clientSecret: 'wrong' });
    expect(await fromPage({ type: 'get-settings' })).toEqual({ baseUrl: '', clientId: '', hasSecret: false, locked: [], problems: [] });
    expect(stores.local.has('mysafe-settings')).toBe(false);
  });

  it('reports rejected credentials and non-https URLs', async () => {
    expect(await fromPage({ type: 'save-settings', baseUrl: mysafe.url, clientId: DEMO_CLIENT.clientId, clientSecret: 'wrong' })).toMatchObject({
      ok: false,
      error: { kind: 'rejected-credentials' },
    });
    expect(await fromPage({ type: 'save-settings', baseUrl: 'http://vault.example.com', clientId: 'a', clientSecret: 'b' })).toMatchObject({
      ok: false,
      error: { kind: 'not-https' },
    });
  });
});

describe('saving a capture', () => {
  beforeEach(async () => {
    await configure();
    await onFormSubmitted(login('ana', 'pw-1'), sender('https://shop.example/login'));
  });

  it('creates the entry once for two saves at the same time, and drops the capture', async () => {
    const [capture] = await listCaptures();
    mysafe.setLatency(100);
    const [a, b] = await Promise.all([
      fromPage({ type: 'save-capture', id: capture.id, values: valuesOf(capture) }),
      fromPage({ type: 'save-capture', id: capture.id, values: valuesOf(capture) }),
    ]);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ ok: true });
    expect(creates()).toHaveLength(1);
    expect(mysafe.entries()).toEqual([expect.objectContaining({ name: 'Shop', url: 'https://shop.example/login', username: 'ana', password: 'pw-1' })]);
    expect(await openCaptures()).toHaveLength(0);
  });

  it('keeps the capture after a server error, and a retry saves it', async () => {
    const [capture] = await listCaptures();
    mysafe.failNext(1, 500);
    const failed = (await fromPage({ type: 'save-capture', id: capture.id, values: valuesOf(capture) }));
    expect(failed).toEqual({ ok: false, error: expect.objectContaining({ kind: 'server', retryable: true }) });
    expect(await listCaptures()).toHaveLength(1);
    expect(await fromPage({ type: 'save-capture', id: capture.id, values: valuesOf(capture) })).toMatchObject({ ok: true });
    expect(mysafe.entries()).toHaveLength(1);
  });

  it('after a gateway timeout, a retry finds the entry that did reach MySafe instead of creating a duplicate', async () => {
    const [capture] = await listCaptures();
    mysafe.failNext(1, 504);
    expect(await fromPage({ type: 'save-capture', id: capture.id, values: valuesOf(capture) })).toMatchObject({ ok: false, error: { kind: 'gateway' } });
    // As if the create had been applied behind the failing gateway.
    const stored = mysafe.addEntry(DEMO_CLIENT.username, { name: 'Shop', url: capture.url, username: 'ana', password: 'pw-1' });
    expect(await fromPage({ type: 'save-capture', id: capture.id, values: valuesOf(capture) })).toEqual({ ok: true, value: { identifier: stored.identifier } });
    expect(mysafe.entries()).toHaveLength(1);
    expect(await openCaptures()).toHaveLength(0);
  });

  it('says so when not configured', async () => {
    stores.local.clear();
    const [capture] = await listCaptures();
    expect(await fromPage({ type: 'save-capture', id: capture.id, values: valuesOf(capture) })).toEqual({ ok: false, error: { kind: 'not-configured' } });
  });
});

describe('save or update', () => {
  beforeEach(configure);
  const url = 'https://shop.example/login';

  it('drops a login MySafe already holds, and offers one whose password changed as an update', async () => {
    const stored = mysafe.addEntry(DEMO_CLIENT.username, { name: 'Shop', url: 'shop.example', username: 'Ana', password: 'pw-1', tags: 'shop' });
    await onFormSubmitted(login('ana', 'pw-1'), sender(url));
    expect(await openCaptures()).toHaveLength(0);

    await onFormSubmitted(login('ana', 'pw-2'), sender(url));
    const [capture] = await listCaptures();
    const decision = (await fromPage({ type: 'capture-decision', id: capture.id }));
    expect(decision).toMatchObject({ ok: true, value: { action: 'update', question: 'update-password', username: 'Ana' } });
    if (!decision.ok) throw new Error('no decision');
    expect(decision.value.options.map((o) => o.value)).toEqual([stored.identifier, 'new']);
    // The page sees the entry without its password.
    expect(JSON.stringify(decision.value)).not.toContain('pw-1');

    const snapshot = decision.value.entries[stored.identifier];
    const values: EntryValues = { ...valuesOf(capture), target: stored.identifier, name: snapshot.name, url: snapshot.url, username: snapshot.username, tags: snapshot.tags };
    expect(await fromPage({ type: 'preview-update', id: capture.id, values })).toEqual({ ok: true, value: [{ field: 'password' }] });
    expect(await fromPage({ type: 'save-capture', id: capture.id, values })).toEqual({ ok: true, value: { identifier: stored.identifier } });
    const puts = mysafe.requests().filter((r) => r.method === 'PUT');
    expect(puts.map((r) => Object.keys(r.body as object))).toEqual([['password']]);
    expect(mysafe.entries()).toEqual([expect.objectContaining({ password: 'pw-2', tags: 'shop', username: 'Ana' })]);
  });

  it('a login or sign-up whose kind was a guess is kept flagged, for the card to ask', async () => {
    const guessed = { type: 'form-submitted' as const, form: { kind: 'login' as const, username: 'ana', password: 'pw-1', kindGuessed: true } };
    await onFormSubmitted(guessed, sender(url));
    const [capture] = await openCaptures();
    expect(capture).toMatchObject({ kind: 'login', username: 'ana', password: 'pw-1', kindGuessed: true });
  });

  it('a change in a guessed order whose second password MySafe holds is kept, flagged, with that entry to update', async () => {
    // The user typed new then old: field order says old = pw-2, new = pw-1, and the entry holds pw-1 (really the old).
    const stored = mysafe.addEntry(DEMO_CLIENT.username, { name: 'Shop', url: 'shop.example', username: 'ana', password: 'pw-1' });
    const change = { type: 'form-submitted' as const, form: { kind: 'change' as const, username: '', password: 'pw-1', oldPassword: 'pw-2', orderGuessed: true } };
    await onFormSubmitted(change, sender('https://shop.example/account'));
    const [capture] = await openCaptures();
    expect(capture).toMatchObject({ kind: 'change', password: 'pw-1', oldPassword: 'pw-2', orderGuessed: true });
    const decision = await fromPage({ type: 'capture-decision', id: capture.id });
    expect(decision).toMatchObject({ ok: true, value: { action: 'update', options: [{ value: stored.identifier }, { value: 'new' }] } });
  });

  it('never offers captures for a never-site again, until it is removed', async () => {
    await onFormSubmitted(login('ana', 'pw-1'), sender(url));
    const [capture] = await listCaptures();
    expect(await fromPage({ type: 'never-site', id: capture.id })).toMatchObject({ ok: true });
    expect(await openCaptures()).toHaveLength(0);
    await onFormSubmitted(login('bob', 'pw-2'), sender('https://shop.example/other'));
    expect(await openCaptures()).toHaveLength(0);
    expect(await fromPage({ type: 'get-preferences' })).toMatchObject({ neverSites: [{ host: 'shop.example' }] });
    await fromPage({ type: 'remove-never-site', host: 'shop.example' });
    await onFormSubmitted(login('bob', 'pw-2'), sender('https://shop.example/other'));
    expect(await listCaptures()).toHaveLength(1);
  });

  it('queues a save MySafe could not take, and the retry saves it once', async () => {
    await onFormSubmitted(login('ana', 'pw-1'), sender(url));
    const [capture] = await listCaptures();
    mysafe.failNext(1, 502);
    expect(await fromPage({ type: 'save-capture', id: capture.id, values: valuesOf(capture) })).toMatchObject({
      ok: false,
      error: { kind: 'gateway', willRetry: true },
    });
    const queued = ((await fromPage({ type: 'get-captures' }))).captures;
    expect(queued.map((c) => [c.id, c.state.status])).toEqual([[capture.id, 'queued']]);

    await runDueRetries(Date.now() + 60 * 60_000);
    expect(mysafe.entries()).toHaveLength(1);
    const view = (await fromPage({ type: 'get-captures' }));
    expect(view.captures.map((c) => c.state)).toEqual([expect.objectContaining({ status: 'saved', identifier: mysafe.entries()[0].identifier })]);
    // A saved capture keeps no secret.
    expect(view.captures[0].password).toBe('');
  });

  it('new entries start with the default tags and sharing', async () => {
    await fromPage({ type: 'save-defaults', defaults: { tags: ' web ', users: [], groups: [{ name: 'Team', can_edit: true }, { name: ' ' }] } });
    await onFormSubmitted(login('ana', 'pw-1'), sender(url));
    const [capture] = await listCaptures();
    expect(await fromPage({ type: 'capture-decision', id: capture.id })).toMatchObject({
      ok: true,
      value: { action: 'add', question: 'save', defaults: { tags: 'web', users: [], groups: [{ name: 'Team', can_edit: true }] } },
    });
  });
});
