import browser from 'webextension-polyfill';
import type { SettingsView } from '../protocol/ui';

// MySafe connection settings. All in storage.local: the Client Secret must never go to sync storage.

export interface Settings {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
}

const KEY = 'mysafe-settings';

export async function loadSettings(): Promise<Settings | undefined> {
  const stored = (await browser.storage.local.get(KEY))[KEY] as Partial<Settings> | undefined;
  if (!stored?.baseUrl || !stored.clientId || !stored.clientSecret) return undefined;
  return { baseUrl: stored.baseUrl, clientId: stored.clientId, clientSecret: stored.clientSecret };
}

export async function storeSettings(settings: Settings): Promise<void> {
  await browser.storage.local.set({ [KEY]: settings });
}

/** The settings as the options page may see them: the secret only as "one is stored". */
export async function settingsView(): Promise<SettingsView> {
  const stored = ((await browser.storage.local.get(KEY))[KEY] ?? {}) as Partial<Settings>;
  return { baseUrl: stored.baseUrl ?? '', clientId: stored.clientId ?? '', hasSecret: !!stored.clientSecret };
}
