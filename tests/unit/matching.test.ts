import { describe, expect, it } from 'vitest';
import { findCandidates, indexEntries, isNearMatch, type EntrySummaryLike, type MatchKind } from '../../src/save/matching';
import { parseSiteAddress } from '../../src/platform/site';
import { ListCache, LIST_MAX_AGE_MS } from '../../src/save/list-cache';
import sharedCredentials from '../../src/save/data/shared-credentials.json';

let nextId = 1;
function entry(url: string, username = 'alice', name = url): EntrySummaryLike {
  return { identifier: String(nextId++), name, url, username, tags: '' };
}

/** url → the match kind found, for one capture against one entry. */
function matchOf(captureUrl: string, entryUrl: string): string | null {
  return findCandidates({ url: captureUrl, username: 'alice' }, [entry(entryUrl)])[0]?.match ?? null;
}

/** `name:match` of each candidate for alice's login at `url`, best first. Rows: [entry url, username, name]. */
function ranked(url: string, rows: [string, string, string][]): string[] {
  return findCandidates({ url, username: 'alice' }, rows.map((row) => entry(...row))).map((c) => `${c.entry.name}:${c.match}`);
}

describe('findCandidates: what matches', () => {
  it.each([
    // [capture URL, entry url, expected match]
    // The same origin: scheme, host and port.
    ['https://example.com/login', 'https://example.com', 'origin'],
    ['https://example.com/login', 'https://example.com/log in', 'origin'],
    ['https://example.com/login', 'https://EXAMPLE.com:443/x', 'origin'],
    ['https://wiki.corp.example:8443/login', 'https://wiki.corp.example:8443/', 'origin'],
    // The same host: another scheme or port, `www.` or not, or an entry stored without a scheme or path.
    ['https://example.com/login', 'http://example.com/other', 'host'],
    ['https://www.example.com/login', 'https://example.com', 'host'],
    ['https://wiki.corp.example/login', 'wiki.corp.example', 'host'],
    ['https://wiki.corp.example/login', 'https://wiki.corp.example:8443/', 'host'],
    ['https://wiki.corp.example:8443/login', 'wiki.corp.example', 'host'],
    ['https://example.com/login', 'www.example.com', 'host'],
    ['https://example.com/login', 'example.com/login', 'host'],
    ['https://example.com/login', 'EXAMPLE.COM', 'host'],
    ['https://accounts.example.com/login', '*.example.com', 'domain'],
    ['https://accounts.example.com/login', 'https://example.com', 'domain'],
    ['https://example.com/', 'https://accounts.example.com/signin', 'domain'],
    ['https://a.example.co.uk/', 'b.example.co.uk', 'domain'],
    ['https://example.com:8443/', 'https://example.com', 'host'],
    // Another host of the registrable domain: another application of the organisation.
    ['https://hr.corp.example/login', 'https://wiki.corp.example/', 'domain'],
    ['https://hr.corp.example/login', 'wiki.corp.example', 'domain'],
    ['https://hr.corp.example/login', 'corp.example', 'domain'],
    ['https://corp.example/login', 'crm.corp.example/login', 'domain'],
    ['https://hr.corp.example/login', 'hr.corp.example.evil.net', null],
    ['https://xn--mnchen-3ya.de/login', 'münchen.de', 'host'],
    // Registrable domains come from the Public Suffix List, private suffixes included.
    ['https://alice.github.io/', 'https://bob.github.io/', null],
    ['https://example.co.uk/', 'https://other.co.uk/', null],
    ['https://example.com/', 'https://example.org/', null],
    ['https://example.com/', 'https://notexample.com/', null],
    ['https://example.com/', 'https://example.com.evil.net/', null],
    // IP addresses and localhost: exact host and port only.
    ['http://localhost:3000/login', 'localhost:3000', 'host'],
    ['http://localhost:3000/login', 'http://localhost:3000/app', 'origin'],
    ['http://localhost:3000/login', 'https://localhost:3000/', 'host'],
    ['http://localhost:3000/login', 'localhost:4000', null],
    ['http://localhost:3000/login', 'localhost', null],
    ['http://127.0.0.1:8080/', '127.0.0.1:8080', 'host'],
    ['http://127.0.0.1:8080/', '127.0.0.1:8081', null],
    ['http://127.0.0.1:8080/', '127.0.0.2:8080', null],
    ['http://192.168.1.1/', '192.168.1.1', 'host'],
    ['https://192.168.1.1/', 'http://192.168.1.1', 'host'],
    ['http://10.0.0.1/', '10.0.0.2', null],
    ['http://[::1]:5000/', 'http://[::1]:5000', 'origin'],
    ['http://[::1]:5000/', '[::1]:5001', null],
    ['http://10.0.0.1:8080/', 'https://10.0.0.1:8080/x', 'host'],
    ['http://nas:5000/', 'nas:5000', 'host'],
    ['http://nas:5000/', 'other:5000', null],
    // Shared-credentials groups (Apple's list).
    ['https://www.airbnb.fr/login', 'https://www.airbnb.de', 'shared'],
    ['https://x.com/i/flow/login', 'https://twitter.com/login', 'shared'],
    ['https://accounts.adobe.com/', 'behance.net', 'shared'],
    ['https://signin.costco.com/', 'https://www.costco.ca/', 'shared'],
    // One-way groups work only from `from` to `to`; a listed subdomain does not stand for its parent.
    ['https://twitter.com/login', 'https://x.com/', null],
    ['https://www.costco.com/', 'https://www.costco.ca/', null],
    // Empty or garbage entry URLs never match.
    ['https://example.com/', '', null],
    ['https://example.com/', 'n/a', null],
    ['https://example.com/', 'example com', null],
    ['https://example.com/', 'ftp://example.com', null],
  ])('capture %s, entry %j → %s', (captureUrl, entryUrl, expected) => {
    expect(matchOf(captureUrl, entryUrl)).toBe(expected);
  });

  it('finds nothing for a capture URL that is not a web page', () => {
    expect(findCandidates({ url: 'about:blank' }, [entry('example.com')])).toEqual([]);
    expect(findCandidates({ url: '' }, [entry('example.com')])).toEqual([]);
  });

  it('schemes and ports never mix: another one is never the same origin, and for local servers and IPs no match', () => {
    expect(matchOf('https://example.com/login', 'https://example.com/')).toBe('origin');
    expect(matchOf('https://example.com/login', 'http://example.com/')).toBe('host');
    expect(matchOf('https://example.com/login', 'https://example.com:8443/')).toBe('host');
    expect(matchOf('http://example.com:8080/', 'https://example.com:8080/')).toBe('host');
    expect(matchOf('http://127.0.0.1:3000/', 'http://127.0.0.1:4000/')).toBeNull();
    expect(matchOf('http://localhost:3000/', 'localhost:4000')).toBeNull();
    // A default port written out is the scheme's own port, not another one.
    expect(matchOf('https://example.com/', 'https://example.com:443/')).toBe('origin');
    expect(matchOf('https://example.com/', 'http://example.com:443/')).toBe('host');
  });

  it('a capture on a public suffix itself matches only by host', () => {
    expect(matchOf('https://github.io/', 'https://alice.github.io/')).toBeNull();
    expect(matchOf('https://github.io/', 'github.io')).toBe('host');
  });
});

describe('findCandidates: ranking', () => {
  it('orders same origin, then registrable domain; same username first within a rank', () => {
    const list = [
      entry('https://airbnb.de', 'alice', 'shared-alice'),
      entry('https://other.example.com', 'bob', 'domain-bob'),
      entry('https://other.example.com', 'Alice ', 'domain-alice'),
      entry('https://login.example.com', 'bob', 'host-bob'),
      entry('https://unrelated.net', 'alice', 'unrelated'),
      entry('https://login.example.com/x', 'ALICE', 'host-alice'),
      entry('', 'alice', 'no-url'),
    ];
    // example.com is not in a shared group: the airbnb entry must not show up.
    const names = (url: string) =>
      findCandidates({ url, username: 'alice' }, list).map((c) => `${c.entry.name}:${c.match}:${c.sameUsername}`);
    expect(names('https://login.example.com/signin')).toEqual([
      'host-alice:origin:true',
      'host-bob:origin:false',
      'domain-alice:domain:true',
      'domain-bob:domain:false',
    ]);
  });

  it('keeps the list order between equal candidates and ranks shared above domain', () => {
    const list = [
      entry('airbnb.de', 'alice', 'de-1'),
      entry('airbnb.com', 'bob', 'com-bob'),
      entry('www.airbnb.fr', 'carol', 'fr'),
      entry('airbnb.co.uk', 'alice', 'uk'),
      entry('accounts.airbnb.fr', 'alice', 'fr-accounts'),
    ];
    const got = findCandidates({ url: 'https://www.airbnb.fr/login', username: 'alice' }, list);
    expect(got.map((c) => c.entry.name)).toEqual(['fr', 'de-1', 'uk', 'com-bob', 'fr-accounts']);
    expect(got.map((c) => c.match)).toEqual(['host', 'shared', 'shared', 'shared', 'domain']);
  });

  it('an organisation vault: the same origin, then the same host, then the sibling applications of the domain', () => {
    const got = ranked('https://hr.corp.example/login', [
      ['https://wiki.corp.example/', 'alice', 'wiki'],
      ['https://crm.corp.example/', 'alice', 'crm'],
      ['hr.corp.example', 'alice', 'hr-bare'],
      ['http://hr.corp.example:8080/login', 'alice', 'hr-8080'],
      ['https://hr.corp.example/portal', 'alice', 'hr-origin'],
      ['https://mail.corp.example/', 'bob', 'mail-bob'],
      ['https://corp.example.org/', 'alice', 'other-domain'],
    ]);
    expect(got).toEqual([
      'hr-origin:origin',
      'hr-bare:host',
      'hr-8080:host',
      'wiki:domain',
      'crm:domain',
      'mail-bob:domain',
    ]);
    expect(got.filter((name) => isNearMatch(name.split(':')[1] as MatchKind))).toEqual(['hr-origin:origin', 'hr-bare:host', 'hr-8080:host']);
  });

  it('IP addresses and localhost: another port is another application, never a candidate', () => {
    const rows: [string, string, string][] = [
      ['http://127.0.0.1:8080/', 'alice', 'ip-8080'],
      ['127.0.0.1:9090', 'alice', 'ip-9090'],
      ['localhost:8080', 'alice', 'lh'],
    ];
    expect(ranked('http://127.0.0.1:8080/login', rows)).toEqual(['ip-8080:origin']);
    expect(ranked('http://localhost:8080/', rows)).toEqual(['lh:host']);
  });

  it('without a username, nothing counts as the same username except an empty one', () => {
    const list = [entry('example.com', 'alice'), entry('example.com', '')];
    const got = findCandidates({ url: 'https://example.com/' }, list);
    expect(got.map((c) => [c.entry.username, c.sameUsername])).toEqual([
      ['', true],
      ['alice', false],
    ]);
  });

  it('accepts a prepared index and gives the same answer as the plain list', () => {
    const list = [entry('example.com'), entry('a.example.com', 'bob'), entry('other.org')];
    const index = indexEntries(list);
    const capture = { url: 'https://example.com/login', username: 'bob' };
    expect(findCandidates(capture, index)).toEqual(findCandidates(capture, list));
  });

  it('matches a 10,000-entry list quickly (figure printed, not asserted)', () => {
    const list = Array.from({ length: 10_000 }, (_, i) =>
      entry(i % 3 === 0 ? `https://site${i}.example${i % 97}.com/login` : `www.host${i}.org`, `user${i % 50}`),
    );
    list.push(entry('https://login.target.com/', 'alice'));
    const started = performance.now();
    const found = findCandidates({ url: 'https://www.target.com/login', username: 'alice' }, list);
    const cold = performance.now() - started;
    const index = indexEntries(list);
    const warmStart = performance.now();
    findCandidates({ url: 'https://www.target.com/login', username: 'alice' }, index);
    const warm = performance.now() - warmStart;
    console.log(`findCandidates on 10,001 entries: ${cold.toFixed(1)} ms from the list, ${warm.toFixed(1)} ms from an index`);
    expect(found.map((c) => c.entry.url)).toEqual(['https://login.target.com/']);
  });
});

describe('findCandidates: plain http', () => {
  const marks = (url: string, entryUrls: string[]) =>
    findCandidates({ url, username: 'alice' }, entryUrls.map((u) => entry(u))).map((c) => `${c.entry.url}:${c.match}${c.insecure ? ':insecure' : ''}`);

  it('marks every candidate of an http page insecure, the scheme-less and https ones too; they are still found', () => {
    expect(marks('http://bank.example/login', ['https://bank.example', 'bank.example/x', 'http://bank.example'])).toEqual([
      'http://bank.example:origin:insecure',
      'https://bank.example:host:insecure',
      'bank.example/x:host:insecure',
    ]);
  });

  it('an https page marks only the http: entries; loopback http marks nothing', () => {
    expect(marks('https://bank.example/login', ['https://bank.example', 'bank.example', 'http://bank.example'])).toEqual([
      'https://bank.example:origin',
      'bank.example:host',
      'http://bank.example:host:insecure',
    ]);
    expect(marks('http://127.0.0.1:3000/', ['http://127.0.0.1:3000', '127.0.0.1:3000'])).toEqual(['http://127.0.0.1:3000:origin', '127.0.0.1:3000:host']);
    expect(marks('http://localhost:3000/', ['localhost:3000'])).toEqual(['localhost:3000:host']);
  });
});

describe('shared-credentials data', () => {
  it('is lower case and well formed', () => {
    const all = [...sharedCredentials.shared.flat(), ...sharedCredentials.oneWay.flat(2)];
    expect(all.length).toBeGreaterThan(400);
    for (const domain of all) expect(parseSiteAddress(domain)?.hostname).toBe(domain);
    for (const [from, to] of sharedCredentials.oneWay) expect(from.length * to.length).toBeGreaterThan(0);
  });
});

describe('ListCache', () => {
  const list = [entry('example.com')];

  it('is empty until a list is stored', () => {
    expect(new ListCache().get(1000)).toBeUndefined();
  });

  it('serves the list, indexed, while fresh', () => {
    const cache = new ListCache();
    expect(cache.store(cache.startFetch(), list, 1000)).toBe(true);
    expect(cache.get(1000)?.entries).toBe(list);
    expect(cache.get(1000 + LIST_MAX_AGE_MS - 1)?.entries).toBe(list);
    expect(findCandidates({ url: 'https://example.com/' }, cache.get(1000)!)).toHaveLength(1);
  });

  it('expires after its maximum age, and when the clock goes backwards', () => {
    const cache = new ListCache(60_000);
    cache.store(cache.startFetch(), list, 1000);
    expect(cache.get(61_000)).toBeUndefined();
    expect(cache.get(999)).toBeUndefined();
  });

  it('is emptied by a save', () => {
    const cache = new ListCache();
    cache.store(cache.startFetch(), list, 1000);
    cache.invalidate();
    expect(cache.get(1000)).toBeUndefined();
  });

  it('drops a list whose fetch started before a save', () => {
    const cache = new ListCache();
    const token = cache.startFetch();
    cache.invalidate(); // a save finished while the list was being fetched
    expect(cache.store(token, list, 1000)).toBe(false);
    expect(cache.get(1000)).toBeUndefined();
    expect(cache.store(cache.startFetch(), list, 1000)).toBe(true);
  });
});
