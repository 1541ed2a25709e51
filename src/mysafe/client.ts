import { MySafeError, isMySafeError } from './errors';
import { errorFromAnswer, isRecord, send } from './http';
import { TokenManager } from './token';
import { checkBaseUrl } from './url';
import type {
  Entry,
  EntrySummary,
  EntryUpdate,
  ListFilter,
  MySafeConfig,
  NewEntry,
  SharingGroup,
  SharingUser,
} from './types';

const DEFAULT_TIMEOUT_MS = 15_000;
const ENTRY_FIELDS = ['name', 'username', 'password', 'url', 'secret_key', 'notes', 'tags', 'users_allowed', 'groups_allowed'] as const;

/**
 * The MySafe API over plain fetch: no extension globals, so Node tests and the service worker use it alike.
 * Every failure is a MySafeError; nothing secret goes into a URL or an error message.
 */
export class MySafeClient {
  private readonly fetchFn: typeof fetch;
  private readonly timeoutMs: number;
  private readonly tokens: TokenManager;
  private readonly base: ReturnType<typeof checkBaseUrl>;

  constructor(private readonly config: MySafeConfig) {
    const custom = config.fetch;
    // Called through a wrapper: a bare `fetch` reference loses its `this` in a service worker.
    this.fetchFn = custom ?? ((input, init) => fetch(input, init));
    this.timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.base = checkBaseUrl(config.baseUrl);
    this.tokens = new TokenManager(config, () => this.baseUrl(), this.fetchFn, this.timeoutMs);
  }

  /** Count of token requests made (for the bench and tests). */
  get tokenRequests(): number {
    return this.tokens.requests;
  }

  /** Requests a fresh token; throws MySafeError (rejected-credentials, bad-url, offline, timeout, ...). */
  async checkConnection(): Promise<void> {
    await this.tokens.fresh();
  }

  /** Obtains a token, reusing a valid one (cached or in memory): whether the stored settings still work. */
  async ensureToken(): Promise<void> {
    await this.tokens.get();
  }

  async createEntry(entry: NewEntry): Promise<Entry> {
    const body = await this.call('POST', '/api/mysafe/password', pickFields(entry), secretsOf(entry));
    return parseWritten(body);
  }

  /** Sends only the fields given; an empty users_allowed / groups_allowed array removes that sharing. */
  async updateEntry(identifier: string, changes: EntryUpdate): Promise<Entry> {
    const path = `/api/mysafe/password/update/${encodeURIComponent(identifier)}`;
    const body = await this.call('PUT', path, pickFields(changes), secretsOf(changes));
    return parseWritten(body);
  }

  async listEntries(filter: ListFilter = {}): Promise<EntrySummary[]> {
    const query = new URLSearchParams();
    for (const key of ['url', 'username', 'name', 'tag'] as const) {
      const value = filter[key];
      if (value) query.set(key, value);
    }
    const search = query.toString();
    const body = await this.call('GET', `/api/mysafe/password${search ? `?${search}` : ''}`);
    const list = body.password_on_list ?? body.passwords_on_list;
    if (!Array.isArray(list)) throw invalid('The list answer has no password_on_list');
    return list.map(parseSummary);
  }

  async readEntry(identifier: string): Promise<Entry> {
    const body = await this.call('GET', `/api/mysafe/password/${encodeURIComponent(identifier)}`);
    return parseEntity(body);
  }

  async disableEntry(identifier: string): Promise<void> {
    await this.call('POST', `/api/mysafe/password/inactive/${encodeURIComponent(identifier)}`);
  }

  async enableEntry(identifier: string): Promise<void> {
    await this.call('POST', `/api/mysafe/password/active/${encodeURIComponent(identifier)}`);
  }

  private baseUrl(): string {
    if (!this.base.ok) {
      throw new MySafeError('bad-url', {
        message: this.base.reason === 'not-https' ? 'The server URL must use https://' : 'The server URL is not valid',
      });
    }
    return this.base.baseUrl;
  }

  /** One API call with the shared token; a 401 gets one new token and one repeat. Returns the JSON object. */
  private async call(method: string, path: string, payload?: object, secrets: string[] = []): Promise<Record<string, unknown>> {
    const url = this.baseUrl() + path;
    const isWrite = method !== 'GET';
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (payload) headers['Content-Type'] = 'application/json';
    const body = payload ? JSON.stringify(payload) : undefined;

    for (let attempt = 0; ; attempt++) {
      const token = await this.tokens.get();
      const allSecrets = [this.config.clientSecret, token.accessToken, ...secrets];
      const answer = await send(this.fetchFn, url, {
        method,
        headers: { ...headers, Authorization: `Bearer ${token.accessToken}` },
        body,
        timeoutMs: this.timeoutMs,
        isWrite,
      });
      if (answer.status === 401 && attempt === 0) {
        await this.tokens.invalidate(token.accessToken);
        continue;
      }
      if (answer.status < 200 || answer.status >= 300) throw errorFromAnswer(answer, isWrite, allSecrets);
      // A write answered 2xx was applied, though its answer cannot be read.
      if (!isRecord(answer.body)) throw invalid('MySafe sent an answer that is not a JSON object', answer.status, isWrite);
      return answer.body;
    }
  }
}

function invalid(message: string, status?: number, maybeApplied = false): MySafeError {
  return new MySafeError('invalid-response', { message, status, maybeApplied: maybeApplied || undefined });
}

/** The entry a create or update answered 2xx with: one that cannot be read was applied all the same (maybeApplied). */
function parseWritten(body: Record<string, unknown>): Entry {
  try {
    return parseEntity(body);
  } catch (error) {
    if (!isMySafeError(error)) throw error;
    throw new MySafeError(error.kind, { ...error.toJSON(), maybeApplied: true });
  }
}

function pickFields(entry: EntryUpdate): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ENTRY_FIELDS) if (entry[key] !== undefined) out[key] = entry[key];
  return out;
}

function secretsOf(entry: EntryUpdate): string[] {
  return [entry.password, entry.secret_key].filter((value): value is string => typeof value === 'string');
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return '';
}

function identifierOf(value: unknown): string {
  const id = text(value);
  if (!id) throw invalid('An entry in the answer has no identifier');
  return id;
}

function sharing<T extends SharingUser | SharingGroup>(value: unknown, key: 'username' | 'name'): T[] {
  if (!Array.isArray(value)) return [];
  const out: T[] = [];
  for (const item of value) {
    if (!isRecord(item) || typeof item[key] !== 'string') continue;
    const share = { [key]: item[key] } as Record<string, unknown>;
    if (typeof item.can_edit === 'boolean') share.can_edit = item.can_edit;
    out.push(share as unknown as T);
  }
  return out;
}

function parseEntity(body: Record<string, unknown>): Entry {
  const raw = body.password_entity;
  if (!isRecord(raw)) throw invalid('The answer has no password_entity');
  const entry: Entry = {
    identifier: identifierOf(raw.identifier),
    name: text(raw.name),
    url: text(raw.url),
    username: text(raw.username),
    notes: text(raw.notes ?? raw.note),
    tags: text(raw.tags),
    users_allowed: sharing<SharingUser>(raw.users_allowed, 'username'),
    groups_allowed: sharing<SharingGroup>(raw.groups_allowed, 'name'),
  };
  if (typeof raw.password === 'string') entry.password = raw.password;
  if (typeof raw.secret_key === 'string' && raw.secret_key) entry.secret_key = raw.secret_key;
  return entry;
}

function parseSummary(raw: unknown): EntrySummary {
  if (!isRecord(raw)) throw invalid('An item of the list is not an object');
  const summary: EntrySummary = {
    identifier: identifierOf(raw.identifier),
    name: text(raw.name),
    url: text(raw.url),
    username: text(raw.username),
    tags: text(raw.tags),
  };
  if (typeof raw.can_view === 'boolean') summary.can_view = raw.can_view;
  if (typeof raw.can_write === 'boolean') summary.can_write = raw.can_write;
  return summary;
}
