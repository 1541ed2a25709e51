import { MySafeClient, checkBaseUrl } from '../mysafe';
import type { Result } from '../errors';
import { clientFor, resetClient } from './connection';
import { invalidateList } from './entries';
import { enforceOnSave, secretFor } from './managed';
import { readPolicy } from './policy';
import { toUiError } from './save';
import { loadSettings, serverUrlError, storedSettings, storeSettings } from './settings';

// Connecting to a MySafe server: the options page's settings are kept only once MySafe gives a token for them. Not in
// ./settings.ts: this needs ./save.ts's toUiError, and ./save.ts reads ./settings.ts (they would import each other).

/**
 * Stores new connection settings only once a token was obtained with them: until then, and when the check fails,
 * the stored settings and their client stay in use. An empty secret keeps the one in use, but only for the origin
 * it was entered for: a new server must be given the secret again, so a changed URL cannot carry it elsewhere. What
 * the administrator's policy locks replaces what was typed; the policy's own secret is used, never stored.
 */
export async function saveSettings(typedUrl: string, typedId: string, typedSecret: string): Promise<Result> {
  const { policy } = await readPolicy();
  const { baseUrl, clientId, clientSecret } = enforceOnSave(policy, { baseUrl: typedUrl, clientId: typedId, clientSecret: typedSecret });
  const checked = checkBaseUrl(baseUrl);
  if (!checked.ok) return { ok: false, error: serverUrlError(baseUrl)! };
  const kept = secretFor(policy, await storedSettings(), checked.baseUrl);
  if (!clientSecret && !kept && (await loadSettings())) return { ok: false, error: { kind: 'secret-required' } };
  const secret = clientSecret || kept || '';
  if (!clientId.trim() || !secret) return { ok: false, error: { kind: 'missing-values' } };
  const settings = { baseUrl: checked.baseUrl, clientId: clientId.trim(), clientSecret: secret };
  try {
    await new MySafeClient(settings).checkConnection();
  } catch (error) {
    return { ok: false, error: toUiError(error) };
  }
  // The policy's secret stays in the policy: stored is only a secret the person gave (or kept for this server).
  const own = clientSecret || (secret !== policy.clientSecret ? secret : undefined);
  await storeSettings(own ? settings : { baseUrl: settings.baseUrl, clientId: settings.clientId });
  await resetClient();
  await invalidateList();
  return { ok: true, value: undefined };
}

/** Whether the stored settings work, by a token obtained or still valid: `not-configured` without settings. */
export async function checkConnection(): Promise<Result> {
  const settings = await loadSettings();
  if (!settings) return { ok: false, error: { kind: 'not-configured' } };
  try {
    await clientFor(settings).ensureToken();
    return { ok: true, value: undefined };
  } catch (error) {
    return { ok: false, error: toUiError(error) };
  }
}
