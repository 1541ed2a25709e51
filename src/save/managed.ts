// What an administrator deploys in one policy file (docs/deploying.md): Chromium's storage.managed (manifest
// storage.managed_schema, public/managed-schema.json) or Firefox's policies.json (3rdparty.Extensions.<gecko id>).
// Pure: the policy is checked here key by key, and merged here with what the person stored, into the one view the
// background, the popup and the options page use. Reading it is ./policy.ts.
//
// The rules: a locked key's managed value always wins and the options page does not let the person change it; an
// unlocked managed value is a default, used until the person sets their own. A bad value is dropped on its own, with
// a problem the options page shows; the rest of the policy still applies. A managed Client Secret goes only to the
// managed server URL (as a stored secret goes only to the server it was entered for).
import { checkBaseUrl } from '../mysafe/url';
import { hostOf, originOf, sameOrigin } from '../platform/origin';
import type { CaptureDefaults } from './types';
import type { Settings } from './storage';
import type { SharedGroup, SharedUser } from './decision';

/** The policy's keys, exactly as administrators write them. */
export const POLICY_KEYS = [
  'serverUrl',
  'clientId',
  'clientSecret',
  'defaultTags',
  'defaultUsersAllowed',
  'defaultGroupsAllowed',
  'neverSites',
  'qrScanning',
  'browserPasswordSaving',
  'locked',
] as const;

export type PolicyKey = (typeof POLICY_KEYS)[number];
/** The keys `locked` may name. */
export type LockableKey = Exclude<PolicyKey, 'locked'>;

/** A policy once checked: only the values that passed. */
export interface Policy {
  serverUrl?: string;
  clientId?: string;
  clientSecret?: string;
  defaultTags?: string;
  defaultUsersAllowed?: SharedUser[];
  defaultGroupsAllowed?: SharedGroup[];
  neverSites?: string[];
  qrScanning?: boolean;
  browserPasswordSaving?: boolean;
  locked: LockableKey[];
}

export type ProblemReason =
  | 'unknown-key'
  | 'not-https'
  | 'invalid-url'
  | 'not-text'
  | 'not-boolean'
  | 'not-list'
  | 'bad-user'
  | 'bad-group'
  | 'bad-site'
  | 'not-lockable'
  | 'secret-without-server';

/** One ignored value: `key` (and the list item `index`, counted from 0) and why. */
export interface PolicyProblem {
  key: string;
  reason: ProblemReason;
  index?: number;
}

export interface CheckedPolicy {
  policy: Policy;
  problems: PolicyProblem[];
}

const NO_POLICY: CheckedPolicy = { policy: { locked: [] }, problems: [] };

const isLockable = (key: unknown): key is LockableKey => typeof key === 'string' && key !== 'locked' && (POLICY_KEYS as readonly string[]).includes(key);

/** `example.com`, `*.example.com`, `example.com:8443`, `127.0.0.1:8080`, `[::1]:3000`: lower-cased, or undefined. */
export function sitePattern(input: unknown): string | undefined {
  if (typeof input !== 'string') return undefined;
  const text = input.trim().toLowerCase().replace(/\.$/, '');
  const wildcard = text.startsWith('*.');
  const rest = wildcard ? text.slice(2) : text;
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9-]+(\.[a-z0-9-]+)*)(:\d{1,5})?$/.exec(rest);
  if (!match || (wildcard && match[1].startsWith('['))) return undefined;
  return text;
}

/** Whether `origin` (a page's URL or origin) is one of the sites `pattern` names. A pattern without port: any port. */
export function siteMatches(pattern: string, origin: string): boolean {
  const site = originOf(origin);
  if (!site) return false;
  const [patternHost, patternPort] = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(pattern)?.slice(1) ?? [];
  if (!patternHost) return false;
  if (patternPort !== undefined && patternPort !== (site.port || (site.scheme === 'https' ? '443' : '80'))) return false;
  if (patternHost.startsWith('*.')) {
    const base = patternHost.slice(2);
    return site.hostname === base || site.hostname.endsWith(`.${base}`);
  }
  return site.hostname === patternHost;
}

function sharedUser(item: unknown): SharedUser | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return undefined;
  const { username, can_edit, ...rest } = item as Record<string, unknown>;
  if (typeof username !== 'string' || !username.trim() || Object.keys(rest).length) return undefined;
  if (can_edit !== undefined && typeof can_edit !== 'boolean') return undefined;
  return { username: username.trim(), can_edit: !!can_edit };
}

function sharedGroup(item: unknown): SharedGroup | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return undefined;
  const { name, can_edit, ...rest } = item as Record<string, unknown>;
  if (typeof name !== 'string' || !name.trim() || Object.keys(rest).length) return undefined;
  if (can_edit !== undefined && typeof can_edit !== 'boolean') return undefined;
  return { name: name.trim(), can_edit: !!can_edit };
}

/** Each list item through `check`; the ones it refuses are problems of their own. */
function checkList<T>(key: PolicyKey, value: unknown, check: (item: unknown) => T | undefined, reason: ProblemReason, problems: PolicyProblem[]): T[] | undefined {
  if (!Array.isArray(value)) {
    problems.push({ key, reason: 'not-list' });
    return undefined;
  }
  const kept: T[] = [];
  value.forEach((item, index) => {
    const checked = check(item);
    if (checked === undefined) problems.push({ key, reason, index });
    else kept.push(checked);
  });
  return kept;
}

/** The policy as given (storage.managed.get()), checked key by key. Never throws. */
export function checkPolicy(raw: unknown): CheckedPolicy {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return NO_POLICY;
  const input = raw as Record<string, unknown>;
  const policy: Policy = { locked: [] };
  const problems: PolicyProblem[] = [];
  const text = (key: 'clientId' | 'clientSecret' | 'defaultTags'): void => {
    const value = input[key];
    if (value === undefined) return;
    if (typeof value === 'string') policy[key] = key === 'clientSecret' ? value : value.trim();
    else problems.push({ key, reason: 'not-text' });
  };
  const flag = (key: 'qrScanning' | 'browserPasswordSaving'): void => {
    const value = input[key];
    if (value === undefined) return;
    if (typeof value === 'boolean') policy[key] = value;
    else problems.push({ key, reason: 'not-boolean' });
  };

  for (const key of Object.keys(input)) {
    if (!(POLICY_KEYS as readonly string[]).includes(key)) problems.push({ key, reason: 'unknown-key' });
  }
  if (input.serverUrl !== undefined) {
    if (typeof input.serverUrl !== 'string') problems.push({ key: 'serverUrl', reason: 'not-text' });
    else {
      const checked = checkBaseUrl(input.serverUrl);
      if (checked.ok) policy.serverUrl = checked.baseUrl;
      else problems.push({ key: 'serverUrl', reason: checked.reason === 'not-https' ? 'not-https' : 'invalid-url' });
    }
  }
  text('clientId');
  text('clientSecret');
  // A secret with no server of its own would go wherever the person points the extension: it goes nowhere.
  if (policy.clientSecret !== undefined && !policy.serverUrl) {
    delete policy.clientSecret;
    problems.push({ key: 'clientSecret', reason: 'secret-without-server' });
  }
  text('defaultTags');
  if (input.defaultUsersAllowed !== undefined) {
    policy.defaultUsersAllowed = checkList('defaultUsersAllowed', input.defaultUsersAllowed, sharedUser, 'bad-user', problems);
  }
  if (input.defaultGroupsAllowed !== undefined) {
    policy.defaultGroupsAllowed = checkList('defaultGroupsAllowed', input.defaultGroupsAllowed, sharedGroup, 'bad-group', problems);
  }
  if (input.neverSites !== undefined) {
    const sites = checkList('neverSites', input.neverSites, sitePattern, 'bad-site', problems);
    if (sites) policy.neverSites = [...new Set(sites)];
  }
  flag('qrScanning');
  flag('browserPasswordSaving');
  if (input.locked !== undefined) {
    const locked = checkList('locked', input.locked, (key) => (isLockable(key) ? key : undefined), 'not-lockable', problems);
    policy.locked = [...new Set(locked ?? [])];
  }
  for (const key of Object.keys(policy) as (keyof Policy)[]) if (policy[key] === undefined) delete policy[key];
  return { policy, problems };
}

/** Whether the person may not change `key`: it is locked and the policy gives it a (valid) value. */
export function isLocked(policy: Policy, key: LockableKey): boolean {
  return policy.locked.includes(key) && policy[key] !== undefined;
}

/** The keys the policy sets and locks: what the options page shows disabled with "Set by your organisation". */
export function lockedKeys(policy: Policy): LockableKey[] {
  return policy.locked.filter((key) => policy[key] !== undefined);
}

/** The managed value when locked, else the person's own when they set one, else the managed default. */
function pick<K extends LockableKey, T>(policy: Policy, key: K, local: T | undefined, managed: T | undefined): T | undefined {
  if (isLocked(policy, key)) return managed;
  return local !== undefined ? local : managed;
}

/**
 * The secret for `baseUrl`: each secret goes only to the server it was given for, the person's to their stored URL,
 * the policy's to the policy's URL. The person's first, unless the policy locks its own.
 */
export function secretFor(policy: Policy, local: Partial<Settings> | undefined, baseUrl: string): string | undefined {
  const localSecret = local?.clientSecret && local.baseUrl && sameOrigin(local.baseUrl, baseUrl) ? local.clientSecret : undefined;
  const managedSecret = policy.clientSecret && policy.serverUrl && sameOrigin(policy.serverUrl, baseUrl) ? policy.clientSecret : undefined;
  return isLocked(policy, 'clientSecret') ? managedSecret : (localSecret ?? managedSecret);
}

/** The connection settings in use, or undefined when something is missing. */
export function mergeSettings(policy: Policy, local: Partial<Settings> | undefined): Settings | undefined {
  const baseUrl = pick(policy, 'serverUrl', local?.baseUrl || undefined, policy.serverUrl);
  const clientId = pick(policy, 'clientId', local?.clientId || undefined, policy.clientId);
  if (!baseUrl || !clientId) return undefined;
  const clientSecret = secretFor(policy, local, baseUrl);
  if (!clientSecret) return undefined;
  return { baseUrl, clientId, clientSecret };
}

/** What the options page shows of the connection: the URL and id in use (or offered), whether a secret is there. */
export function mergeSettingsView(policy: Policy, local: Partial<Settings> | undefined): { baseUrl: string; clientId: string; hasSecret: boolean } {
  const merged = mergeSettings(policy, local);
  return {
    baseUrl: merged?.baseUrl ?? pick(policy, 'serverUrl', local?.baseUrl || undefined, policy.serverUrl) ?? '',
    clientId: merged?.clientId ?? pick(policy, 'clientId', local?.clientId || undefined, policy.clientId) ?? '',
    hasSecret: !!merged,
  };
}

/**
 * The settings to store when the person saves the form: a locked value replaces what was typed (a page that was
 * tampered with changes nothing), and an empty secret keeps the one in use for that server, the policy's included.
 */
export function enforceOnSave(policy: Policy, typed: { baseUrl: string; clientId: string; clientSecret: string }): typeof typed {
  return {
    baseUrl: isLocked(policy, 'serverUrl') ? policy.serverUrl! : typed.baseUrl,
    clientId: isLocked(policy, 'clientId') ? policy.clientId! : typed.clientId,
    clientSecret: isLocked(policy, 'clientSecret') ? '' : typed.clientSecret,
  };
}

/** The defaults new entries start with: per field, managed when locked, else the person's, else the policy's. */
export function mergeDefaults(policy: Policy, local: Partial<CaptureDefaults> | undefined): CaptureDefaults {
  return {
    tags: pick(policy, 'defaultTags', local?.tags, policy.defaultTags) ?? '',
    users: pick(policy, 'defaultUsersAllowed', local?.users, policy.defaultUsersAllowed) ?? [],
    groups: pick(policy, 'defaultGroupsAllowed', local?.groups, policy.defaultGroupsAllowed) ?? [],
  };
}

/** The defaults to store: the locked fields are left out (they always come from the policy). */
export function enforceDefaultsOnSave(policy: Policy, defaults: CaptureDefaults): Partial<CaptureDefaults> {
  const kept: Partial<CaptureDefaults> = { ...defaults };
  if (isLocked(policy, 'defaultTags')) delete kept.tags;
  if (isLocked(policy, 'defaultUsersAllowed')) delete kept.users;
  if (isLocked(policy, 'defaultGroupsAllowed')) delete kept.groups;
  return kept;
}

/** One never-site as the options page lists it. */
export interface NeverSite {
  host: string;
  /** From the policy; `locked` ones cannot be removed. */
  managed?: boolean;
  locked?: boolean;
}

/**
 * The sites never to offer captures for: the person's own hosts and the policy's patterns, less the unlocked policy
 * patterns the person removed (`dismissed`).
 */
export function mergeNeverSites(policy: Policy, local: string[] | undefined, dismissed: string[] | undefined): NeverSite[] {
  const locked = isLocked(policy, 'neverSites');
  const managed = (policy.neverSites ?? []).filter((p) => locked || !(dismissed ?? []).includes(p));
  const sites: NeverSite[] = managed.map((host) => ({ host, managed: true, locked }));
  for (const host of local ?? []) if (!managed.includes(host)) sites.push({ host });
  return sites.sort((a, b) => a.host.localeCompare(b.host));
}

/** Whether captures are never offered on `origin`. */
export function isNeverSiteIn(sites: NeverSite[], origin: string): boolean {
  const host = hostOf(origin);
  return !!host && sites.some((site) => (site.managed ? siteMatches(site.host, origin) : site.host === host));
}

/** Whether the QR scan (popup button and right-click menu) is offered. */
export function qrScanningOn(policy: Policy): boolean {
  return policy.qrScanning !== false;
}
