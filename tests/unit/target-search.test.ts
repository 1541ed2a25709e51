import { describe, expect, it } from 'vitest';
import { MAX_LISTED_TARGETS, splitOptions } from '../../src/save/decision';
import { MAX_SEARCH_RESULTS, matchesQuery, shownTargets } from '../../src/popup/target-search';
import type { TargetChoice } from '../../src/save/types';

const choice = (i: number, host = `app${i}.corp.example`): TargetChoice => ({
  value: `E${i}`,
  name: `Application ${i}`,
  url: `https://${host}/login`,
  username: i % 2 ? 'alice' : 'bob',
  match: 'domain',
});
const values = (options: TargetChoice[]) => options.map((o) => o.value);

describe('splitOptions', () => {
  const entries = Array.from({ length: 2_000 }, (_, i) => choice(i));

  it(`keeps \`new\` and the first ${MAX_LISTED_TARGETS} entries for the select, the rest for the search`, () => {
    const { listed, more } = splitOptions([{ value: 'new' }, ...entries]);
    expect(values(listed)).toEqual(['new', 'E0', 'E1', 'E2', 'E3', 'E4']);
    expect(more).toHaveLength(2_000 - MAX_LISTED_TARGETS);
    expect(more[0].value).toBe('E5');
  });

  it('keeps `new` last on an update, and a short list whole', () => {
    expect(values(splitOptions([...entries, { value: 'new' }]).listed)).toEqual(['E0', 'E1', 'E2', 'E3', 'E4', 'new']);
    expect(splitOptions([entries[0], { value: 'new' }])).toEqual({ listed: [entries[0], { value: 'new' }], more: [] });
  });
});

describe('shownTargets', () => {
  const { listed, more } = splitOptions([{ value: 'new' }, ...Array.from({ length: 2_000 }, (_, i) => choice(i))]);

  it('without a query: the listed few', () => {
    expect(shownTargets(listed, more, '', 'new')).toEqual({ options: listed });
  });

  it('finds entries by name, host or username, every word, case-insensitively', () => {
    expect(values(shownTargets(listed, more, 'app1234.corp', 'new').options)).toEqual(['new', 'E1234']);
    expect(values(shownTargets(listed, more, 'APPLICATION 1999', 'new').options)).toEqual(['new', 'E1999']);
    expect(matchesQuery(choice(3), 'alice app3')).toBe(true);
    expect(matchesQuery(choice(3), 'bob')).toBe(false);
    expect(shownTargets(listed, more, 'nothing like it', 'new')).toEqual({ options: [{ value: 'new' }], found: 0 });
  });

  it(`shows at most ${MAX_SEARCH_RESULTS} matches and says how many there are`, () => {
    const shown = shownTargets(listed, more, 'alice', 'new');
    expect(shown.found).toBe(1_000);
    expect(shown.options).toHaveLength(MAX_SEARCH_RESULTS + 1);
  });

  it('keeps the chosen entry in the select whatever the query', () => {
    expect(values(shownTargets(listed, more, '', 'E1500').options)).toEqual(['new', 'E1500', 'E0', 'E1', 'E2', 'E3', 'E4']);
    expect(values(shownTargets(listed, more, 'app7.', 'E1500').options)).toEqual(['new', 'E1500', 'E7']);
  });
});
