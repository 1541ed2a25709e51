import { hostOf } from '../platform/origin';
import { read, update, write } from './storage';
import { NO_DEFAULTS, type CaptureDefaults } from './types';
import { readPolicy } from './policy';
import { enforceDefaultsOnSave, isLocked, isNeverSiteIn, mergeDefaults, mergeNeverSites, type NeverSite } from './managed';

// What the user set for saving: defaults for new entries (tags, sharing) and the sites never to offer captures for.
// Both in storage.local: they hold no secrets and should outlive the browser session. Read merged with the
// administrator's policy (src/save/managed.ts).

export async function loadDefaults(): Promise<CaptureDefaults> {
  const [local, { policy }] = await Promise.all([read('capture-defaults'), readPolicy()]);
  return { ...NO_DEFAULTS, ...mergeDefaults(policy, local) };
}

export async function storeDefaults(defaults: CaptureDefaults): Promise<void> {
  const clean: CaptureDefaults = {
    tags: defaults.tags.trim(),
    users: defaults.users.filter((u) => u.username.trim()).map((u) => ({ username: u.username.trim(), can_edit: !!u.can_edit })),
    groups: defaults.groups.filter((g) => g.name.trim()).map((g) => ({ name: g.name.trim(), can_edit: !!g.can_edit })),
  };
  const { policy } = await readPolicy();
  await write('capture-defaults', enforceDefaultsOnSave(policy, clean));
}

/** The person's never-sites and the policy's. */
export async function neverSites(): Promise<NeverSite[]> {
  const [local, dismissed, { policy }] = await Promise.all([read('never-sites'), read('never-sites-dismissed'), readPolicy()]);
  return mergeNeverSites(policy, local, dismissed);
}

export async function isNeverSite(origin: string): Promise<boolean> {
  return !!hostOf(origin) && isNeverSiteIn(await neverSites(), origin);
}

/** Adds or removes a never-site; an unlocked site of the policy is removed by remembering it was; a locked one stays. */
export async function setNeverSite(host: string, never: boolean): Promise<void> {
  const { policy } = await readPolicy();
  if ((policy.neverSites ?? []).includes(host)) {
    if (isLocked(policy, 'neverSites')) return;
    await update('never-sites-dismissed', (current) => {
      const hosts = (current ?? []).filter((h) => h !== host);
      return never ? hosts : [...hosts, host].sort();
    });
    if (!never) return;
  }
  await update('never-sites', (current) => {
    const hosts = (current ?? []).filter((h) => h !== host);
    return never ? [...hosts, host].sort() : hosts;
  });
}
