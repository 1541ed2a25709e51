import { isLoopbackHost } from '../platform/origin';

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
