/** True for hosts plain http is allowed for: localhost, 127.0.0.0/8 and [::1]. */
function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '[::1]') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * http:// only for loopback (localhost, 127.0.0.0/8, [::1]); returns the normalised base URL (no trailing slash)
 * or an error reason. Query strings, fragments and credentials in the URL are refused: the base is joined with paths.
 */
export function checkBaseUrl(input: string): { ok: true; baseUrl: string } | { ok: false; reason: 'invalid' | 'not-https' } {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'invalid' };
  if (!url.hostname || url.username || url.password || url.search || url.hash) return { ok: false, reason: 'invalid' };
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return { ok: false, reason: 'not-https' };
  const path = url.pathname.replace(/\/+$/, '');
  return { ok: true, baseUrl: `${url.protocol}//${url.host}${path}` };
}

/**
 * Whether two server URLs have the same origin (scheme, host and port). The stored Client Secret is sent only to
 * the origin it was entered for. An unreadable URL matches nothing.
 */
export function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a.trim()).origin === new URL(b.trim()).origin;
  } catch {
    return false;
  }
}
