// The one rule for "which site is this URL", used by staging, the refused-login watch, matching and keys (never-sites
// are kept per host, scheme left out: src/platform/origin.ts hostOf).
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
