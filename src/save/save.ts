import browser from 'webextension-polyfill';
import { isMySafeError, type MySafeClient, type NewEntry } from '../mysafe';
import { changeCapture, getCapture, listCaptures, setState, withoutSecrets } from '../capture/store';
import type { Capture, SaveValues } from '../capture/types';
import type { Result, UiError } from '../protocol/ui';
import { clientFor } from './connection';
import { invalidateList } from './entries';
import { planSave } from './plan';
import { loadSettings } from './settings';

// The one save path, for logins and authenticator keys alike: a create, or an update with only the changed fields
// (plan.ts). The capture's state (src/capture/types.ts) says where the save is. A save that fails because MySafe
// cannot be reached is queued in that state and tried again by an alarm with backoff; a create that may have reached
// MySafe (timeout, gateway error, a lost answer) is made again only after a list by url and username shows it was not.

const ALARM = 'mysafe-save-retry';
/** Seconds before each next try; the last one repeats. (Chrome runs alarms of packed extensions 30 s apart at least.) */
const BACKOFF_S = [10, 30, 60, 120, 300, 600];

export type SaveResult = Result<{ identifier: string }>;

export function toUiError(error: unknown): UiError {
  if (isMySafeError(error)) return { kind: error.kind, field: error.field, retryable: error.retryable };
  return { kind: 'unknown', retryable: true };
}

/** Sets the retry alarm for the earliest queued save, or clears it when none waits. */
async function scheduleRetries(): Promise<void> {
  const due = (await listCaptures()).flatMap((c) => (c.state.status === 'queued' ? [c.state.nextAt] : []));
  if (due.length) await browser.alarms.create(ALARM, { when: Math.max(Math.min(...due), Date.now() + 1000) });
  else await browser.alarms.clear(ALARM);
}

/** After a save that may have reached MySafe, an entry with the same name, url and username is that save. */
async function earlierCreate(client: MySafeClient, body: NewEntry): Promise<string | undefined> {
  const found = await client.listEntries({ url: body.url, username: body.username });
  return found.find((e) => e.name === body.name && e.url === (body.url ?? '') && e.username === body.username)?.identifier;
}

const sameCreate = (a: NewEntry, b: NewEntry) => a.name === b.name && a.url === b.url && a.username === b.username;

async function write(client: MySafeClient, capture: Capture, values: SaveValues): Promise<string | UiError> {
  if (values.target === 'new') {
    const plan = planSave(values);
    if (plan.method === 'invalid') return { kind: 'missing-field', field: plan.field };
    if (plan.method !== 'create') throw new Error('unexpected plan');
    if (capture.maybeApplied) {
      // The create that may have gone through was sent with the queued attempt's values, which a popup opened since
      // does not show (a name typed in a popup since closed): look for that one too.
      const tried = capture.state.status === 'queued' ? planSave(capture.state.values) : undefined;
      const bodies = tried?.method === 'create' && !sameCreate(tried.body, plan.body) ? [tried.body, plan.body] : [plan.body];
      for (const body of bodies) {
        const earlier = await earlierCreate(client, body);
        if (earlier) return earlier;
      }
    }
    // Dismissed while MySafe was asked: nothing is written for it.
    if (!(await getCapture(capture.id))) return { kind: 'gone' };
    return (await client.createEntry(plan.body)).identifier;
  }
  // Read the entry as it is now, so that only what really changes is sent (an update is the same when repeated).
  const plan = planSave(values, await client.readEntry(values.target));
  if (plan.method === 'update' && Object.keys(plan.body).length > 0) await client.updateEntry(plan.identifier, plan.body);
  return values.target;
}

/** Saves capture `id` with `values`, asked by a person in the popup or by the retry alarm. */
async function saveCapture(id: string, values: SaveValues, by: 'person' | 'retry'): Promise<SaveResult> {
  const capture = await getCapture(id);
  if (!capture) return { ok: false, error: { kind: 'gone' } };
  if (capture.state.status === 'saved') return { ok: true, value: { identifier: capture.state.identifier } };
  const settings = await loadSettings();
  if (!settings) {
    const error: UiError = { kind: 'not-configured' };
    await setState(id, { status: 'failed', error });
    return { ok: false, error };
  }
  const previous = capture.state;
  if (!(await setState(id, { status: 'saving', values }))) return { ok: false, error: { kind: 'gone' } };
  try {
    const written = await write(clientFor(settings), capture, values);
    if (typeof written !== 'string') {
      await setState(id, { status: 'failed', error: written });
      return { ok: false, error: written };
    }
    await changeCapture(id, (c) => ({ ...withoutSecrets(c), maybeApplied: false, state: { status: 'saved', identifier: written, at: Date.now(), seen: by === 'person' } }));
    await invalidateList();
    if (previous.status === 'queued') await scheduleRetries();
    return { ok: true, value: { identifier: written } };
  } catch (error) {
    // The capture stays whatever went wrong, so the user can try again.
    const uiError = toUiError(error);
    const maybeApplied = capture.maybeApplied || (isMySafeError(error) && error.maybeApplied);
    if (!uiError.retryable) {
      await setState(id, { status: 'failed', error: uiError }, { maybeApplied });
      return { ok: false, error: uiError };
    }
    const attempt = previous.status === 'queued' ? previous.attempt + 1 : 0;
    const nextAt = Date.now() + BACKOFF_S[Math.min(attempt, BACKOFF_S.length - 1)] * 1000;
    const queued = await setState(id, { status: 'queued', values, attempt, nextAt, error: uiError }, { maybeApplied });
    await scheduleRetries();
    return { ok: false, error: { ...uiError, willRetry: !!queued } };
  }
}

/** `run`, except that a call for an id whose run is still under way joins that run instead of starting another. */
function joinedPerId<A extends unknown[], T>(run: (id: string, ...args: A) => Promise<T>): (id: string, ...args: A) => Promise<T> {
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

/** The queued saves whose time has come, one after another. */
export async function runDueRetries(now = Date.now()): Promise<void> {
  for (const capture of await listCaptures()) {
    if (capture.state.status === 'queued' && capture.state.nextAt <= now) await saveOnce(capture.id, capture.state.values, 'retry');
  }
  await scheduleRetries();
}

/**
 * A save the service worker was stopped in the middle of: it may have reached MySafe, so it is queued as uncertain
 * and tried again now (the uncertain-create check makes it one entry).
 */
async function resumeInterruptedSaves(): Promise<void> {
  for (const capture of await listCaptures()) {
    if (capture.state.status !== 'saving') continue;
    const { values } = capture.state;
    await setState(capture.id, { status: 'queued', values, attempt: 0, nextAt: Date.now(), error: { kind: 'interrupted', retryable: true } }, { maybeApplied: true });
  }
  await scheduleRetries();
}

/** The retry alarm, and saves a stopped worker left half done (called by src/background/index.ts at start). */
export function register(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) runDueRetries().catch((error) => console.warn('queued save failed:', (error as Error).message));
  });
  resumeInterruptedSaves().catch((error) => console.warn('interrupted saves not resumed:', (error as Error).message));
}
