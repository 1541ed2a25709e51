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
import { parseSiteAddress, registrableDomain, roughHost, type SiteAddress } from '../platform/site';
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
  site: SiteAddress;
  /** Host (without `www.`) and port. */
  hostKey: string;
  /** Host without `www.`: what "the same host" compares for names that have a registrable domain. */
  hostName: string;
}

const RANK: Record<MatchKind, number> = { origin: 0, host: 1, shared: 2, domain: 3 };
function parsedSite(site: SiteAddress): ParsedEntry {
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

function parsedEntry(item: IndexedEntry<unknown>): ParsedEntry | null {
  if (item.parsed === undefined) {
    const site = parseSiteAddress(item.url);
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
  const site = parseSiteAddress(capture.url);
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
function plainHttp(site: SiteAddress): boolean {
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
  const site = parseSiteAddress(url);
  if (!site) return null;
  const { hostName: host } = parsedSite(site);
  const domain = site.kind === 'domain' ? registrableDomain(site.hostname) : null;
  const name = domain && host.endsWith(`.${domain}`) ? host.slice(0, -domain.length - 1) : host;
  return { host, domain, name };
}
