// Which MySafe entries belong to the site a login was typed into. Pure logic: no browser globals.
//
// Ranks, best first: the same origin (scheme, host, port), the same host (another scheme or port, or an entry stored
// without a scheme), a site that shares its login with the capture's (Apple's password-manager-resources list), then
// the same registrable domain (Public Suffix List, via tldts). Only the first two are the page's own application: an
// organisation's vault holds many applications on hosts of one domain, so the others are offered, never preselected.
// IP addresses, localhost and one-label names match only by host and port (another port is another application).
// Within a rank, entries with the capture's username come first; otherwise the list's order is kept.
// Plain http (loopback aside) is marked `insecure`: a login typed on http://bank.example is never preselected to
// update an entry (stored with a scheme or not), nor is an http: entry from an https page; both stay choosable.
import { normalizeUsername } from '../capture/same';
import { isLoopbackHost } from '../platform/origin';
import { registrableDomain } from '../platform/site';
import sharedCredentials from './data/shared-credentials.json';

/** A MySafe list item, as `GET /api/mysafe/password` returns it: no password. */
export interface EntrySummaryLike {
  identifier: string;
  name: string;
  url: string;
  username: string;
  tags?: string;
  /** Left out by older servers: then the entry counts as readable and editable. */
  can_view?: boolean;
  can_write?: boolean;
}

export type MatchKind = 'origin' | 'host' | 'shared' | 'domain';

/** Whether a match is the page's own application: the only kinds the popup may preselect for an update. */
export function isNearMatch(match: MatchKind): boolean {
  return match === 'origin' || match === 'host';
}

export interface Candidate<E extends EntrySummaryLike = EntrySummaryLike> {
  entry: E;
  match: MatchKind;
  /** The entry's username equals the capture's, compared trimmed and case-insensitively. */
  sameUsername: boolean;
  /**
   * The page, or the entry's own URL, is plain http on a host that is not loopback: the entry may be chosen, never
   * preselected. (A scheme-less entry says nothing of its scheme, so "same scheme" could not settle it.)
   */
  insecure?: true;
}

/** Where a URL points, reduced to what matching compares. */
export interface Site {
  /** `http`, `https`, or '' for a URL stored without a scheme. */
  scheme: string;
  /** Lower-case host name without a trailing dot; IPv6 in brackets. */
  hostname: string;
  /** '' for the scheme's default port (and for 80/443 when the URL has no scheme). */
  port: string;
  /** `exact`: IP addresses, localhost and one-label names, which match only by host and port. */
  kind: 'domain' | 'exact';
}

interface IndexedEntry<E> {
  entry: E;
  /** The URL in lower case. */
  url: string;
  /** The host as a quick cut of the URL finds it, unchecked: a cheap filter before parsing. */
  roughHost: string;
  /** Parsed on first need: most entries of a big list never are. */
  parsed?: ParsedEntry | null;
  username: string;
  order: number;
}

/**
 * A list prepared for many look-ups. An entry's URL is parsed only once its rough host falls under a capture's
 * host, domain or shared-login domains, and then kept: matching costs a few set look-ups per entry, not a URL parse.
 */
export interface EntryIndex<E extends EntrySummaryLike = EntrySummaryLike> {
  readonly entries: readonly E[];
  readonly items: readonly IndexedEntry<E>[];
}

interface ParsedEntry {
  site: Site;
  /** Host (without `www.`) and port. */
  hostKey: string;
  /** Host without `www.`: what "the same host" compares for names that have a registrable domain. */
  hostName: string;
}

const RANK: Record<MatchKind, number> = { origin: 0, host: 1, shared: 2, domain: 3 };
const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
/** `mailto:x`, `javascript:…`: a scheme without `//`, as opposed to `host:port`. */
const OPAQUE_SCHEME = /^[a-z][a-z0-9+.-]*:(?!\d)/i;
/** Dot-separated labels of letters, digits, `-` and `_`, no label starting or ending with `-`. */
const HOSTNAME = /^(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)*[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const IPV6 = /^\[[0-9a-f:.]+\]$/;

/**
 * Parses an entry's or a page's URL. Accepts URLs without a scheme (`www.example.com`, `example.com/login`,
 * `10.0.0.1:8080`); only http(s) or scheme-less URLs count. Returns null for anything else, empty or garbage.
 */
export function parseSite(url: string | undefined | null): Site | null {
  let rest = (url ?? '').trim();
  if (!rest) return null;
  let scheme = '';
  const schemeMatch = SCHEME.exec(rest);
  if (schemeMatch) {
    scheme = schemeMatch[1].toLowerCase();
    if (scheme !== 'http' && scheme !== 'https') return null;
    rest = rest.slice(schemeMatch[0].length);
  } else if (rest.startsWith('//')) {
    rest = rest.slice(2);
  } else if (OPAQUE_SCHEME.test(rest)) {
    return null;
  }

  let authority = rest.slice(0, endOfAuthority(rest));
  // Spaces in the host part mean words ("not a url") or several URLs in one field: no match.
  if (/\s/.test(authority)) return null;
  authority = authority.slice(authority.lastIndexOf('@') + 1);
  // `*.example.com`, as some people write a whole domain, stands for example.com and its subdomains.
  if (authority.startsWith('*.')) authority = authority.slice(2);
  let host = authority;
  let port = '';
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close < 0) return null;
    host = authority.slice(0, close + 1);
    const after = authority.slice(close + 1);
    if (after && !after.startsWith(':')) return null;
    port = after.slice(1);
  } else {
    const colon = authority.indexOf(':');
    if (colon >= 0) {
      host = authority.slice(0, colon);
      port = authority.slice(colon + 1);
    }
  }
  if (port) {
    if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) return null;
    port = String(Number(port));
    const defaultPort = (scheme === 'http' && port === '80') || (scheme === 'https' && port === '443');
    if (defaultPort || (!scheme && (port === '80' || port === '443'))) port = '';
  }

  const hostname = normalizeHostname(host);
  if (!hostname) return null;
  const kind = exactOnly(hostname) ? 'exact' : 'domain';
  // A bare word with neither scheme nor port ("n/a", "none", "-") is a note, not an intranet host.
  if (!scheme && !port && !hostname.includes('.') && !hostname.startsWith('[') && hostname !== 'localhost') return null;
  return { scheme, hostname, port, kind };
}

/** Where the host and port end: at the first slash, backslash, `?` or `#`. */
function endOfAuthority(rest: string): number {
  for (let i = 0; i < rest.length; i++) {
    const c = rest.charCodeAt(i);
    if (c === 47 || c === 63 || c === 35 || c === 92) return i;
  }
  return rest.length;
}

function normalizeHostname(host: string): string | null {
  let hostname = host.toLowerCase().replace(/\.$/, '');
  if (IPV6.test(hostname)) return hostname;
  // Internationalised names: let the URL parser make the punycode form browsers report.
  if (/[^\x00-\x7f]/.test(hostname)) {
    try {
      hostname = new URL(`http://${hostname}`).hostname;
    } catch {
      return null;
    }
  }
  const ipv4 = IPV4.exec(hostname);
  if (ipv4) return ipv4.slice(1).every((part) => Number(part) <= 255) ? hostname : null;
  return HOSTNAME.test(hostname) ? hostname : null;
}

function exactOnly(hostname: string): boolean {
  if (IPV4.test(hostname) || IPV6.test(hostname)) return true;
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return true;
  // One-label intranet names (`nas`) and all-numeric last labels have no registrable domain.
  return !hostname.includes('.') || /^\d+$/.test(hostname.slice(hostname.lastIndexOf('.') + 1));
}

function parsedSite(site: Site): ParsedEntry {
  const hostName = site.kind === 'domain' && site.hostname.startsWith('www.') ? site.hostname.slice(4) : site.hostname;
  return { site, hostName, hostKey: `${hostName}:${site.port}` };
}

/** Prepares a list for `findCandidates`. Keep the index while the list is unchanged. */
export function indexEntries<E extends EntrySummaryLike>(entries: readonly E[]): EntryIndex<E> {
  const items = entries.map((entry, order) => {
    const url = (entry.url ?? '').trim().toLowerCase();
    return { entry, url, roughHost: roughHost(url), username: normalizeUsername(entry.username), order };
  });
  return { entries, items };
}

/** The text between the scheme and the path, without user info, port or trailing dot. Non-ASCII stays '*'. */
function roughHost(url: string): string {
  // Internationalised hosts are compared in punycode, which only parsing gives: let them all through.
  if (/[^\x00-\x7f]/.test(url)) return '*';
  const schemeEnd = url.indexOf('://');
  const start = schemeEnd >= 0 ? schemeEnd + 3 : url.startsWith('//') ? 2 : 0;
  let host = url.slice(start, start + endOfAuthority(url.slice(start)));
  host = host.slice(host.lastIndexOf('@') + 1);
  host = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':', 1)[0];
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

function parsedEntry(item: IndexedEntry<unknown>): ParsedEntry | null {
  if (item.parsed === undefined) {
    const site = parseSite(item.url);
    item.parsed = site ? parsedSite(site) : null;
  }
  return item.parsed;
}

/** Whether `hostname` is one of `names` or a subdomain of one. */
function withinAny(hostname: string, names: ReadonlySet<string>): boolean {
  if (names.has(hostname)) return true;
  for (let dot = hostname.indexOf('.'); dot >= 0; dot = hostname.indexOf('.', dot + 1)) {
    if (names.has(hostname.slice(dot + 1))) return true;
  }
  return false;
}

/** Domains of the shared-credentials list by name: a host belongs to a listed domain or any subdomain of it. */
interface SharedGroupIndex {
  /** Domain → the domains whose entries may be offered on it. */
  partners: Map<string, Set<string>>;
}

let sharedIndex: SharedGroupIndex | undefined;

function sharedGroups(): SharedGroupIndex {
  if (sharedIndex) return sharedIndex;
  const partners = new Map<string, Set<string>>();
  const link = (on: string, from: readonly string[]) => {
    let set = partners.get(on);
    if (!set) partners.set(on, (set = new Set()));
    for (const domain of from) if (domain !== on) set.add(domain);
  };
  for (const group of sharedCredentials.shared) for (const domain of group) link(domain, group);
  // One-way: a login saved for a `from` site is offered on the `to` sites, not the other way round.
  for (const [from, to] of sharedCredentials.oneWay) for (const domain of to) link(domain, from);
  sharedIndex = { partners };
  return sharedIndex;
}

/** The listed domains whose entries count as the same login on `hostname`. */
export function sharedPartners(hostname: string): Set<string> {
  const result = new Set<string>();
  const { partners } = sharedGroups();
  const add = (name: string) => partners.get(name)?.forEach((partner) => result.add(partner));
  add(hostname);
  for (let dot = hostname.indexOf('.'); dot >= 0; dot = hostname.indexOf('.', dot + 1)) add(hostname.slice(dot + 1));
  return result;
}

function isIndex<E extends EntrySummaryLike>(value: readonly E[] | EntryIndex<E>): value is EntryIndex<E> {
  return !Array.isArray(value);
}

/**
 * The entries that may hold the login typed at `capture.url`, best first.
 * Pass an `EntryIndex` (from `indexEntries`) when matching several captures against one list.
 */
export function findCandidates<E extends EntrySummaryLike>(
  capture: { url: string; username?: string },
  entries: readonly E[] | EntryIndex<E>,
): Candidate<E>[] {
  const site = parseSite(capture.url);
  if (!site) return [];
  const index = isIndex(entries) ? entries : indexEntries(entries);
  const page = parsedSite(site);
  const domain = site.kind === 'domain' ? registrableDomain(site.hostname) : null;
  const partners = site.kind === 'domain' ? sharedPartners(site.hostname) : new Set<string>();
  const username = normalizeUsername(capture.username);
  // Any entry that can match has a host within one of these.
  const within = new Set([page.hostName, ...(domain ? [domain] : []), ...partners]);

  const pageInsecure = plainHttp(site);
  const found: { candidate: Candidate<E>; order: number }[] = [];
  for (const item of index.items) {
    if (item.roughHost !== '*' && !withinAny(item.roughHost, within)) continue;
    const parsed = parsedEntry(item);
    if (!parsed) continue;
    const match = matchKind(parsed, page, domain, partners);
    if (!match) continue;
    const candidate: Candidate<E> = { entry: item.entry, match, sameUsername: item.username === username };
    if (pageInsecure || plainHttp(parsed.site)) candidate.insecure = true;
    found.push({ candidate, order: item.order });
  }
  found.sort(
    (a, b) =>
      RANK[a.candidate.match] - RANK[b.candidate.match] ||
      Number(b.candidate.sameUsername) - Number(a.candidate.sameUsername) ||
      a.order - b.order,
  );
  return found.map((f) => f.candidate);
}

/**
 * Plain http to another machine. Loopback http (localhost, 127.0.0.0/8, [::1]) counts like https, as browsers count
 * it a secure context: its traffic never leaves the machine (and every local test server is one).
 */
function plainHttp(site: Site): boolean {
  return site.scheme === 'http' && !isLoopbackHost(site.hostname);
}

function matchKind(entry: ParsedEntry, page: ParsedEntry, domain: string | null, partners: ReadonlySet<string>): MatchKind | null {
  if (entry.hostKey === page.hostKey) {
    const sameOrigin = entry.site.scheme === page.site.scheme && entry.site.hostname === page.site.hostname;
    return sameOrigin ? 'origin' : 'host';
  }
  if (entry.site.kind !== 'domain') return null;
  // Another port of a named host: the same host (IP addresses and localhost never get here).
  if (entry.hostName === page.hostName) return 'host';
  const host = entry.site.hostname;
  // The suffix test is cheap; the PSL confirms it (a private suffix may sit between host and domain).
  if (partners.size > 0 && withinAny(host, partners)) return 'shared';
  if (domain && (host === domain || host.endsWith(`.${domain}`)) && registrableDomain(host) === domain) return 'domain';
  return null;
}

/**
 * An entry's application as the popup names it: its host (without `www.`), its registrable domain, and its name on
 * that domain (`wiki` for wiki.corp.example; the host itself when it is the domain or has none). Null for bad URLs.
 */
export function applicationOf(url: string): { host: string; domain: string | null; name: string } | null {
  const site = parseSite(url);
  if (!site) return null;
  const { hostName: host } = parsedSite(site);
  const domain = site.kind === 'domain' ? registrableDomain(site.hostname) : null;
  const name = domain && host.endsWith(`.${domain}`) ? host.slice(0, -domain.length - 1) : host;
  return { host, domain, name };
}
