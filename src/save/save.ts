import browser from 'webextension-polyfill';
import { isMySafeError, type MySafeClient, type NewEntry } from '../mysafe';
import { ALLOWED_FROM, getCapture, listCaptures, transition, withoutSecrets, type Transition } from '../capture/store';
import type { CaptureState, SaveValues } from '../capture/types';
import type { Result, UiError } from '../errors';
import { clientFor } from './connection';
import { invalidateList } from './entries';
import { planSave } from './plan';
import { loadSettings } from './settings';

// The one save path, for logins and authenticator keys alike: a create, or an update with only the changed fields
// (plan.ts). The capture's state (src/capture/types.ts) says where the save is, and every move between states is a
// transition() of the store, checked against the state as it is then: a capture dismissed or saved meanwhile stays
// so. A save that fails because MySafe cannot be reached is queued in that state and tried again by an alarm with
// backoff; a create that may have reached MySafe (timeout, gateway error, a lost or unreadable answer) is kept in the
// state's `maybeApplied`, and made again only after a list by url and username shows none of them was.

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

/** The body a create with `values` sends; undefined for an update or values that cannot be saved. */
function createBody(values: SaveValues): NewEntry | undefined {
  if (values.target !== 'new') return undefined;
  const plan = planSave(values);
  return plan.method === 'create' ? plan.body : undefined;
}

/** The creates that may have reached MySafe, with `values` added (when they are a create not listed yet). */
export function withMaybeApplied(maybeApplied: SaveValues[], values: SaveValues): SaveValues[] {
  const body = createBody(values);
  const listed = maybeApplied.some((v) => {
    const other = createBody(v);
    return !!other && !!body && sameCreate(other, body);
  });
  return body && !listed ? [...maybeApplied, values] : maybeApplied;
}

/** The creates of a state that may have reached MySafe. */
const maybeAppliedOf = (state: CaptureState): SaveValues[] => ('maybeApplied' in state ? state.maybeApplied : []);

/** Whether capture `id` is still being saved: it was not dismissed (or saved elsewhere) while MySafe was asked. */
async function stillSaving(id: string): Promise<boolean> {
  return (await getCapture(id))?.state.status === 'saving';
}

const GONE: UiError = { kind: 'gone' };

async function write(client: MySafeClient, id: string, values: SaveValues, maybeApplied: SaveValues[]): Promise<string | UiError> {
  if (values.target === 'new') {
    const plan = planSave(values);
    if (plan.method === 'invalid') return { kind: 'missing-field', field: plan.field };
    if (plan.method !== 'create') throw new Error('unexpected plan');
    // Each create that may have gone through was sent with its attempt's values, which the card may no longer show
    // (a name typed in a popup since closed, or edited after an error): look for every one of them, and these.
    const lookFor = maybeApplied.length ? withMaybeApplied(maybeApplied, values) : [];
    for (const sent of lookFor) {
      const earlier = await earlierCreate(client, createBody(sent)!);
      if (earlier) return earlier;
    }
    // Dismissed while MySafe was asked: nothing is written for it.
    if (!(await stillSaving(id))) return GONE;
    return (await client.createEntry(plan.body)).identifier;
  }
  // Read the entry as it is now, so that only what really changes is sent (an update is the same when repeated).
  const plan = planSave(values, await client.readEntry(values.target));
  if (plan.method === 'update' && Object.keys(plan.body).length > 0) {
    if (!(await stillSaving(id))) return GONE;
    await client.updateEntry(plan.identifier, plan.body);
  }
  return values.target;
}

/** What a save says when its capture could not be moved: saved meanwhile, being saved already, or gone. */
function refused(moved: Transition & { ok: false }): SaveResult {
  const state = moved.current?.state;
  if (state?.status === 'saved') return { ok: true, value: { identifier: state.identifier } };
  // Only a save a stopped worker left half done is still `saving` here: it is taken up by itself.
  if (state?.status === 'saving') return { ok: false, error: { kind: 'interrupted', retryable: true, willRetry: true } };
  return { ok: false, error: GONE };
}

/** Moves a save under way to failed; a capture dismissed meanwhile stays gone. */
async function fail(id: string, error: UiError, maybeApplied: SaveValues[]): Promise<SaveResult> {
  const moved = await transition(id, ALLOWED_FROM.finish, (c) => ({ ...c, state: { status: 'failed', error, maybeApplied } }));
  return moved.ok ? { ok: false, error } : refused(moved);
}

/** Saves capture `id` with `values`, asked by a person in the popup or by the retry alarm. */
async function saveCapture(id: string, values: SaveValues, by: 'person' | 'retry'): Promise<SaveResult> {
  const from = by === 'person' ? ALLOWED_FROM.save : ALLOWED_FROM.retry;
  const settings = await loadSettings();
  if (!settings) {
    const error: UiError = { kind: 'not-configured' };
    const moved = await transition(id, from, (c) => ({ ...c, state: { status: 'failed', error, maybeApplied: maybeAppliedOf(c.state) } }));
    return moved.ok ? { ok: false, error } : refused(moved);
  }
  const started = await transition(id, from, (c) => ({ ...c, state: { status: 'saving', values, maybeApplied: maybeAppliedOf(c.state) } }));
  if (!started.ok) return refused(started);
  const previous = started.before.state;
  const maybeApplied = maybeAppliedOf(previous);
  try {
    const written = await write(clientFor(settings), id, values, maybeApplied);
    if (typeof written !== 'string') return await fail(id, written, maybeApplied);
    const saved = await transition(id, ALLOWED_FROM.finish, (c) => ({
      ...withoutSecrets(c),
      state: { status: 'saved', identifier: written, at: Date.now(), seen: by === 'person' },
    }));
    await invalidateList();
    if (previous.status === 'queued') await scheduleRetries();
    // Dismissed while MySafe wrote it: the entry is there, and the capture stays gone.
    return saved.ok || !saved.current ? { ok: true, value: { identifier: written } } : refused(saved);
  } catch (error) {
    // The capture stays whatever went wrong, so the user can try again.
    const uiError = toUiError(error);
    const uncertain = isMySafeError(error) && error.maybeApplied ? withMaybeApplied(maybeApplied, values) : maybeApplied;
    if (!uiError.retryable) return await fail(id, uiError, uncertain);
    const attempt = previous.status === 'queued' ? previous.attempt + 1 : 0;
    const nextAt = Date.now() + BACKOFF_S[Math.min(attempt, BACKOFF_S.length - 1)] * 1000;
    const queued = await transition(id, ALLOWED_FROM.finish, (c) => ({
      ...c,
      state: { status: 'queued', values, attempt, nextAt, error: uiError, maybeApplied: uncertain },
    }));
    await scheduleRetries();
    return queued.ok ? { ok: false, error: { ...uiError, willRetry: true } } : refused(queued);
  }
}

/** The saves under way in this worker, by capture id. */
const inFlight = new Map<string, Promise<SaveResult>>();

/**
 * Saves capture `id`. A double click on Save must make one request: a save of a capture whose save is still under
 * way (also an alarm's) joins that one instead of starting another.
 */
export function saveOnce(id: string, values: SaveValues, by: 'person' | 'retry'): Promise<SaveResult> {
  let running = inFlight.get(id);
  if (!running) {
    running = saveCapture(id, values, by).finally(() => inFlight.delete(id));
    inFlight.set(id, running);
  }
  return running;
}

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
    // Checked again in the store's update: a save this worker started meanwhile is under way, and a capture saved
    // or dismissed meanwhile stays so.
    await transition(capture.id, ALLOWED_FROM.finish, (c) => {
      if (c.state.status !== 'saving' || inFlight.has(c.id)) return c;
      const { values, maybeApplied } = c.state;
      const error: UiError = { kind: 'interrupted', retryable: true };
      return { ...c, state: { status: 'queued', values, attempt: 0, nextAt: Date.now(), error, maybeApplied: withMaybeApplied(maybeApplied, values) } };
    });
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
