// Which entries the card's target select shows: the likeliest few, or those the search box finds. Pure logic.
import type { TargetChoice } from '../save/types';

/** Matches of a search shown in the select at once: type more to narrow them. */
export const MAX_SEARCH_RESULTS = 20;

/** Whether an entry's name, URL (so its host) or username contains every word of `query`, case-insensitively. */
export function matchesQuery(choice: TargetChoice, query: string): boolean {
  const text = `${choice.name ?? ''}\n${choice.url ?? ''}\n${choice.username ?? ''}`.toLowerCase();
  return query.toLowerCase().split(/\s+/).filter(Boolean).every((word) => text.includes(word));
}

export interface ShownTargets {
  /** The select's options: `new` where the decision put it, the entries, and the current target always. */
  options: TargetChoice[];
  /** With a query: how many entries match it (more than are shown when over MAX_SEARCH_RESULTS). */
  found?: number;
}

/**
 * The select's options for `query` ('' = the decision's listed few). `listed` holds `new` and the likeliest
 * entries, `more` the others; the entry now chosen (`current`) stays in the select whatever the query.
 */
export function shownTargets(listed: readonly TargetChoice[], more: readonly TargetChoice[], query: string, current: string): ShownTargets {
  const entries = [...listed.filter((o) => o.value !== 'new'), ...more];
  let found: number | undefined;
  let shown = listed.filter((o) => o.value !== 'new');
  if (query.trim()) {
    const matches = entries.filter((o) => matchesQuery(o, query));
    found = matches.length;
    shown = matches.slice(0, MAX_SEARCH_RESULTS);
  }
  const chosen = current !== 'new' && !shown.some((o) => o.value === current) ? entries.filter((o) => o.value === current) : [];
  const newFirst = listed[0]?.value === 'new';
  const options = newFirst ? [{ value: 'new' }, ...chosen, ...shown] : [...chosen, ...shown, { value: 'new' }];
  return found === undefined ? { options } : { options, found };
}
