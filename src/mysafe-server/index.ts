import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NewEntry } from '../mysafe/types';
import { MESSAGES, badRequestAccess, injectedFailure, noRoute, plainError, unauthorized, type Body, type Reply } from './envelopes';
import { parseBody, redactSecrets } from './body';
import { DEMO_CLIENT, Store, type StoredEntry } from './store';

export { DEMO_CLIENT } from './store';
export type { StoredEntry, StoredShareGroup, StoredShareUser } from './store';

export interface MySafeServerOptions {
  port?: number;
  host?: string;
  /** JSON file to load the state from and save it to; in memory only when left out. */
  dataPath?: string;
  tokenLifetimeSeconds?: number;
  /** Where the token endpoint lives: /api/oauth2/token (default) or only /iso/oauth2/token. */
  tokenPath?: 'api' | 'iso';
  /** Key for the HTTP admin path; random when left out. */
  adminKey?: string;
}

export interface LoggedRequest {
  method: string;
  path: string;
  /** The query string's parameters (secrets redacted). */
  query: Record<string, string>;
  /** The parsed body with every password, secret_key, client_secret and token replaced by "[redacted]". */
  body: unknown;
  /** 0 while unanswered (or for a request made to hang). */
  status: number;
}

/**
 * How the next API calls fail, without being applied: 500, 502 or 504 with the vendor's envelope; 'hang' never answers
 * (past any client deadline); 'not-json' answers 200 with an HTML page, as a captive portal or a misrouted proxy would.
 */
export type FailureMode = 500 | 502 | 504 | 'hang' | 'not-json';

/** How the answer of a write that was applied is lost: a gateway's 504, or a 200 whose body cannot be read. */
export type LostAnswer = 504 | 'unreadable';

export interface MySafeServer {
  url: string;
  /** For the HTTP admin path /__admin/* (header X-Admin-Key). */
  adminKey: string;
  close(): Promise<void>;
  failNext(count: number, how: FailureMode): void;
  /**
   * The next `count` writes (create, update, disable, enable) are applied, then answered 504 (a lost answer), or with
   * `how` 'unreadable' answered 200 with a body that is not JSON (an answer mangled on its way back).
   */
  loseNextAnswer(count?: number, how?: LostAnswer): void;
  /** While down, the token endpoint answers 502 (its upstream is gone); calls with a valid token still work. */
  setTokenEndpointDown(down: boolean): void;
  /** Stops listening and drops open connections: clients get "connection refused" until acceptConnections(). */
  refuseConnections(): Promise<void>;
  /** Listens again, on the same host and port. */
  acceptConnections(): Promise<void>;
  setLatency(ms: number): void;
  expireTokens(): void;
  setTokenLifetime(seconds: number): void;
  requests(): LoggedRequest[];
  /** The first request `match` accepts, already received or the next to arrive (resolved on arrival, status 0). */
  waitForRequest(match: (request: LoggedRequest) => boolean): Promise<LoggedRequest>;
  reset(): void;
  entries(): StoredEntry[];
  addEntry(owner: string, entry: NewEntry): StoredEntry;
  addClient(clientId: string, clientSecret: string, username: string): void;
  addGroup(name: string, members: string[]): void;
  addUser(username: string): void;
}

const MAX_LOGGED = 5_000;
const IDENTIFIER = '([^/]*)';
const ROUTES: { method: string[]; pattern: RegExp; name: 'list' | 'create' | 'read' | 'update' | 'inactive' | 'active' }[] = [
  { method: ['GET'], pattern: /^\/api\/mysafe\/password$/, name: 'list' },
  { method: ['POST'], pattern: /^\/api\/mysafe\/password$/, name: 'create' },
  // Decision of the contract: one vendor page writes POST for update, so both are accepted.
  { method: ['PUT', 'POST'], pattern: new RegExp(`^/api/mysafe/password/update/${IDENTIFIER}$`), name: 'update' },
  { method: ['POST'], pattern: new RegExp(`^/api/mysafe/password/inactive/${IDENTIFIER}$`), name: 'inactive' },
  { method: ['POST'], pattern: new RegExp(`^/api/mysafe/password/active/${IDENTIFIER}$`), name: 'active' },
  { method: ['GET'], pattern: new RegExp(`^/api/mysafe/password/${IDENTIFIER}$`), name: 'read' },
];

/** A local MySafe-compatible server for tests and `npm start`, with test controls. */
export async function startMySafeServer(options: MySafeServerOptions = {}): Promise<MySafeServer> {
  const store = new Store(options.dataPath);
  const tokenPath = options.tokenPath === 'iso' ? '/iso/oauth2/token' : '/api/oauth2/token';
  const adminKey = options.adminKey ?? randomBytes(16).toString('hex');
  const tokens = new Map<string, { username: string; expiresAt: number }>();
  let tokenLifetime = options.tokenLifetimeSeconds ?? 3600;
  let latencyMs = 0;
  let failures: FailureMode[] = [];
  let lostAnswers: LostAnswer[] = [];
  let tokenEndpointDown = false;
  let log: LoggedRequest[] = [];
  let waiters: { match: (request: LoggedRequest) => boolean; resolve: (request: LoggedRequest) => void }[] = [];
  let listening = false;
  /** Once closed, nothing (an admin refusal ending, acceptConnections) makes it listen again. */
  let closed = false;
  /** The admin path's refusal: when it ends, the server listens again. */
  let refusalTimer: ReturnType<typeof setTimeout> | undefined;

  const controls = {
    failNext(count: number, how: FailureMode) {
      failures.push(...Array.from({ length: Math.max(0, Math.floor(count)) }, () => how));
    },
    loseNextAnswer(count = 1, how: LostAnswer = 504) {
      lostAnswers.push(...Array.from({ length: Math.max(0, Math.floor(count)) }, () => how));
    },
    setTokenEndpointDown(down: boolean) {
      tokenEndpointDown = down;
    },
    refuseConnections: () => stopListening(),
    acceptConnections: () => listen(),
    setLatency(ms: number) {
      latencyMs = Math.max(0, ms);
    },
    expireTokens() {
      tokens.clear();
    },
    setTokenLifetime(seconds: number) {
      tokenLifetime = seconds;
    },
    requests: () => log.map((entry) => structuredClone(entry)),
    waitForRequest(match: (request: LoggedRequest) => boolean): Promise<LoggedRequest> {
      const received = log.find((entry) => match(structuredClone(entry)));
      if (received) return Promise.resolve(structuredClone(received));
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
    reset() {
      store.reset();
      tokens.clear();
      failures = [];
      lostAnswers = [];
      tokenEndpointDown = false;
      latencyMs = 0;
      log = [];
      tokenLifetime = options.tokenLifetimeSeconds ?? 3600;
    },
    entries: () => store.state.entries.map((entry) => structuredClone(entry)),
    addEntry: (owner: string, entry: NewEntry) => structuredClone(store.addEntry(owner, entry)),
    addClient: (clientId: string, clientSecret: string, username: string) => store.addClient(clientId, clientSecret, username),
    addGroup: (name: string, members: string[]) => store.addGroup(name, members),
    addUser: (username: string) => store.addUser(username),
  };

  /** Client credentials from the form (what this project's client sends) or from HTTP Basic (RFC 6749 §2.3.1). */
  function issueToken(request: IncomingMessage, fields: Body): Reply {
    if (fields.grant_type !== 'client_credentials') return plainError(400, MESSAGES.badGrant);
    let clientId = String(fields.client_id ?? '');
    let clientSecret = String(fields.client_secret ?? '');
    const basic = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (basic && !clientId) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      try {
        clientId = decodeURIComponent(decoded.slice(0, colon));
        clientSecret = decodeURIComponent(decoded.slice(colon + 1));
      } catch {
        return unauthorized();
      }
    }
    const user = store.userOfClient(clientId, clientSecret);
    if (!user) return unauthorized();
    const accessToken = randomBytes(24).toString('hex');
    tokens.set(accessToken, { username: user, expiresAt: Date.now() + tokenLifetime * 1000 });
    return { status: 200, body: { token_type: 'Bearer', expires_in: tokenLifetime, access_token: accessToken } };
  }

  function userOf(request: IncomingMessage): string | undefined {
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    const token = match && tokens.get(match[1]);
    if (!token) return undefined;
    if (token.expiresAt <= Date.now()) {
      tokens.delete(match[1]);
      return undefined;
    }
    return token.username;
  }

  function route(request: IncomingMessage, path: string, query: URLSearchParams, fields: Body | undefined): Reply {
    const method = request.method ?? 'GET';
    if (path === tokenPath && method === 'POST') {
      return fields ? issueToken(request, fields) : plainError(400, MESSAGES.badBody);
    }
    for (const candidate of ROUTES) {
      const match = candidate.pattern.exec(path);
      if (!match || !candidate.method.includes(method)) continue;
      const user = userOf(request);
      if (!user) return unauthorized();
      if (!fields) return plainError(400, MESSAGES.badBody);
      const identifier = match[1];
      if (identifier !== undefined && !/^\d+$/.test(identifier)) {
        return badRequestAccess(1010, MESSAGES.badIdentifier);
      }
      switch (candidate.name) {
        case 'list':
          return store.list(user, {
            url: query.get('url') ?? undefined,
            username: query.get('username') ?? undefined,
            name: query.get('name') ?? undefined,
            tag: query.get('tag') ?? undefined,
          });
        case 'create':
          return store.create(user, fields);
        case 'read':
          return store.read(user, identifier);
        case 'update':
          return store.update(user, identifier, fields);
        case 'inactive':
          return store.setActive(user, identifier, false);
        case 'active':
          return store.setActive(user, identifier, true);
      }
    }
    return noRoute();
  }

  async function handleApi(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const raw = await readRaw(request);
    const fields = parseBody(raw, request.headers['content-type']);
    const entry: LoggedRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: redactSecrets(Object.fromEntries(url.searchParams)) as Record<string, string>,
      body: fields === undefined ? `[unreadable body, ${raw.length} bytes]` : redactSecrets(fields),
      status: 0,
    };
    log.push(entry);
    if (log.length > MAX_LOGGED) log.splice(0, log.length - MAX_LOGGED);
    for (const waiter of waiters.filter((w) => w.match(structuredClone(entry)))) {
      waiters = waiters.filter((w) => w !== waiter);
      waiter.resolve(structuredClone(entry));
    }

    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    const failure = failures.shift();
    if (failure === 'hang') return; // never answered; close() ends the connection
    if (failure === 'not-json') return sendUnreadable(response, entry);
    let reply: Reply;
    if (failure !== undefined) reply = injectedFailure(failure);
    else if (tokenEndpointDown && url.pathname === tokenPath) reply = injectedFailure(502);
    else {
      reply = route(request, url.pathname, url.searchParams, fields);
      // A lost answer: the write is done, but the gateway gives up waiting for it, or its answer comes back unreadable.
      const lost = isWrite(entry) ? lostAnswers.shift() : undefined;
      if (lost === 'unreadable') return sendUnreadable(response, entry);
      if (lost !== undefined) reply = injectedFailure(lost);
    }
    entry.status = reply.status;
    sendJson(response, reply);
  }

  async function handleAdmin(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    if (request.headers['x-admin-key'] !== adminKey) {
      return sendJson(response, plainError(403, 'Admin key required (header X-Admin-Key)'));
    }
    const body = (parseBody(await readRaw(request), request.headers['content-type']) ?? {}) as Body;
    const ok = (extra: Body = {}) => sendJson(response, { status: 200, body: { ok: true, ...extra } });
    const action = `${request.method} ${url.pathname.slice('/__admin'.length)}`;
    switch (action) {
      case 'POST /fail':
        controls.failNext(Number(body.count ?? 1), parseFailure(body.how));
        return ok();
      case 'POST /latency':
        controls.setLatency(Number(body.ms ?? 0));
        return ok();
      case 'POST /lose-answer':
        controls.loseNextAnswer(Number(body.count ?? 1), body.how === 'unreadable' ? 'unreadable' : 504);
        return ok();
      case 'POST /token-endpoint':
        controls.setTokenEndpointDown(body.down === true);
        return ok();
      case 'POST /refuse-connections': {
        // Answered first; then no connection is accepted for `ms` (the admin path is refused too, so it ends by itself).
        const ms = Math.max(0, Number(body.ms ?? 1000));
        response.setHeader('Connection', 'close');
        response.once('finish', () => {
          void stopListening().then(() => {
            refusalTimer = setTimeout(() => void listen(), ms);
          });
        });
        return ok();
      }
      case 'POST /expire-tokens':
        controls.expireTokens();
        return ok();
      case 'POST /token-lifetime':
        controls.setTokenLifetime(Number(body.seconds ?? 3600));
        return ok();
      case 'GET /requests':
        return ok({ requests: controls.requests() });
      case 'POST /reset':
        controls.reset();
        return ok();
      case 'GET /entries':
        return ok({ entries: controls.entries() });
      case 'POST /entries':
        return ok({ entry: controls.addEntry(String(body.owner ?? DEMO_CLIENT.username), body.entry as NewEntry) });
      case 'POST /clients':
        controls.addClient(String(body.clientId), String(body.clientSecret), String(body.username));
        return ok();
      case 'POST /groups':
        controls.addGroup(String(body.name), Array.isArray(body.members) ? body.members.map(String) : []);
        return ok();
      case 'POST /users':
        controls.addUser(String(body.username));
        return ok();
      default:
        return sendJson(response, plainError(404, MESSAGES.noRoute));
    }
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://mysafe.local');
    const handler = url.pathname.startsWith('/__admin/') ? handleAdmin : handleApi;
    handler(request, response, url).catch(() => {
      if (!response.headersSent) sendJson(response, plainError(500, MESSAGES.unexpected));
    });
  });

  let port = options.port ?? 0;
  /** Listens on `port` (after the first time, the one first given by the system). */
  function listen(): Promise<void> {
    clearTimeout(refusalTimer);
    if (listening || closed) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        listening = true;
        resolve();
      });
    });
  }

  function stopListening(): Promise<void> {
    clearTimeout(refusalTimer);
    if (!listening) return Promise.resolve();
    listening = false;
    return new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  await listen();
  const address = server.address() as AddressInfo;
  port = address.port;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    adminKey,
    close: () => {
      closed = true;
      return stopListening();
    },
    ...controls,
  };
}

/** A create, update, disable or enable (every API call that is not a read or the token request). */
function isWrite(request: LoggedRequest): boolean {
  return request.method !== 'GET' && request.path.startsWith('/api/mysafe/');
}

/** A 200 with an HTML page where JSON was expected (a captive portal, a misrouted proxy, a mangled answer). */
function sendUnreadable(response: ServerResponse, entry: LoggedRequest): void {
  entry.status = 200;
  response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  response.end('<!doctype html><html><body><h1>Sign in to the network</h1></body></html>');
}

function parseFailure(value: unknown): FailureMode {
  if (value === 'hang' || value === 'not-json') return value;
  const status = Number(value);
  return status === 502 || status === 504 ? status : 500;
}

const MAX_BODY_BYTES = 32 * 1024 * 1024;

function readRaw(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        request.destroy();
        reject(new Error('body too large'));
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function sendJson(response: ServerResponse, reply: Reply): void {
  const text = JSON.stringify(reply.body);
  response.writeHead(reply.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  response.end(text);
}
