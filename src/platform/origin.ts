// A URL's scheme, host and port, and the forms of a URL a capture keeps and a person reads. Pure, and light: the
// popup uses it without the Public Suffix List that src/platform/site.ts needs.

export interface Origin {
  /** 'http', 'https', … without the colon. */
  scheme: string;
  /** Lower case, without a trailing dot; IPv6 in brackets. */
  hostname: string;
  /** '' for the scheme's default port. */
  port: string;
}

/** The scheme, host and port of an absolute URL; undefined for anything else. */
export function originOf(url: string | undefined | null): Origin | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (!parsed.hostname) return undefined;
  return { scheme: parsed.protocol.slice(0, -1), hostname: parsed.hostname.replace(/\.$/, ''), port: parsed.port };
}

/** Same scheme, host and port (the stored Client Secret goes only to the origin it was entered for). */
export function sameOrigin(a: string, b: string): boolean {
  const x = originOf(a.trim());
  const y = originOf(b.trim());
  return !!x && !!y && x.scheme === y.scheme && x.hostname === y.hostname && x.port === y.port;
}

/** Host and port as a person reads them and as never-sites are kept: `example.com`, `127.0.0.1:8080`. */
export function hostOf(url: string | undefined | null): string {
  const origin = originOf(url);
  if (!origin) return '';
  return origin.port ? `${origin.hostname}:${origin.port}` : origin.hostname;
}

/** Whether the page was served without TLS (loopback included: the card says so either way). */
export function isInsecure(url: string): boolean {
  return originOf(url)?.scheme === 'http';
}

/** A URL as a capture keeps it: no query (it may hold tokens) and no fragment. */
export function stripQueryAndFragment(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.search = '';
    parsed.hash = '';
    return parsed.href;
  } catch {
    return url.split(/[?#]/)[0];
  }
}
