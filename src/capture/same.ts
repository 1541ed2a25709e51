import type { Capture } from './types';

// When two usernames, two authenticator keys or two captures are the same. Pure; saving matches with the same rules.

export function normalizeUsername(username: string | undefined | null): string {
  return (username ?? '').trim().toLowerCase();
}

/**
 * The one form of an authenticator key: base32, upper case, without spaces, dashes between groups or `=` padding;
 * `null` when the text is not base32 (nothing is stripped silently to make it so).
 */
export function normaliseSecret(input: string): string | null {
  const secret = input.replace(/[\s-]+/g, '').toUpperCase().replace(/=+$/, '');
  if (!/^[A-Z2-7]+$/.test(secret)) return null;
  // Lengths 1, 3 and 6 (mod 8) leave bits that make no whole byte: not something a base32 encoder writes.
  if ([1, 3, 6].includes(secret.length % 8)) return null;
  return secret;
}

/** Two keys as stored or typed are one: compared in their normal form (a value that is not base32, as written). */
export function sameSecret(a: string | undefined | null, b: string | undefined | null): boolean {
  const form = (secret: string | undefined | null) => (secret ? (normaliseSecret(secret) ?? secret.trim()) : '');
  return form(a) === form(b);
}

/** The same login submitted twice (same tab, origin, kind, username, password) makes one capture. */
export function sameCapture(
  a: Pick<Capture, 'tabId' | 'origin' | 'kind' | 'username' | 'password' | 'totp'>,
  b: Pick<Capture, 'tabId' | 'origin' | 'kind' | 'username' | 'password' | 'totp'>,
): boolean {
  return (
    a.tabId === b.tabId &&
    a.origin === b.origin &&
    a.kind === b.kind &&
    normalizeUsername(a.username) === normalizeUsername(b.username) &&
    a.password === b.password &&
    // Two QR codes scanned on one tab carry no username or password: their keys tell them apart.
    sameSecret(a.totp?.secret, b.totp?.secret) &&
    (a.totp?.account ?? '') === (b.totp?.account ?? '')
  );
}
