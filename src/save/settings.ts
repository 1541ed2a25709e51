import { checkBaseUrl } from '../mysafe/url';
import { read, write, type Settings } from './storage';
import type { UiError } from '../errors';
import type { SettingsView } from './types';
import { readPolicy } from './policy';
import { lockedKeys, mergeSettings, mergeSettingsView } from './managed';

// MySafe connection settings. All in storage.local: the Client Secret must never go to sync storage. What is used is
// the merged view of these and the administrator's policy (src/save/managed.ts).

export type { Settings };

/** The settings in use: the person's, with what the policy sets (locked values win). */
export async function loadSettings(): Promise<Settings | undefined> {
  const [stored, { policy }] = await Promise.all([read('mysafe-settings'), readPolicy()]);
  return mergeSettings(policy, stored);
}

/** The person's own settings, as stored (no policy). */
export async function storedSettings(): Promise<Partial<Settings> | undefined> {
  return read('mysafe-settings');
}

export async function storeSettings(settings: Partial<Settings>): Promise<void> {
  await write('mysafe-settings', settings);
}

/** The settings as the options page may see them: the secret only as "one is stored"; what the policy locks. */
export async function settingsView(): Promise<SettingsView> {
  const [stored, { policy, problems }] = await Promise.all([read('mysafe-settings'), readPolicy()]);
  return { ...mergeSettingsView(policy, stored), locked: lockedKeys(policy), problems };
}

/**
 * What is wrong with a typed server URL (https only, plain http only for this computer), or undefined when it will do.
 * The one rule: the options page checks as the person types, the background again before storing.
 */
export function serverUrlError(input: string): UiError | undefined {
  const checked = checkBaseUrl(input);
  if (checked.ok) return undefined;
  return { kind: checked.reason === 'not-https' ? 'not-https' : 'invalid-url' };
}
