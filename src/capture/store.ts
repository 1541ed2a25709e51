import browser from 'webextension-polyfill';
import type { Capture } from './types';
import { sameCapture } from '../save/decision';
import { showBadges } from './badge';

// Pending captures live in storage.session: they survive the service worker being stopped, and with the default
// access level content scripts cannot read them. A capture stays until it is saved or dismissed.

const KEY = 'pending-captures';
/** Captures whose last save may have reached MySafe (timeout, gateway error): check before creating again. */
const UNCERTAIN_KEY = 'uncertain-saves';

// Read-modify-write steps run one after another so two messages arriving together do not lose a capture.
let queue: Promise<unknown> = Promise.resolve();
function serialized<T>(step: () => Promise<T>): Promise<T> {
  const run = queue.then(step, step);
  queue = run.catch(() => {});
  return run;
}

export async function listCaptures(): Promise<Capture[]> {
  return ((await browser.storage.session.get(KEY))[KEY] as Capture[] | undefined) ?? [];
}

async function write(captures: Capture[], touchedTabs: number[]): Promise<void> {
  await browser.storage.session.set({ [KEY]: captures });
  await showBadges(captures, touchedTabs);
}

/** Adds a capture; one with the same values replaces its earlier copy (a form reported twice) and keeps its id. */
export function addCapture(capture: Capture): Promise<Capture> {
  return serialized(async () => {
    const captures = await listCaptures();
    const earlier = captures.find((c) => sameCapture(c, capture));
    const added = earlier ? { ...capture, id: earlier.id } : capture;
    const rest = captures.filter((c) => c !== earlier);
    await write([...rest, added], earlier ? [earlier.tabId] : []);
    return added;
  });
}

export async function getCapture(id: string): Promise<Capture | undefined> {
  return (await listCaptures()).find((c) => c.id === id);
}

/** Changes a pending capture in place (a scanned authenticator key put on a login); undefined when it is gone. */
export function updateCapture(id: string, change: (capture: Capture) => Capture): Promise<Capture | undefined> {
  return serialized(async () => {
    const captures = await listCaptures();
    const index = captures.findIndex((c) => c.id === id);
    if (index < 0) return undefined;
    const updated = { ...change(captures[index]), id };
    captures[index] = updated;
    await write(captures, []);
    return updated;
  });
}

export function removeCapture(id: string): Promise<void> {
  return serialized(async () => {
    const captures = await listCaptures();
    const gone = captures.find((c) => c.id === id);
    if (!gone) return;
    await write(captures.filter((c) => c !== gone), [gone.tabId]);
    await markUncertain(id, false);
  });
}

async function uncertainIds(): Promise<string[]> {
  return ((await browser.storage.session.get(UNCERTAIN_KEY))[UNCERTAIN_KEY] as string[] | undefined) ?? [];
}

export async function isUncertain(id: string): Promise<boolean> {
  return (await uncertainIds()).includes(id);
}

export async function markUncertain(id: string, uncertain: boolean): Promise<void> {
  const ids = await uncertainIds();
  // Every removal clears the mark: most captures never had one, and a write would wake the popup's listener for nothing.
  if (ids.includes(id) === uncertain) return;
  const next = ids.filter((x) => x !== id).concat(uncertain ? [id] : []);
  await browser.storage.session.set({ [UNCERTAIN_KEY]: next });
}

/** The toolbar badge is per tab and a navigation may clear it: show it again. */
export async function refreshBadge(tabId: number): Promise<void> {
  await showBadges(await listCaptures(), [tabId]);
}
