import browser from 'webextension-polyfill';
import { siteKey } from '../platform/site';
import { read, update } from './storage';
import { sameCapture } from './same';
import type { Capture, CaptureStatus, NewCapture } from './types';

// The one place captures are kept and changed. They live in storage.session: they survive the service worker being
// stopped, and with the default access level content scripts cannot read them. Every change goes through update()
// of ./storage.ts, one at a time, so two events at once never lose one; and every change of one capture
// goes through transition(), which checks the capture's state inside that same update, never on an earlier read.

const KEY = 'pending-captures';
/** A page can send many forms; these caps keep a flood from pushing out the user's real login or filling storage. */
export const MAX_PER_SITE = 5;
const MAX_CAPTURES = 20;
/** A saved capture stays (without its secrets) so the popup can say what happened, then goes. */
export const SAVED_KEPT_MS = 10 * 60_000;

/** Every capture but saved ones kept past SAVED_KEPT_MS. */
export async function listCaptures(): Promise<Capture[]> {
  return withoutExpired((await read(KEY)) ?? [], Date.now());
}

export async function getCapture(id: string): Promise<Capture | undefined> {
  return (await listCaptures()).find((c) => c.id === id);
}

/** Waiting for the user or for MySafe: what the badge counts. */
export const isOpen = (capture: Capture) => capture.state.status !== 'saved';

/** Captures the caps may drop: not one the user already confirmed (saving or queued). */
const droppable = (capture: Capture) => capture.state.status === 'pending' || capture.state.status === 'failed';

function withoutExpired(captures: Capture[], now: number): Capture[] {
  return captures.filter((c) => c.state.status !== 'saved' || now - c.state.at < SAVED_KEPT_MS);
}

/** The oldest droppable capture among `captures` matching `where`. */
function oldest(captures: Capture[], where: (c: Capture) => boolean): Capture | undefined {
  return captures.filter((c) => droppable(c) && where(c)).sort((a, b) => a.createdAt - b.createdAt)[0];
}

/** Applies the caps to `captures` with `added` just put at its end: the oldest of its site goes first. */
function capped(captures: Capture[], added: Capture): Capture[] {
  let list = captures;
  const site = siteKey(added.origin);
  const ofSite = (c: Capture) => c !== added && isOpen(c) && siteKey(c.origin) === site;
  while (list.filter(ofSite).length >= MAX_PER_SITE) {
    const out = oldest(list, ofSite);
    if (!out) break;
    list = list.filter((c) => c !== out);
  }
  const others = (c: Capture) => c !== added && isOpen(c);
  while (list.filter(isOpen).length > MAX_CAPTURES) {
    const out = oldest(list, others);
    if (!out) break;
    list = list.filter((c) => c !== out);
  }
  return list;
}

async function change(edit: (captures: Capture[]) => Capture[]): Promise<Capture[]> {
  const before = new Map<number, number>();
  const stored = await update(KEY, (current) => {
    const list = current ?? [];
    for (const c of list.filter(isOpen)) before.set(c.tabId, (before.get(c.tabId) ?? 0) + 1);
    const next = withoutExpired(edit(list), Date.now());
    const same = next.length === list.length && next.every((c, i) => c === list[i]);
    return same ? current : next;
  });
  await showBadges(stored ?? [], [...before.keys()]);
  return stored ?? [];
}

/**
 * Keeps a new capture as pending. One with the same values as an open capture replaces it (a form reported twice) and
 * keeps its id; the caps drop the oldest of the site, then the oldest of all.
 */
export async function addCapture(capture: NewCapture): Promise<Capture> {
  let added: Capture = { ...capture, state: { status: 'pending' } };
  await change((captures) => {
    const earlier = captures.find((c) => droppable(c) && sameCapture(c, capture));
    if (earlier) added = { ...added, id: earlier.id };
    return capped([...captures.filter((c) => c !== earlier), added], added);
  });
  return added;
}

/** From which states each change of a capture is allowed: the lifecycle of src/capture/types.ts in one table. */
export const ALLOWED_FROM = {
  /** A person's Save or Retry: never while a save is under way, nor once saved. */
  save: ['pending', 'queued', 'failed'],
  /** The retry alarm: only a save still queued (not one dismissed, saved or taken up by a person meanwhile). */
  retry: ['queued'],
  /** A save under way ends (saved, queued, failed), or one a stopped worker left is queued again. */
  finish: ['saving'],
  /** A scanned key joins a login only while the user may still edit it: a save under way would lose it. */
  attachKey: ['pending', 'failed'],
  /** Dropped without the user (the site refused the login, MySafe already holds it): never once the user saved. */
  drop: ['pending'],
  /** The user dismisses it, whatever its state: a save under way writes nothing after, nor brings it back. */
  dismiss: ['pending', 'saving', 'queued', 'failed', 'saved'],
} as const satisfies Record<string, readonly CaptureStatus[]>;

/**
 * What transition() did. Refused: `current` is the capture as it is now, in a state the change was not allowed
 * from, or undefined when the capture is gone (dismissed: nothing brings it back).
 */
export type Transition =
  | { ok: true; before: Capture; capture: Capture | undefined }
  | { ok: false; current: Capture | undefined };

/**
 * The one way a capture changes: when, inside the store's serialised update, capture `id` is in one of `allowedFrom`,
 * it becomes what `to` returns (null removes it; the capture it was given changes nothing). Anything else is refused
 * and left as it is.
 */
export async function transition(
  id: string,
  allowedFrom: readonly CaptureStatus[],
  to: (capture: Capture) => Capture | null,
): Promise<Transition> {
  let result: Transition = { ok: false, current: undefined };
  await change((captures) => {
    const current = captures.find((c) => c.id === id);
    if (!current || !allowedFrom.includes(current.state.status)) {
      result = { ok: false, current };
      return captures;
    }
    const next = to(current);
    const capture = next && next !== current ? { ...next, id } : (next ?? undefined);
    result = { ok: true, before: current, capture };
    return capture ? captures.map((c) => (c === current ? capture : c)) : captures.filter((c) => c !== current);
  });
  return result;
}

/**
 * The captures a popup lists. One saved by a background retry that no popup listed yet is in this list, and marked
 * seen: no popup opened later shows it (the one listing it keeps showing it while it stays open).
 */
export async function listForPopup(): Promise<Capture[]> {
  const listed = await listCaptures();
  const unseen = new Set(listed.flatMap((c) => (c.state.status === 'saved' && !c.state.seen ? [c.id] : [])));
  if (unseen.size) {
    await change((captures) =>
      captures.map((c) => (c.state.status === 'saved' && unseen.has(c.id) ? { ...c, state: { ...c.state, seen: true } } : c)),
    );
  }
  return listed;
}

/**
 * Removes every capture `which` accepts (read inside the serialised update): their site made a never-site. A queued
 * save goes with its capture (the retry queue is the captures' state). Resolves to the captures removed.
 */
export async function removeCaptures(which: (capture: Capture) => boolean): Promise<Capture[]> {
  const removed: Capture[] = [];
  await change((captures) =>
    captures.filter((c) => {
      if (!which(c)) return true;
      removed.push(c);
      return false;
    }),
  );
  return removed;
}

/** Dismisses capture `id`, whatever its state: a save under way for it writes nothing after this, nor brings it back. */
export async function removeCapture(id: string): Promise<boolean> {
  return (await transition(id, ALLOWED_FROM.dismiss, () => null)).ok;
}

/** A saved capture keeps no secret: only what the popup needs to say what was saved. */
export function withoutSecrets(capture: Capture): Capture {
  const kept = { ...capture, password: '' };
  delete kept.oldPassword;
  if (kept.totp) kept.totp = { ...kept.totp, secret: '' };
  return kept;
}

/** Shows on each tab's toolbar icon how many of its captures wait; `alsoTabs` are cleared when they have none. */
async function showBadges(captures: Capture[], alsoTabs: number[] = []): Promise<void> {
  const counts = new Map<number, number>(alsoTabs.map((id) => [id, 0]));
  for (const c of captures.filter(isOpen)) counts.set(c.tabId, (counts.get(c.tabId) ?? 0) + 1);
  await Promise.all(
    [...counts].map(async ([tabId, count]) => {
      try {
        await browser.action.setBadgeText({ tabId, text: count ? String(count) : '' });
        if (count) await browser.action.setBadgeBackgroundColor({ tabId, color: '#1a73e8' });
      } catch {
        // The tab is gone; its captures stay listed in the popup.
      }
    }),
  );
}

/** The toolbar badge is per tab and a navigation may clear it: show it again. */
async function refreshBadge(tabId: number): Promise<void> {
  await showBadges(await listCaptures(), [tabId]);
}

/** Shows a tab's badge again whenever its page changes (called once by the background). */
export function register(): void {
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status) refreshBadge(tabId).catch(() => {});
  });
}
