// The one place that turns URLs and hosts into sites: "which site is this URL", used by staging, the refused-login
// watch and keys (never-sites are kept per host, scheme left out: src/platform/origin.ts hostOf), and the reading of
// URLs as people store them in MySafe (no scheme, `*.domain`), which matching compares (src/save/matching.ts).
// Pure: no browser globals. (Its PSL is large: pages that only show a host use src/platform/origin.ts.)
//
// A site is a scheme, a registrable domain and a port: login.example.com and auth.example.com are one site, but
// http and https never are, nor two ports of one host (127.0.0.1:3000 and 127.0.0.1:4000 are two local servers).
import { getDomain } from 'tldts';
import { originOf } from './origin';

/**
 * The registrable domain of a host name (Public Suffix List, private suffixes included: alice.github.io and
 * bob.github.io are two sites), or null for IP addresses, localhost and names without a public suffix.
 */
export function registrableDomain(hostname: string): string | null {
  return getDomain(hostname, { allowPrivateDomains: true, extractHostname: false });
}

/** `scheme://domain:port`: equal for two URLs of one site. '' for a URL that is not absolute. */
export function siteKey(url: string | undefined | null): string {
  const origin = originOf(url);
  if (!origin) return '';
  const domain = registrableDomain(origin.hostname) ?? origin.hostname;
  return `${origin.scheme}://${domain}${origin.port ? `:${origin.port}` : ''}`;
}

/** Two URLs of one site (see siteKey). */
export function sameSite(a: string, b: string): boolean {
  const key = siteKey(a);
  return key !== '' && key === siteKey(b);
}

/**
 * What a person calls the site of `url`: its registrable domain (mail.example.co.uk → example.co.uk); for an IP
 * address, localhost or a name without a public suffix, its host and port (127.0.0.1:5173), which tell local servers
 * apart. '' for a URL that is not absolute.
 */
export function siteName(url: string | undefined | null): string {
  const origin = originOf(url);
  if (!origin) return '';
  const domain = registrableDomain(origin.hostname);
  if (domain) return domain;
  return origin.port ? `${origin.hostname}:${origin.port}` : origin.hostname;
}

/**
 * Where a URL as people write it points (a page's URL, or a MySafe entry's, often without a scheme), reduced to what
 * matching entries to pages compares (src/save/matching.ts).
 */
export interface SiteAddress {
  /** `http`, `https`, or '' for a URL stored without a scheme. */
  scheme: string;
  /** Lower-case host name without a trailing dot; IPv6 in brackets. */
  hostname: string;
  /** '' for the scheme's default port (and for 80/443 when the URL has no scheme). */
  port: string;
  /** `exact`: IP addresses, localhost and one-label names, which match only by host and port. */
  kind: 'domain' | 'exact';
}

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
export function parseSiteAddress(url: string | undefined | null): SiteAddress | null {
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

/**
 * The text between the scheme and the path of a lower-case URL, without user info, port or trailing dot, unchecked: a
 * cheap filter before parseSiteAddress. '*' for a URL with non-ASCII characters (only parsing gives their punycode).
 */
export function roughHost(url: string): string {
  if (/[^\x00-\x7f]/.test(url)) return '*';
  const schemeEnd = url.indexOf('://');
  const start = schemeEnd >= 0 ? schemeEnd + 3 : url.startsWith('//') ? 2 : 0;
  let host = url.slice(start, start + endOfAuthority(url.slice(start)));
  host = host.slice(host.lastIndexOf('@') + 1);
  host = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':', 1)[0];
  return host.endsWith('.') ? host.slice(0, -1) : host;
}
