// Shapes of the MySafe API as the extension uses them (see shared/mysafe-api.md).

export interface CachedToken {
  accessToken: string;
  /** Epoch milliseconds after which the token must not be used (already includes the refresh margin). */
  expiresAt: number;
  /** The token path that worked, '/api/oauth2/token' or '/iso/oauth2/token', so a restart skips the fallback. */
  tokenPath: string;
  /** Base URL and Client ID the token belongs to; a cached token for other settings is ignored. */
  scope?: string;
}

export interface MySafeConfig {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Per request, including reading the answer. Default 15 000 ms. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** optional persistence for the token so a restarted service worker does not fetch a new one (the background stores it in storage.session) */
  tokenCache?: { load(): Promise<CachedToken | undefined>; save(token: CachedToken | undefined): Promise<void> };
}

export interface SharingUser {
  username: string;
  can_edit?: boolean;
}

export interface SharingGroup {
  name: string;
  can_edit?: boolean;
}

export interface NewEntry {
  name: string;
  username: string;
  password: string;
  url?: string;
  secret_key?: string;
  notes?: string;
  tags?: string;
  users_allowed?: SharingUser[];
  groups_allowed?: SharingGroup[];
}

export type EntryUpdate = Partial<NewEntry>;

export interface Entry {
  identifier: string;
  name: string;
  url: string;
  username: string;
  /** Present when the server sent it (read one); create and update answers leave it out. */
  password?: string;
  secret_key?: string;
  notes: string;
  tags: string;
  users_allowed: SharingUser[];
  groups_allowed: SharingGroup[];
}

export interface EntrySummary {
  identifier: string;
  name: string;
  url: string;
  username: string;
  tags: string;
  can_view?: boolean;
  can_write?: boolean;
}

export interface ListFilter {
  url?: string;
  username?: string;
  name?: string;
  tag?: string;
}
