import { MySafeError } from './errors';
import { errorFromAnswer, isRecord, send, serverMessageOf } from './http';
import type { CachedToken, MySafeConfig } from './types';

const API_TOKEN_PATH = '/api/oauth2/token';
const ISO_TOKEN_PATH = '/iso/oauth2/token';

/** Refresh this long before `expires_in` runs out: 60 s, or a tenth of a short lifetime. */
function refreshMargin(lifetimeMs: number): number {
  return Math.min(60_000, lifetimeMs / 10);
}

/**
 * Client-credentials tokens: one token serves every call until shortly before it expires, concurrent callers share
 * one in-flight request, and the token path that worked (/api or /iso) is remembered.
 */
export class TokenManager {
  /** Token HTTP requests made, the /iso fallback included. */
  requests = 0;
  private token?: CachedToken;
  private tokenPath?: string;
  private cacheLoaded = false;
  private inFlight?: Promise<CachedToken>;

  constructor(
    private readonly config: Required<Pick<MySafeConfig, 'clientId' | 'clientSecret'>> & Pick<MySafeConfig, 'tokenCache'>,
    private readonly baseUrl: () => string,
    private readonly fetchFn: typeof fetch,
    private readonly timeoutMs: number,
  ) {}

  private get scope(): string {
    return `${this.baseUrl()}|${this.config.clientId}`;
  }

  private usable(token: CachedToken | undefined): token is CachedToken {
    return !!token && token.expiresAt > Date.now() && (token.scope === undefined || token.scope === this.scope);
  }

  /** A valid token: the one in memory, else the cached one, else a new one. */
  async get(): Promise<CachedToken> {
    if (this.usable(this.token)) return this.token;
    this.inFlight ??= this.share(this.loadOrRequest());
    return this.inFlight;
  }

  /** Always asks the server (used to check the settings). */
  async fresh(): Promise<CachedToken> {
    await this.inFlight?.catch(() => undefined);
    this.inFlight = this.share(this.request());
    return this.inFlight;
  }

  /** Makes `request` the one in-flight request until it settles; a newer one started meanwhile is left in place. */
  private share(request: Promise<CachedToken>): Promise<CachedToken> {
    const shared: Promise<CachedToken> = request.finally(() => {
      if (this.inFlight === shared) this.inFlight = undefined;
    });
    return shared;
  }

  /** The server refused `accessToken` (401): drop it, unless another caller already replaced it. */
  async invalidate(accessToken: string): Promise<void> {
    if (this.token?.accessToken !== accessToken) return;
    this.token = undefined;
    await this.config.tokenCache?.save(undefined).catch(() => undefined);
  }

  private async loadOrRequest(): Promise<CachedToken> {
    if (!this.cacheLoaded && this.config.tokenCache) {
      this.cacheLoaded = true;
      const cached = await this.config.tokenCache.load().catch(() => undefined);
      if (cached && (cached.scope === undefined || cached.scope === this.scope)) this.tokenPath ??= cached.tokenPath;
      if (this.usable(cached)) {
        this.token = cached;
        return cached;
      }
    }
    return this.request();
  }

  private async request(): Promise<CachedToken> {
    const preferred = this.tokenPath ?? API_TOKEN_PATH;
    const paths = [preferred, preferred === API_TOKEN_PATH ? ISO_TOKEN_PATH : API_TOKEN_PATH];
    const secrets = [this.config.clientSecret];
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.config.clientId,
      client_secret: this.config.clientSecret,
    }).toString();

    for (const [index, path] of paths.entries()) {
      this.requests++;
      const answer = await send(this.fetchFn, this.baseUrl() + path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: form,
        timeoutMs: this.timeoutMs,
        isWrite: false,
      });
      if (answer.status === 404 && index === 0) continue;
      if (answer.status === 400 || answer.status === 401 || answer.status === 403) {
        throw new MySafeError('rejected-credentials', {
          status: answer.status,
          serverMessage: serverMessageOf(answer.body, secrets),
          message: 'Client ID or Client Secret rejected',
        });
      }
      if (answer.status !== 200) throw errorFromAnswer(answer, false, secrets);

      const body = answer.body;
      const accessToken = isRecord(body) ? body.access_token : undefined;
      if (typeof accessToken !== 'string' || !accessToken) {
        throw new MySafeError('invalid-response', { status: 200, message: 'The token answer has no access_token' });
      }
      const expiresIn = isRecord(body) ? Number(body.expires_in) : NaN;
      const lifetimeMs = (Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600) * 1000;
      this.tokenPath = path;
      this.token = { accessToken, expiresAt: Date.now() + lifetimeMs - refreshMargin(lifetimeMs), tokenPath: path, scope: this.scope };
      await this.config.tokenCache?.save(this.token).catch(() => undefined);
      return this.token;
    }
    throw new MySafeError('bad-url', { status: 404, message: 'No MySafe token endpoint at this server URL' });
  }
}
