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
  // `http://../` parses, with the host `..`: no trailing dots, and nothing left is no host.
  const hostname = parsed.hostname.replace(/\.+$/, '');
  if (!hostname) return undefined;
  return { scheme: parsed.protocol.slice(0, -1), hostname, port: parsed.port };
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

/**
 * Loopback names and addresses: localhost, *.localhost, 127.0.0.0/8 and [::1]. Browsers count http on these as
 * "potentially trustworthy" (secure contexts): the traffic never leaves the machine. By name only: a name that merely
 * resolves to 127.0.0.1 (a hosts file, a test harness) is not loopback here.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return host === 'localhost' || host.endsWith('.localhost') || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || host === '[::1]';
}

/**
 * Whether the page was served as plain http to another machine: what may be sniffed or altered on the way. Loopback
 * http counts as secure, as browsers count it (see isLoopbackHost).
 */
export function isInsecure(url: string): boolean {
  const origin = originOf(url);
  return origin?.scheme === 'http' && !isLoopbackHost(origin.hostname);
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
