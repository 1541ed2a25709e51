// The background's copy of the MySafe list: reused for a few minutes, dropped after every save.
// Pure logic; the caller passes the clock so tests need no timers.
import { indexEntries, type EntryIndex, type EntrySummaryLike } from './matching';

export const LIST_MAX_AGE_MS = 3 * 60_000;

export class ListCache<E extends EntrySummaryLike = EntrySummaryLike> {
  private index: EntryIndex<E> | undefined;
  private fetchedAt = 0;
  /** Bumped by every invalidation, so a fetch started before a save cannot store a list that misses it. */
  private generation = 0;

  constructor(private readonly maxAgeMs = LIST_MAX_AGE_MS) {}

  /** The cached list, indexed for matching, or undefined when there is none or it is older than `maxAgeMs`. */
  get(now: number): EntryIndex<E> | undefined {
    if (!this.index) return undefined;
    const age = now - this.fetchedAt;
    // A clock that went backwards makes the age unknowable: refetch.
    return age >= 0 && age < this.maxAgeMs ? this.index : undefined;
  }

  /** Call before fetching; hand the token to `store`. */
  startFetch(): number {
    return this.generation;
  }

  /**
   * Keeps a fetched list, unless the cache was invalidated since `startFetch`. Returns whether it was kept.
   * `fetchedAt`: when the request was sent (the list is at least that old).
   */
  store(token: number, entries: readonly E[], fetchedAt: number): boolean {
    if (token !== this.generation) return false;
    this.index = indexEntries(entries);
    this.fetchedAt = fetchedAt;
    return true;
  }

  /** After every save (add, update, disable): the list on the server changed. */
  invalidate(): void {
    this.index = undefined;
    this.generation++;
  }
}
