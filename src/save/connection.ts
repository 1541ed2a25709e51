import { MySafeClient, type CachedToken } from '../mysafe';
import { read, write, type Settings } from './storage';

// One MySafe client per settings, so concurrent calls share one token; the token itself is kept in storage.session
// so a restarted service worker reuses it (session storage is not readable by content scripts).

const tokenCache = {
  async load(): Promise<CachedToken | undefined> {
    return read('mysafe-token');
  },
  async save(token: CachedToken | undefined): Promise<void> {
    await write('mysafe-token', token);
  },
};

let current: { settings: Settings; client: MySafeClient } | undefined;

export function clientFor(settings: Settings): MySafeClient {
  const same =
    current &&
    current.settings.baseUrl === settings.baseUrl &&
    current.settings.clientId === settings.clientId &&
    current.settings.clientSecret === settings.clientSecret;
  if (!same) current = { settings, client: new MySafeClient({ ...settings, tokenCache }) };
  return current!.client;
}

/** Forget the client and its token (settings changed). */
export async function resetClient(): Promise<void> {
  current = undefined;
  await tokenCache.save(undefined);
}
