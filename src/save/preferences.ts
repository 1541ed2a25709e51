import browser from 'webextension-polyfill';
import { hostOf } from '../platform/origin';
import { NO_DEFAULTS, type CaptureDefaults } from '../protocol/save';

// What the user set for saving: defaults for new entries (tags, sharing) and the sites never to offer captures for.
// Both in storage.local: they hold no secrets and should outlive the browser session.

const DEFAULTS_KEY = 'capture-defaults';
const NEVER_KEY = 'never-sites';

export async function loadDefaults(): Promise<CaptureDefaults> {
  const stored = (await browser.storage.local.get(DEFAULTS_KEY))[DEFAULTS_KEY] as Partial<CaptureDefaults> | undefined;
  return { ...NO_DEFAULTS, ...stored };
}

export async function storeDefaults(defaults: CaptureDefaults): Promise<void> {
  const clean: CaptureDefaults = {
    tags: defaults.tags.trim(),
    users: defaults.users.filter((u) => u.username.trim()).map((u) => ({ username: u.username.trim(), can_edit: !!u.can_edit })),
    groups: defaults.groups.filter((g) => g.name.trim()).map((g) => ({ name: g.name.trim(), can_edit: !!g.can_edit })),
  };
  await browser.storage.local.set({ [DEFAULTS_KEY]: clean });
}

export async function neverSites(): Promise<string[]> {
  return ((await browser.storage.local.get(NEVER_KEY))[NEVER_KEY] as string[] | undefined) ?? [];
}

export async function isNeverSite(origin: string): Promise<boolean> {
  const host = hostOf(origin);
  return !!host && (await neverSites()).includes(host);
}

export async function setNeverSite(host: string, never: boolean): Promise<void> {
  const hosts = (await neverSites()).filter((h) => h !== host);
  await browser.storage.local.set({ [NEVER_KEY]: never ? [...hosts, host].sort() : hosts });
}
