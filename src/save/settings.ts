import { checkBaseUrl } from '../mysafe/url';
import { read, write, type Settings } from '../protocol/storage';
import type { UiError } from '../protocol/errors';
import type { SettingsView } from '../protocol/ui';

// MySafe connection settings. All in storage.local: the Client Secret must never go to sync storage.

export type { Settings };

export async function loadSettings(): Promise<Settings | undefined> {
  const stored = await read('mysafe-settings');
  if (!stored?.baseUrl || !stored.clientId || !stored.clientSecret) return undefined;
  return { baseUrl: stored.baseUrl, clientId: stored.clientId, clientSecret: stored.clientSecret };
}

export async function storeSettings(settings: Settings): Promise<void> {
  await write('mysafe-settings', settings);
}

/** The settings as the options page may see them: the secret only as "one is stored". */
export async function settingsView(): Promise<SettingsView> {
  const stored = (await read('mysafe-settings')) ?? {};
  return { baseUrl: stored.baseUrl ?? '', clientId: stored.clientId ?? '', hasSecret: !!stored.clientSecret };
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
