// Where a scanned authenticator key goes: the pending login of the same site, or a capture of its own. Pure.
import type { Capture, TotpKey } from '../capture/types';
import { sameSite } from '../platform/site';
import { normalizeUsername } from '../capture/same';

/**
 * The pending login a scanned key belongs to: a login, sign-up or change capture of the same site without a key yet,
 * whose username is the key's account (or either is empty), not yet being saved. The newest wins.
 */
export function loginForKey(pending: readonly Capture[], key: TotpKey, origin: string): Capture | undefined {
  const account = normalizeUsername(key.account);
  return pending
    .filter((c) => (c.state.status === 'pending' || c.state.status === 'failed') && c.kind !== 'totp' && !c.totp && sameSite(c.origin, origin))
    .filter((c) => !account || !c.username.trim() || normalizeUsername(c.username) === account)
    .sort((a, b) => b.createdAt - a.createdAt)[0];
}

/** A pending capture that already carries this key (same secret and account). */
export function captureWithKey(pending: readonly Capture[], key: TotpKey): Capture | undefined {
  return pending.find((c) => c.totp?.secret === key.secret && normalizeUsername(c.totp.account) === normalizeUsername(key.account));
}
