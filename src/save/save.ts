import browser from 'webextension-polyfill';
import { isMySafeError, type MySafeClient, type NewEntry } from '../mysafe';
import type { EntryValues, Result, UiError } from '../protocol/ui';
import { getCapture, isUncertain, markUncertain, removeCapture } from '../capture/store';
import { invalidateList } from './entries';
import { clientFor } from './connection';
import { planSave } from './plan';
import { loadSettings } from './settings';

// Saving a capture into MySafe: a create, or an update with only the changed fields (save-plan.ts). A save that fails
// because MySafe cannot be reached is queued (storage.session) and tried again by an alarm with backoff; the capture
// stays pending and the popup says "will retry". A create that may have reached MySafe (timeout, gateway error) is
// made again only after a list by url and username shows it was not.

const RETRY_KEY = 'save-retries';
const SAVED_KEY = 'saved-by-retry';
const ALARM = 'mysafe-save-retry';
/** Seconds before each next try; the last one repeats. (Chrome runs alarms of packed extensions 30 s apart at least.) */
const BACKOFF_S = [10, 30, 60, 120, 300, 600];

interface QueuedSave {
  values: EntryValues;
  attempt: number;
  nextAt: number;
}
type Queue = Record<string, QueuedSave>;

export type SaveResult = Result<{ identifier: string }>;

export function toUiError(error: unknown): UiError {
  if (isMySafeError(error)) return { kind: error.kind, field: error.field, retryable: error.retryable };
  return { kind: 'unknown', retryable: true };
}

async function readQueue(): Promise<Queue> {
  return ((await browser.storage.session.get(RETRY_KEY))[RETRY_KEY] as Queue | undefined) ?? {};
}

// Queue and saved-map changes run one after another (an alarm and the popup may touch them together).
let queueLock: Promise<unknown> = Promise.resolve();
function locked<T>(step: () => Promise<T>): Promise<T> {
  const run = queueLock.then(step, step);
  queueLock = run.catch(() => {});
  return run;
}

async function writeQueue(queue: Queue): Promise<void> {
  await browser.storage.session.set({ [RETRY_KEY]: queue });
  const next = Math.min(...Object.values(queue).map((q) => q.nextAt));
  if (Number.isFinite(next)) await browser.alarms.create(ALARM, { when: Math.max(next, Date.now() + 1000) });
  else await browser.alarms.clear(ALARM);
}

function queueRetry(id: string, values: EntryValues): Promise<void> {
  return locked(async () => {
    const queue = await readQueue();
    const attempt = (queue[id]?.attempt ?? -1) + 1;
    const delay = BACKOFF_S[Math.min(attempt, BACKOFF_S.length - 1)] * 1000;
    queue[id] = { values, attempt, nextAt: Date.now() + delay };
    await writeQueue(queue);
  });
}

function dropRetry(id: string): Promise<void> {
  return locked(async () => {
    const queue = await readQueue();
    if (!(id in queue)) return;
    delete queue[id];
    await writeQueue(queue);
  });
}

/** Captures waiting for a retry, with when the next try is due. */
export async function pendingRetries(): Promise<Record<string, number>> {
  return Object.fromEntries(Object.entries(await readQueue()).map(([id, q]) => [id, q.nextAt]));
}

/** Captures a queued retry saved, so a popup that showed "will retry" can show "saved". */
export async function savedByRetry(): Promise<Record<string, string>> {
  return ((await browser.storage.session.get(SAVED_KEY))[SAVED_KEY] as Record<string, string> | undefined) ?? {};
}

function noteSavedByRetry(id: string, identifier: string): Promise<void> {
  return locked(async () => {
    await browser.storage.session.set({ [SAVED_KEY]: { ...(await savedByRetry()), [id]: identifier } });
  });
}

/** After a save that may have reached MySafe, an entry with the same name, url and username is that save. */
async function earlierCreate(client: MySafeClient, body: NewEntry): Promise<string | undefined> {
  const found = await client.listEntries({ url: body.url, username: body.username });
  return found.find((e) => e.name === body.name && e.url === (body.url ?? '') && e.username === body.username)?.identifier;
}

async function write(client: MySafeClient, id: string, values: EntryValues): Promise<string | UiError> {
  if (values.target === 'new') {
    const plan = planSave(values);
    if (plan.method === 'invalid') return { kind: 'missing-field', field: plan.field };
    if (plan.method !== 'create') throw new Error('unexpected plan');
    if (await isUncertain(id)) {
      const earlier = await earlierCreate(client, plan.body);
      if (earlier) return earlier;
    }
    return (await client.createEntry(plan.body)).identifier;
  }
  // Read the entry as it is now, so that only what really changes is sent.
  const plan = planSave(values, await client.readEntry(values.target));
  if (plan.method === 'update' && Object.keys(plan.body).length > 0) await client.updateEntry(plan.identifier, plan.body);
  return values.target;
}

async function saveCapture(id: string, values: EntryValues, byRetry = false): Promise<SaveResult> {
  if (!(await getCapture(id))) {
    await dropRetry(id);
    return { ok: false, error: { kind: 'gone' } };
  }
  const settings = await loadSettings();
  if (!settings) return { ok: false, error: { kind: 'not-configured' } };
  try {
    const written = await write(clientFor(settings), id, values);
    if (typeof written !== 'string') return { ok: false, error: written };
    await removeCapture(id);
    await dropRetry(id);
    await invalidateList();
    if (byRetry) await noteSavedByRetry(id, written);
    return { ok: true, value: { identifier: written } };
  } catch (error) {
    // The capture stays whatever went wrong, so the user can try again.
    if (isMySafeError(error) && error.maybeApplied) await markUncertain(id, true);
    const uiError = toUiError(error);
    if (uiError.retryable) {
      await queueRetry(id, values);
      return { ok: false, error: { ...uiError, willRetry: true } };
    }
    await dropRetry(id);
    return { ok: false, error: uiError };
  }
}

/** `run`, except that a call for an id whose run is still under way joins that run instead of starting another. */
export function joinedPerId<A extends unknown[], T>(run: (id: string, ...args: A) => Promise<T>): (id: string, ...args: A) => Promise<T> {
  const inFlight = new Map<string, Promise<T>>();
  return (id, ...args) => {
    let running = inFlight.get(id);
    if (!running) {
      running = run(id, ...args).finally(() => inFlight.delete(id));
      inFlight.set(id, running);
    }
    return running;
  };
}

// A double click on Save must make one request: a second save of the same capture joins the first (also an alarm's).
export const saveOnce = joinedPerId(saveCapture);

/** The queued saves whose time has come. */
export async function runDueRetries(now = Date.now()): Promise<void> {
  const queue = await readQueue();
  const due = Object.entries(queue).filter(([, q]) => q.nextAt <= now);
  for (const [id, queued] of due) await saveOnce(id, queued.values, true);
  // Not-yet-due ones keep their alarm; make sure one is set.
  if (due.length < Object.keys(queue).length) await locked(async () => writeQueue(await readQueue()));
}

/** Dismissed or never-site captures leave the queue too. */
export async function forgetSave(id: string): Promise<void> {
  await dropRetry(id);
}

/** The background's alarm listener (registered in index.ts). */
export function onRetryAlarm(alarm: { name: string }): void {
  if (alarm.name === ALARM) runDueRetries().catch((error) => console.warn('queued save failed:', (error as Error).message));
}
