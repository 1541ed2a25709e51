import { hostOf } from '../platform/origin';
import { read, update, write } from '../protocol/storage';
import { NO_DEFAULTS, type CaptureDefaults } from '../protocol/save';

// What the user set for saving: defaults for new entries (tags, sharing) and the sites never to offer captures for.
// Both in storage.local: they hold no secrets and should outlive the browser session.

export async function loadDefaults(): Promise<CaptureDefaults> {
  return { ...NO_DEFAULTS, ...(await read('capture-defaults')) };
}

export async function storeDefaults(defaults: CaptureDefaults): Promise<void> {
  const clean: CaptureDefaults = {
    tags: defaults.tags.trim(),
    users: defaults.users.filter((u) => u.username.trim()).map((u) => ({ username: u.username.trim(), can_edit: !!u.can_edit })),
    groups: defaults.groups.filter((g) => g.name.trim()).map((g) => ({ name: g.name.trim(), can_edit: !!g.can_edit })),
  };
  await write('capture-defaults', clean);
}

export async function neverSites(): Promise<string[]> {
  return (await read('never-sites')) ?? [];
}

export async function isNeverSite(origin: string): Promise<boolean> {
  const host = hostOf(origin);
  return !!host && (await neverSites()).includes(host);
}

export async function setNeverSite(host: string, never: boolean): Promise<void> {
  await update('never-sites', (current) => {
    const hosts = (current ?? []).filter((h) => h !== host);
    return never ? [...hosts, host].sort() : hosts;
  });
}
