import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { Secret, TOTP } from 'otpauth';
import type { NewEntry } from '../mysafe/types';
import {
  MESSAGES,
  badRequestAccess,
  badRequestPlain,
  missingFieldMessage,
  success,
  type Body,
  type Reply,
} from './envelopes';

export interface StoredShareUser {
  username: string;
  can_edit: boolean;
}

export interface StoredShareGroup {
  name: string;
  can_edit: boolean;
}

export interface StoredEntry {
  identifier: string;
  owner: string;
  name: string;
  url: string;
  username: string;
  password: string;
  secret_key: string;
  notes: string;
  tags: string;
  users_allowed: StoredShareUser[];
  groups_allowed: StoredShareGroup[];
  active: boolean;
}

/** What is persisted (tokens are not: a restarted server asks clients for new ones, as a real one may). */
export interface ServerState {
  users: string[];
  groups: Record<string, string[]>;
  clients: Record<string, { clientSecret: string; username: string }>;
  entries: StoredEntry[];
  nextIdentifier: number;
}

export const DEMO_CLIENT = { clientId: 'mysafe-demo-client', clientSecret: 'mysafe-demo-secret', username: 'demo' } as const;

function seededState(): ServerState {
  return {
    users: ['demo', 'alice', 'bob'],
    groups: { Team: ['demo', 'alice'] },
    clients: {
      [DEMO_CLIENT.clientId]: { clientSecret: DEMO_CLIENT.clientSecret, username: DEMO_CLIENT.username },
      'alice-client': { clientSecret: 'alice-secret', username: 'alice' },
      'bob-client': { clientSecret: 'bob-secret', username: 'bob' },
    },
    entries: [],
    nextIdentifier: 1,
  };
}

const TEXT_FIELDS = ['name', 'username', 'password', 'url', 'secret_key', 'notes', 'tags'] as const;
const REQUIRED_FIELDS = ['name', 'username', 'password'] as const;

/** Strings as sent; numbers are accepted as their text (form bodies and loose JSON clients). */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function truthy(value: unknown): boolean {
  return value === true || value === 'true' || value === '1' || value === 1;
}

/** Users, groups, clients and entries, with the access rules of the contract. Persists on every change. */
export class Store {
  state: ServerState;
  private byId = new Map<string, StoredEntry>();

  constructor(private readonly dataPath?: string) {
    this.state = dataPath && existsSync(dataPath) ? (JSON.parse(readFileSync(dataPath, 'utf8')) as ServerState) : seededState();
    this.index();
    if (dataPath && !existsSync(dataPath)) this.save();
  }

  reset(): void {
    this.state = seededState();
    this.index();
    this.save();
  }

  /** Atomic: a crash mid-write leaves the previous file, never half of one. */
  save(): void {
    if (!this.dataPath) return;
    const temp = `${this.dataPath}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(this.state));
    renameSync(temp, this.dataPath);
  }

  private index(): void {
    this.byId = new Map(this.state.entries.map((entry) => [entry.identifier, entry]));
  }

  userOfClient(clientId: string, clientSecret: string): string | undefined {
    const client = this.state.clients[clientId];
    return client && client.clientSecret === clientSecret ? client.username : undefined;
  }

  addUser(username: string): void {
    if (!this.state.users.includes(username)) this.state.users.push(username);
    this.save();
  }

  addClient(clientId: string, clientSecret: string, username: string): void {
    if (!this.state.users.includes(username)) this.state.users.push(username);
    this.state.clients[clientId] = { clientSecret, username };
    this.save();
  }

  /** Members that are not users yet become users. */
  addGroup(name: string, members: string[]): void {
    for (const member of members) if (!this.state.users.includes(member)) this.state.users.push(member);
    this.state.groups[name] = [...new Set(members)];
    this.save();
  }

  /** Seeds an entry owned by `owner` without going through HTTP (sharing with unknown users is kept as given). */
  addEntry(owner: string, entry: NewEntry): StoredEntry {
    const stored = this.newEntry(owner, entry as unknown as Body);
    stored.users_allowed = (entry.users_allowed ?? []).map((u) => ({ username: u.username, can_edit: u.can_edit === true }));
    stored.groups_allowed = (entry.groups_allowed ?? []).map((g) => ({ name: g.name, can_edit: g.can_edit === true }));
    this.insert(stored);
    this.save();
    return stored;
  }

  private newEntry(owner: string, fields: Body): StoredEntry {
    const entry: StoredEntry = {
      identifier: String(this.state.nextIdentifier++),
      owner,
      name: '',
      url: '',
      username: '',
      password: '',
      secret_key: '',
      notes: '',
      tags: '',
      users_allowed: [],
      groups_allowed: [],
      active: true,
    };
    for (const key of TEXT_FIELDS) entry[key] = textOf(fields[key]) ?? '';
    return entry;
  }

  private insert(entry: StoredEntry): void {
    this.state.entries.push(entry);
    this.byId.set(entry.identifier, entry);
  }

  private groupsOf(user: string): Set<string> {
    const groups = new Set<string>();
    for (const [name, members] of Object.entries(this.state.groups)) if (members.includes(user)) groups.add(name);
    return groups;
  }

  private canView(entry: StoredEntry, user: string, groups: Set<string>): boolean {
    return (
      entry.owner === user ||
      entry.users_allowed.some((u) => u.username === user) ||
      entry.groups_allowed.some((g) => groups.has(g.name))
    );
  }

  private canEdit(entry: StoredEntry, user: string, groups: Set<string>): boolean {
    return (
      entry.owner === user ||
      entry.users_allowed.some((u) => u.username === user && u.can_edit) ||
      entry.groups_allowed.some((g) => g.can_edit && groups.has(g.name))
    );
  }

  /** Sharing as sent; users and groups this server does not know are left out and reported in `shared_error`. */
  private sharing(fields: Body, sharedError: Body[]): { users?: StoredShareUser[]; groups?: StoredShareGroup[] } {
    const out: { users?: StoredShareUser[]; groups?: StoredShareGroup[] } = {};
    if (fields.users_allowed !== undefined) {
      out.users = [];
      for (const item of Array.isArray(fields.users_allowed) ? fields.users_allowed : []) {
        const username = textOf((item as Body)?.username);
        if (!username) continue;
        if (!this.state.users.includes(username)) sharedError.push({ username, message: 'User not found' });
        else out.users.push({ username, can_edit: truthy((item as Body).can_edit) });
      }
    }
    if (fields.groups_allowed !== undefined) {
      out.groups = [];
      for (const item of Array.isArray(fields.groups_allowed) ? fields.groups_allowed : []) {
        const name = textOf((item as Body)?.name);
        if (!name) continue;
        if (!(name in this.state.groups)) sharedError.push({ name, message: 'Group not found' });
        else out.groups.push({ name, can_edit: truthy((item as Body).can_edit) });
      }
    }
    return out;
  }

  private entity(entry: StoredEntry, sharedError: Body[]): Body {
    return {
      identifier: entry.identifier,
      name: entry.name,
      url: entry.url,
      username: entry.username,
      note: entry.notes,
      tags: entry.tags,
      users_allowed: entry.users_allowed.map((u) => ({ ...u })),
      groups_allowed: entry.groups_allowed.map((g) => ({ ...g })),
      shared_error: sharedError,
    };
  }

  create(user: string, fields: Body): Reply {
    for (const field of REQUIRED_FIELDS) {
      if (!textOf(fields[field])) return badRequestPlain(1001, missingFieldMessage(field));
    }
    const sharedError: Body[] = [];
    const sharing = this.sharing(fields, sharedError);
    const entry = this.newEntry(user, fields);
    entry.users_allowed = sharing.users ?? [];
    entry.groups_allowed = sharing.groups ?? [];
    this.insert(entry);
    this.save();
    return success(201, MESSAGES.created, { password_entity: this.entity(entry, sharedError) });
  }

  /** The entry `user` may act on, or the 400 that says why not. */
  private access(user: string, identifier: string, need: 'view' | 'edit', activeOnly: boolean): StoredEntry | Reply {
    const entry = this.byId.get(identifier);
    if (!entry) return badRequestPlain(1005, MESSAGES.notFound);
    const groups = this.groupsOf(user);
    if (!this.canView(entry, user, groups)) return badRequestAccess(1005, MESSAGES.notFound);
    if (activeOnly && !entry.active) return badRequestAccess(1009, MESSAGES.inactive);
    if (need === 'edit' && !this.canEdit(entry, user, groups)) return badRequestAccess(1006, MESSAGES.noAccess);
    return entry;
  }

  update(user: string, identifier: string, fields: Body): Reply {
    const entry = this.access(user, identifier, 'edit', true);
    if (!('identifier' in entry)) return entry;
    for (const field of REQUIRED_FIELDS) {
      if (fields[field] !== undefined && !textOf(fields[field])) return badRequestPlain(1001, missingFieldMessage(field));
    }
    const sharedError: Body[] = [];
    const sharing = this.sharing(fields, sharedError);
    for (const key of TEXT_FIELDS) {
      const value = textOf(fields[key]);
      if (value !== undefined) entry[key] = value;
    }
    if (sharing.users) entry.users_allowed = sharing.users;
    if (sharing.groups) entry.groups_allowed = sharing.groups;
    this.save();
    return success(200, MESSAGES.updated, { password_entity: this.entity(entry, sharedError) });
  }

  read(user: string, identifier: string): Reply {
    const entry = this.access(user, identifier, 'view', true);
    if (!('identifier' in entry)) return entry;
    const entity: Body = { ...this.entity(entry, []), password: entry.password, secret_key: entry.secret_key };
    delete entity.shared_error;
    const code = totpNow(entry.secret_key);
    if (code) entity.token = code;
    return success(200, MESSAGES.found, { password_entity: entity });
  }

  setActive(user: string, identifier: string, active: boolean): Reply {
    const entry = this.access(user, identifier, 'edit', false);
    if (!('identifier' in entry)) return entry;
    entry.active = active;
    this.save();
    return success(200, active ? MESSAGES.activated : MESSAGES.inactivated, {});
  }

  /**
   * Active entries the user may see. Filters: url, username and name match a case-insensitive substring;
   * tag matches one of the comma-separated tags, case-insensitively.
   */
  list(user: string, filter: { url?: string; username?: string; name?: string; tag?: string }): Reply {
    const groups = this.groupsOf(user);
    const contains = (value: string, wanted?: string) => !wanted || value.toLowerCase().includes(wanted.toLowerCase());
    const tag = filter.tag?.trim().toLowerCase();
    const items: Body[] = [];
    for (const entry of this.state.entries) {
      if (!entry.active || !this.canView(entry, user, groups)) continue;
      if (!contains(entry.url, filter.url) || !contains(entry.username, filter.username) || !contains(entry.name, filter.name)) continue;
      if (tag && !entry.tags.split(',').some((t) => t.trim().toLowerCase() === tag)) continue;
      items.push({
        identifier: entry.identifier,
        name: entry.name,
        url: entry.url,
        username: entry.username,
        tags: entry.tags,
        need_justify: false,
        need_approval: false,
        can_view: true,
        can_write: this.canEdit(entry, user, groups),
      });
    }
    return success(200, MESSAGES.listed, { password_on_list: items });
  }
}

function totpNow(secretKey: string): string | undefined {
  if (!secretKey) return undefined;
  try {
    return new TOTP({ secret: Secret.fromBase32(secretKey.replace(/\s+/g, '').toUpperCase()) }).generate();
  } catch {
    return undefined;
  }
}
