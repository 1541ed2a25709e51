// The capture lifecycle (src/capture/types.ts): every change of state is a transition() checked inside the store's
// serialised update, so one made on a stale read is refused, not written. Races are made with the local MySafe
// server: a request it received is the moment to act, and nothing here waits by sleeping.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const stores = vi.hoisted(() => ({ local: new Map<string, unknown>(), session: new Map<string, unknown>() }));
const web = vi.hoisted(() => ({ listeners: {} as Record<string, (details: Record<string, unknown>) => void> }));

vi.mock('webextension-polyfill', async () => {
  const { fakeBrowserModule } = await import('./fake-browser');
  const event = (name: string) => ({ addListener: (listener: (details: Record<string, unknown>) => void) => void (web.listeners[name] = listener) });
  return fakeBrowserModule(stores, {
    alarms: { create: async () => {}, clear: async () => true, onAlarm: { addListener: () => {} } },
    webRequest: { onBeforeRequest: event('before'), onCompleted: event('completed'), onErrorOccurred: event('error') },
  });
});

import { DEMO_CLIENT, type LoggedRequest, type MySafeServer } from '../../src/mysafe-server';
import { shopLogin, useLocalMySafe } from './local-mysafe';
import { ALLOWED_FROM, SAVED_KEPT_MS, addCapture, getCapture, listCaptures, listForPopup, removeCapture, transition } from '../../src/capture/store';
import { register as registerRefusedLogin, watchForRejection } from '../../src/capture/refused-login';
import { write } from '../../src/protocol/storage';
import { register as registerSaves, runDueRetries, saveOnce } from '../../src/save/save';
import type { Capture, CaptureState, CaptureStatus, SaveValues } from '../../src/capture/types';

const server = useLocalMySafe(stores);
let mysafe: MySafeServer;
beforeEach(() => {
  mysafe = server();
});

const url = 'https://shop.example/login';
const values = (name = 'shop.example'): SaveValues => ({ target: 'new', name, url, username: 'ana', password: 'pw-1' });
const isCreate = (r: LoggedRequest) => r.method === 'POST' && r.path === '/api/mysafe/password';
const isLookup = (r: LoggedRequest) => r.method === 'GET' && r.path === '/api/mysafe/password' && r.query.username === 'ana';
const isWrite = (r: LoggedRequest) => r.method !== 'GET' && r.path.startsWith('/api/mysafe/');
const creates = () => mysafe.requests().filter(isCreate);

const login = shopLogin;

const STATES: Record<CaptureStatus, CaptureState> = {
  pending: { status: 'pending' },
  saving: { status: 'saving', values: values(), maybeApplied: [] },
  queued: { status: 'queued', values: values(), attempt: 0, nextAt: 0, error: { kind: 'gateway', retryable: true }, maybeApplied: [] },
  failed: { status: 'failed', error: { kind: 'server', retryable: false }, maybeApplied: [] },
  saved: { status: 'saved', identifier: 'e1', at: Date.now(), seen: true },
};

/** Puts capture `id` in `state` as if it had got there. */
async function seed(state: CaptureState, id = 'c1'): Promise<Capture> {
  const capture: Capture = { ...login(id), state };
  await write('pending-captures', [...(await listCaptures()), capture]);
  return capture;
}

/** A login queued with its create's answer lost (applied, maybe). */
async function queuedAfterLostAnswer(name = 'My shop'): Promise<string> {
  const { id } = await addCapture(login());
  mysafe.loseNextAnswer(1);
  expect(await saveOnce(id, values(name), 'person')).toMatchObject({ ok: false, error: { kind: 'gateway', willRetry: true } });
  return id;
}

describe('the store refuses every transition from a state it is not allowed from', () => {
  for (const [rule, allowed] of Object.entries(ALLOWED_FROM)) {
    for (const status of Object.keys(STATES) as CaptureStatus[]) {
      if ((allowed as readonly string[]).includes(status)) continue;
      it(`${rule} from ${status}`, async () => {
        const before = await seed(STATES[status]);
        const moved = await transition('c1', allowed, () => null);
        expect(moved).toEqual({ ok: false, current: before });
        expect(await listCaptures()).toEqual([before]);
      });
    }
  }

  it('any change of a capture that is gone, which stays gone', async () => {
    expect(await transition('c1', ALLOWED_FROM.dismiss, (c) => c)).toEqual({ ok: false, current: undefined });
    expect(await listCaptures()).toEqual([]);
  });

  it('a key attached to a login being saved: refused, the login keeps what is being saved', async () => {
    const before = await seed(STATES.saving);
    const key = { type: 'totp' as const, issuer: 'Shop', account: 'ana', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1' as const, digits: 6 };
    expect((await transition('c1', ALLOWED_FROM.attachKey, (c) => ({ ...c, totp: key }))).ok).toBe(false);
    expect(await getCapture('c1')).toEqual(before);
  });

  it('a retry of a capture saved meanwhile: no request, the capture stays saved', async () => {
    const before = await seed(STATES.saved);
    expect(await saveOnce('c1', values(), 'retry')).toEqual({ ok: true, value: { identifier: 'e1' } });
    expect(mysafe.requests().filter(isWrite)).toEqual([]);
    expect(await getCapture('c1')).toEqual(before);
  });

  it('a worker started again queues the save it was stopped in, and leaves one saved meanwhile saved', async () => {
    await seed(STATES.saved, 'done');
    await seed(STATES.saving, 'cut');
    registerSaves();
    await vi.waitFor(async () => expect((await getCapture('cut'))?.state).toMatchObject({ status: 'queued', maybeApplied: [values()] }));
    expect((await getCapture('done'))?.state).toEqual(STATES.saved);
  });
});

describe('a dismiss racing a save', () => {
  it('while its retry is queued: the retry sends nothing', async () => {
    const id = await queuedAfterLostAnswer();
    expect(await removeCapture(id)).toBe(true);
    await runDueRetries(Date.now() + 3_600_000);
    expect(creates()).toHaveLength(1);
    expect(mysafe.requests().some(isLookup)).toBe(false);
    expect(await listCaptures()).toEqual([]);
  });

  it('while its retry looks for the earlier create: nothing is created, and the capture stays gone', async () => {
    await queuedAfterLostAnswer('My shop');
    mysafe.reset(); // the lost create is not there: the retry would create one
    mysafe.setLatency(200);
    const retry = saveOnce('c1', values('My shop'), 'retry');
    await mysafe.waitForRequest(isLookup);
    await removeCapture('c1');
    expect(await retry).toEqual({ ok: false, error: { kind: 'gone' } });
    expect(mysafe.requests().filter(isWrite)).toEqual([]);
    expect(await listCaptures()).toEqual([]);
  });

  it('while its create is in flight: the capture is not brought back', async () => {
    const { id } = await addCapture(login());
    mysafe.setLatency(200);
    const save = saveOnce(id, values(), 'person');
    await mysafe.waitForRequest(isCreate);
    await removeCapture(id);
    expect(await save).toMatchObject({ ok: true });
    expect(await listCaptures()).toEqual([]);
  });

  it('while an update reads the entry: no update is sent, and the capture stays gone', async () => {
    const entry = mysafe.addEntry(DEMO_CLIENT.username, { name: 'shop.example', url, username: 'ana', password: 'old' });
    const { id } = await addCapture(login());
    mysafe.setLatency(200);
    const save = saveOnce(id, { ...values(), target: entry.identifier }, 'person');
    await mysafe.waitForRequest((r) => r.method === 'GET' && r.path.endsWith(entry.identifier));
    await removeCapture(id);
    expect(await save).toEqual({ ok: false, error: { kind: 'gone' } });
    expect(mysafe.requests().filter(isWrite)).toEqual([]);
    expect(mysafe.entries()[0].password).toBe('old');
    expect(await listCaptures()).toEqual([]);
  });
});

describe('a 4xx answer to the login form (the site refused it)', () => {
  registerRefusedLogin();
  let requestId = 0;
  /** The page's POST (in tab `tabId`) answered `status`, as webRequest reports it. */
  const siteAnswers = (status: number, tabId = 5) => {
    const details = { requestId: String(++requestId), method: 'POST', tabId, frameId: 0, url: `${url}?try`, timeStamp: Date.now(), statusCode: status };
    web.listeners.before(details);
    web.listeners.completed(details);
  };

  it('drops a capture still waiting for the user', async () => {
    const capture = await addCapture(login());
    watchForRejection(capture, Date.now());
    siteAnswers(401);
    await vi.waitFor(async () => expect(await listCaptures()).toEqual([]));
  });

  it('leaves a capture the user is saving, and the save ends saved', async () => {
    // Another tab: the refusal of the test before is still within its window.
    const capture = await addCapture({ ...login(), tabId: 6 });
    watchForRejection(capture, Date.now());
    mysafe.setLatency(200);
    const save = saveOnce(capture.id, values(), 'person');
    await mysafe.waitForRequest(isCreate);
    siteAnswers(401, 6);
    // The drop is a transition like any other: it is refused in the store's update, and the save's own comes after.
    expect(await save).toMatchObject({ ok: true });
    expect((await getCapture(capture.id))?.state).toMatchObject({ status: 'saved' });
  });
});

describe('a second entry', () => {
  it('is not made by Save again after a create answered 2xx with an unreadable body', async () => {
    const { id } = await addCapture(login());
    mysafe.loseNextAnswer(1, 'unreadable');
    expect(await saveOnce(id, values('My shop'), 'person')).toMatchObject({ ok: false, error: { kind: 'invalid-response', retryable: false } });
    expect((await getCapture(id))?.state).toMatchObject({ status: 'failed', maybeApplied: [values('My shop')] });
    const [applied] = mysafe.entries();
    expect(await saveOnce(id, values('My shop'), 'person')).toEqual({ ok: true, value: { identifier: applied.identifier } });
    expect(creates()).toHaveLength(1);
  });

  it('is not made after queued (maybe applied), a non-retryable error, and a save with other values', async () => {
    const id = await queuedAfterLostAnswer('My shop');
    // The retry's look-up is answered with a page that is not JSON: an error that does not pass by itself.
    mysafe.failNext(1, 'not-json');
    expect(await saveOnce(id, values('My shop'), 'retry')).toMatchObject({ ok: false, error: { kind: 'invalid-response' } });
    expect((await getCapture(id))?.state).toMatchObject({ status: 'failed', maybeApplied: [values('My shop')] });
    // The user edits the name and saves: the first create is found by the values it was sent with.
    const [applied] = mysafe.entries();
    expect(await saveOnce(id, values('Shop, edited'), 'person')).toEqual({ ok: true, value: { identifier: applied.identifier } });
    expect(mysafe.entries()).toHaveLength(1);
    expect(creates()).toHaveLength(1);
  });
});

describe('a capture saved by a background retry', () => {
  it('is listed unseen by the next popup once, then seen; a saved one past its time is not listed', async () => {
    const id = await queuedAfterLostAnswer();
    await runDueRetries(Date.now() + 3_600_000);
    expect((await getCapture(id))?.state).toMatchObject({ status: 'saved', seen: false });
    expect((await listForPopup()).map((c) => c.state)).toEqual([expect.objectContaining({ status: 'saved', seen: false })]);
    expect((await listForPopup()).map((c) => c.state)).toEqual([expect.objectContaining({ status: 'saved', seen: true })]);

    await seed({ status: 'saved', identifier: 'e2', at: Date.now() - SAVED_KEPT_MS - 1, seen: false }, 'old');
    expect((await listForPopup()).map((c) => c.id)).toEqual([id]);
  });
});
