import type { Entry, EntrySummary, MySafeClient } from '../mysafe';
import type { NewCapture } from '../capture/types';
import { read, write, type StoredList } from './storage';
import { decide, entriesToRead, splitOptions, type Decision } from './decision';
import { ListCache } from './list-cache';
import { findCandidates, indexEntries, type EntryIndex } from './matching';
import type { DecisionView, EntrySnapshot } from './types';
import { loadDefaults } from './preferences';
import { siteName } from '../platform/site';

// Which MySafe entries a capture is about, and what to ask: the list is fetched once and kept for a few minutes
// (in memory, and in storage.session so a restarted service worker reuses it: list items hold no secrets), then
// matched (src/save/matching.ts); the few likely entries are read and decide() says add, update or nothing.

const cache = new ListCache<EntrySummary>();
let fetching: Promise<EntryIndex<EntrySummary>> | undefined;

async function fetchList(client: MySafeClient): Promise<EntryIndex<EntrySummary>> {
  const token = cache.startFetch();
  const startedAt = Date.now();
  const entries = await client.listEntries();
  if (cache.store(token, entries, startedAt)) {
    await write('mysafe-list', { entries, fetchedAt: startedAt } satisfies StoredList);
  }
  // Invalidated meanwhile (a save): this list is still right for the decision that asked for it.
  return cache.get(Date.now()) ?? indexEntries(entries);
}

/** The MySafe list, indexed for matching: from memory, from storage.session after a restart, or fetched. */
async function entryIndex(client: MySafeClient): Promise<EntryIndex<EntrySummary>> {
  const now = Date.now();
  const kept = cache.get(now);
  if (kept) return kept;
  const stored = await read('mysafe-list');
  if (stored && cache.store(cache.startFetch(), stored.entries, stored.fetchedAt)) {
    const restored = cache.get(now);
    if (restored) return restored;
  }
  // Captures decided together share one request.
  fetching ??= fetchList(client).finally(() => (fetching = undefined));
  return fetching;
}

/** After every save: the list on the server changed. */
export async function invalidateList(): Promise<void> {
  cache.invalidate();
  readEntries.clear();
  await write('mysafe-list', undefined);
}

/**
 * Entries read for the decisions (with passwords), so that previews of an update need no new request. Kept in the
 * worker's memory only, and only until the list changes or the worker stops.
 */
const readEntries = new Map<string, Entry>();

/** The entry as last read, or read now. */
export async function currentEntry(client: MySafeClient, identifier: string): Promise<Entry> {
  const known = readEntries.get(identifier);
  if (known) return known;
  const entry = await client.readEntry(identifier);
  readEntries.set(identifier, entry);
  return entry;
}

export interface Decided {
  decision: Decision;
  /** The entries read, with passwords: kept in the worker's memory only. */
  read: Map<string, Entry>;
}

export async function decideCapture(client: MySafeClient, capture: NewCapture): Promise<Decided> {
  const candidates = findCandidates({ url: capture.url, username: capture.username }, await entryIndex(client));
  const wanted = entriesToRead(capture, candidates);
  const entries = await Promise.all(wanted.map((identifier) => client.readEntry(identifier).catch(() => undefined)));
  const read = new Map(entries.filter((e): e is Entry => !!e).map((e) => [e.identifier, e]));
  for (const [identifier, entry] of read) readEntries.set(identifier, entry);
  return { decision: decide(capture, candidates, read), read };
}

export function snapshotOf(entry: Entry): EntrySnapshot {
  return {
    identifier: entry.identifier,
    name: entry.name,
    url: entry.url,
    username: entry.username,
    notes: entry.notes ?? '',
    tags: entry.tags ?? '',
    users_allowed: entry.users_allowed ?? [],
    groups_allowed: entry.groups_allowed ?? [],
    hasSecretKey: !!entry.secret_key?.trim(),
  };
}

export async function decisionView(client: MySafeClient, capture: NewCapture): Promise<DecisionView> {
  const { decision, read } = await decideCapture(client, capture);
  const choices = decision.options.map(({ value, candidate }) =>
    candidate
      ? { value, name: candidate.entry.name, username: candidate.entry.username, url: candidate.entry.url, match: candidate.match }
      : { value },
  );
  const { listed, more } = splitOptions(choices);
  return {
    action: decision.action,
    question: decision.question,
    username: decision.username,
    choose: decision.choose,
    options: listed,
    more,
    ...(decision.others ? { others: decision.others } : {}),
    entries: Object.fromEntries([...read.values()].map((entry) => [entry.identifier, snapshotOf(entry)])),
    site: siteName(capture.url),
    defaults: await loadDefaults(),
  };
}
