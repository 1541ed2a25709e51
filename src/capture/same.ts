import type { Capture } from './types';

// When two usernames, two authenticator keys or two captures are the same. Pure; saving matches with the same rules.

export function normalizeUsername(username: string | undefined | null): string {
  return (username ?? '').trim().toLowerCase();
}

/** Base32 as stored or typed: case, spaces, dashes and padding do not matter. */
export function normalizeSecret(secret: string | undefined | null): string {
  return (secret ?? '').replace(/[\s=-]/g, '').toUpperCase();
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
    normalizeSecret(a.totp?.secret) === normalizeSecret(b.totp?.secret) &&
    (a.totp?.account ?? '') === (b.totp?.account ?? '')
  );
}
