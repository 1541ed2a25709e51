// The MySafe client against the local server over real loopback HTTP (no mocked fetch).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MySafeClient, MySafeError, checkBaseUrl, type CachedToken, type MySafeConfig, type MySafeErrorKind } from '../../src/mysafe/index';
import { DEMO_CLIENT, startMySafeServer, type MySafeServer } from '../../src/mysafe-server/index';
import { redact } from '../../src/mysafe/http';

let server: MySafeServer;
beforeAll(async () => {
  server = await startMySafeServer();
});
afterAll(() => server.close());
afterEach(() => server.reset());

function client(overrides: Partial<MySafeConfig> = {}): MySafeClient {
  return new MySafeClient({ baseUrl: server.url, clientId: DEMO_CLIENT.clientId, clientSecret: DEMO_CLIENT.clientSecret, ...overrides });
}

const tokenCalls = () => server.requests().filter((r) => r.path.endsWith('/oauth2/token'));

/** Runs `action`, expects a MySafeError, and checks nothing secret leaked into it. */
async function failure(action: Promise<unknown>, secrets: string[] = []): Promise<MySafeError> {
  const error = await action.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MySafeError);
  const text = `${(error as Error).message} ${JSON.stringify(error)} ${String((error as Error).stack)}`;
  for (const secret of [DEMO_CLIENT.clientSecret, ...secrets]) expect(text).not.toContain(secret);
  return error as MySafeError;
}

/** A bare HTTP server for answers the MySafe server never gives (other key spellings, broken bodies). */
async function rawServer(answer: (path: string) => { status: number; body: string; type?: string }): Promise<{ url: string; server: Server }> {
  const raw = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      const reply = path.endsWith('/oauth2/token')
        ? { status: 200, body: JSON.stringify({ token_type: 'Bearer', expires_in: 3600, access_token: 'raw-token' }) }
        : answer(path);
      response.writeHead(reply.status, { 'Content-Type': reply.type ?? 'application/json' });
      response.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(raw.address() as AddressInfo).port}`, server: raw };
}

describe('tokens', () => {
  it('100 saves use one token; concurrent first calls share one token request', async () => {
    const mysafe = client();
    await Promise.all(Array.from({ length: 10 }, (_, i) => mysafe.createEntry({ name: `c${i}`, username: 'u', password: 'p' })));
    for (let i = 0; i < 90; i++) await mysafe.createEntry({ name: `s${i}`, username: 'u', password: 'p' });
    expect(server.entries()).toHaveLength(100);
    expect(mysafe.tokenRequests).toBe(1);
    expect(tokenCalls()).toHaveLength(1);
    expect(tokenCalls()[0]).toMatchObject({ method: 'POST', body: { grant_type: 'client_credentials', client_id: DEMO_CLIENT.clientId, client_secret: '[redacted]' } });
  });

  it('a revoked token: one new token and one repeat of the call', async () => {
    const mysafe = client();
    await mysafe.listEntries();
    server.expireTokens();
    const entry = await mysafe.createEntry({ name: 'after revoke', username: 'u', password: 'p' });
    expect(entry.name).toBe('after revoke');
    expect(mysafe.tokenRequests).toBe(2);
    expect(server.entries()).toHaveLength(1);
    expect(server.requests().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /api/oauth2/token 200',
      'GET /api/mysafe/password 200',
      'POST /api/mysafe/password 401',
      'POST /api/oauth2/token 200',
      'POST /api/mysafe/password 201',
    ]);
  });

  it('refreshes shortly before expires_in runs out, without waiting for a 401', async () => {
    // Only the clock is faked (client and server share it): the sockets and the request deadline stay real.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      server.setTokenLifetime(1);
      const mysafe = client();
      await mysafe.listEntries();
      // A tenth of a 1 s lifetime is the margin: the token serves until 900 ms, and is replaced from then on.
      vi.setSystemTime(Date.now() + 899);
      await mysafe.listEntries();
      expect(mysafe.tokenRequests).toBe(1);
      vi.setSystemTime(Date.now() + 1);
      await mysafe.listEntries();
      expect(mysafe.tokenRequests).toBe(2);
      expect(server.requests().filter((r) => r.status === 401)).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a token refused twice is `unauthorized` after exactly one retry', async () => {
    server.setTokenLifetime(0); // every token is born expired
    const mysafe = client();
    const error = await failure(mysafe.listEntries());
    expect(error).toMatchObject({ kind: 'unauthorized', status: 401, retryable: false });
    expect(error.serverMessage).toEqual({ en: 'You are not authorized to access this resource.', pt: 'You are not authorized to access this resource.' });
    expect(mysafe.tokenRequests).toBe(2);
    expect(server.requests().filter((r) => r.path === '/api/mysafe/password')).toHaveLength(2);
  });

  it('falls back to /iso/oauth2/token on a 404 and remembers it, also through the token cache', async () => {
    const iso = await startMySafeServer({ tokenPath: 'iso' });
    try {
      let stored: CachedToken | undefined;
      const tokenCache = { load: async () => stored, save: async (token: CachedToken | undefined) => void (stored = token) };
      const config = { baseUrl: iso.url, clientId: DEMO_CLIENT.clientId, clientSecret: DEMO_CLIENT.clientSecret, tokenCache };
      const first = new MySafeClient(config);
      await first.createEntry({ name: 'iso', username: 'u', password: 'p' });
      expect(first.tokenRequests).toBe(2);
      expect(stored).toMatchObject({ tokenPath: '/iso/oauth2/token' });
      expect(JSON.stringify(stored)).not.toContain(DEMO_CLIENT.clientSecret);

      iso.expireTokens();
      await first.listEntries();
      expect(first.tokenRequests).toBe(3); // straight to /iso this time

      // A restarted service worker: the cached token is used as is, no token request at all.
      const second = new MySafeClient(config);
      expect(await second.listEntries()).toHaveLength(1);
      expect(second.tokenRequests).toBe(0);
      expect(iso.requests().map((r) => `${r.path} ${r.status}`)).toEqual([
        '/api/oauth2/token 404',
        '/iso/oauth2/token 200',
        '/api/mysafe/password 201',
        '/api/mysafe/password 401',
        '/iso/oauth2/token 200',
        '/api/mysafe/password 200',
        '/api/mysafe/password 200',
      ]);
    } finally {
      await iso.close();
    }
  });

  it('ignores a cached token saved for other settings', async () => {
    const foreign: CachedToken = { accessToken: 'x', expiresAt: Date.now() + 60_000, tokenPath: '/api/oauth2/token', scope: 'https://other.example|someone' };
    const mysafe = client({ tokenCache: { load: async () => foreign, save: async () => undefined } });
    await mysafe.listEntries();
    expect(mysafe.tokenRequests).toBe(1);
  });

  it('checkConnection always asks for a fresh token', async () => {
    const mysafe = client();
    await mysafe.checkConnection();
    await mysafe.checkConnection();
    expect(mysafe.tokenRequests).toBe(2);
  });
});

describe('calls', () => {
  it('create, read, update (partial), list with filters, disable and enable', async () => {
    server.addGroup('Ops', ['demo', 'bob']);
    const mysafe = client();
    const created = await mysafe.createEntry({
      name: 'Example',
      username: 'ana@example.com',
      password: 'first-Pa55',
      url: 'https://example.com/login',
      secret_key: 'JBSWY3DPEHPK3PXP',
      notes: 'from the extension',
      tags: 'web, capture',
      users_allowed: [{ username: 'alice', can_edit: true }],
      groups_allowed: [{ name: 'Ops' }],
    });
    expect(created).toEqual({
      identifier: expect.stringMatching(/^\d+$/),
      name: 'Example',
      url: 'https://example.com/login',
      username: 'ana@example.com',
      notes: 'from the extension',
      tags: 'web, capture',
      users_allowed: [{ username: 'alice', can_edit: true }],
      groups_allowed: [{ name: 'Ops', can_edit: false }],
    });
    const id = created.identifier;

    const read = await mysafe.readEntry(id);
    expect(read).toMatchObject({ password: 'first-Pa55', secret_key: 'JBSWY3DPEHPK3PXP', notes: 'from the extension' });
    expect(read).not.toHaveProperty('token');

    const updated = await mysafe.updateEntry(id, { password: 'second-Pa55', users_allowed: [] });
    expect(updated).toMatchObject({ name: 'Example', users_allowed: [], groups_allowed: [{ name: 'Ops', can_edit: false }] });
    const sent = server.requests().find((r) => r.method === 'PUT');
    expect(sent?.path).toBe(`/api/mysafe/password/update/${id}`);
    expect(sent?.body).toEqual({ password: '[redacted]', users_allowed: [] });

    expect(await mysafe.listEntries({ url: 'example.com', username: 'ana' })).toEqual([
      { identifier: id, name: 'Example', url: 'https://example.com/login', username: 'ana@example.com', tags: 'web, capture', can_view: true, can_write: true },
    ]);
    expect(await mysafe.listEntries({ tag: 'nothing' })).toEqual([]);
    const listCall = server.requests().filter((r) => r.method === 'GET' && r.path === '/api/mysafe/password')[0];
    expect(listCall.query).toEqual({ url: 'example.com', username: 'ana' });

    await mysafe.disableEntry(id);
    expect((await failure(mysafe.readEntry(id))).kind).toBe('inactive');
    await mysafe.enableEntry(id);
    expect((await mysafe.readEntry(id)).password).toBe('second-Pa55');
  });

  it('unicode and very long values round-trip', async () => {
    const mysafe = client();
    const long = 'ção-🔐-日本語-'.repeat(70_000); // about 1 MB of UTF-8
    const entry = {
      name: 'Conta 🏦 São Paulo — 東京',
      username: 'josé.ñúñez@exämple.com',
      password: `pässwörd 🔑 "quoted" \\ back\nslash ${'x'.repeat(5000)}`,
      url: 'https://bücher.example/登录?a=1&b=2',
      notes: long,
      tags: 'ünï, cødé',
    };
    const created = await mysafe.createEntry(entry);
    const read = await mysafe.readEntry(created.identifier);
    expect(read).toMatchObject(entry);
    const [summary] = await mysafe.listEntries({ username: 'josé' });
    expect(summary.name).toBe(entry.name);
  });

  it('a list of 10,000 entries', async () => {
    for (let i = 0; i < 10_000; i++) {
      server.addEntry('demo', { name: `Site ${i}`, username: `user${i}@example.com`, password: `pw${i}`, url: `https://site${i % 500}.example.com/login`, tags: 'bulk' });
    }
    const mysafe = client();
    const started = performance.now();
    const list = await mysafe.listEntries();
    const elapsed = performance.now() - started;
    expect(list).toHaveLength(10_000);
    expect(list[9_999]).toMatchObject({ name: 'Site 9999', url: 'https://site499.example.com/login' });
    expect(list.filter((e) => e.url.startsWith('https://site42.example.com/'))).toHaveLength(20);
    expect(elapsed).toBeLessThan(5_000);
  });
});

describe('errors', () => {
  const password = 'Leaky-Password-123';
  const entry = { name: 'n', username: 'u', password };

  it('missing-field names the field and carries both server messages', async () => {
    const error = await failure(client().createEntry({ name: 'n', username: 'u', password: '' }), [password]);
    expect(error).toMatchObject({ kind: 'missing-field', field: 'password', status: 400, code: 1001, retryable: false });
    expect(error.serverMessage).toEqual({ en: "1001: Parameter 'password' was not informed!", pt: "1001: Parameter 'password' was not informed!" });
    expect(error.message).toBe("1001: Parameter 'password' was not informed!");
  });

  it('not-found, no-access, inactive, bad-identifier', async () => {
    const alice = client({ clientId: 'alice-client', clientSecret: 'alice-secret' });
    const viewOnly = await alice.createEntry({ ...entry, users_allowed: [{ username: 'demo' }] });
    const hidden = await alice.createEntry(entry);
    const mysafe = client();

    const cases: [() => Promise<unknown>, MySafeErrorKind, number, string][] = [
      [() => mysafe.readEntry('987654'), 'not-found', 1005, '1005: Password not found'],
      [() => mysafe.updateEntry(hidden.identifier, { password }), 'not-found', 1005, '1005: Password not found'],
      [() => mysafe.updateEntry(viewOnly.identifier, { password }), 'no-access', 1006, '1006: User does not have access'],
      [() => mysafe.disableEntry(viewOnly.identifier), 'no-access', 1006, '1006: User does not have access'],
      [() => mysafe.readEntry('12ab'), 'bad-identifier', 1010, "1010: Invalid type for parameter 'identifier'"],
      [() => mysafe.readEntry(''), 'bad-identifier', 1010, "1010: Invalid type for parameter 'identifier'"],
      [() => mysafe.updateEntry('../1', {}), 'bad-identifier', 1010, "1010: Invalid type for parameter 'identifier'"],
    ];
    for (const [action, kind, code, message] of cases) {
      const error = await failure(action(), [password]);
      expect(error).toMatchObject({ kind, code, status: 400, retryable: false, message });
      expect(error.serverMessage).toEqual({ en: message, pt: message });
    }
    await alice.disableEntry(viewOnly.identifier);
    const inactive = await failure(mysafe.readEntry(viewOnly.identifier));
    expect(inactive).toMatchObject({ kind: 'inactive', code: 1009, message: '1009: Inactive password', retryable: false });
  });

  it('rejected-credentials, bad-url (wrong path, not https, invalid) and offline', async () => {
    const rejected = await failure(client({ clientSecret: 'wrong-secret-value' }).checkConnection(), ['wrong-secret-value']);
    expect(rejected).toMatchObject({ kind: 'rejected-credentials', status: 401, retryable: false, message: 'Client ID or Client Secret rejected' });
    expect(rejected.serverMessage?.en).toBe('You are not authorized to access this resource.');

    const wrongPath = await failure(client({ baseUrl: `${server.url}/mysafe` }).checkConnection());
    expect(wrongPath).toMatchObject({ kind: 'bad-url', status: 404, serverMessage: { en: 'No route matched with those values.' } });

    const plain = await failure(client({ baseUrl: 'http://vault.example.com' }).createEntry(entry), [password]);
    expect(plain).toMatchObject({ kind: 'bad-url', message: 'The server URL must use https://' });
    expect((await failure(client({ baseUrl: 'not a url' }).listEntries())).kind).toBe('bad-url');

    const closed = await startMySafeServer();
    await closed.close();
    const offline = await failure(client({ baseUrl: closed.url }).createEntry(entry), [password]);
    // It failed at the token request, so the create cannot have been applied.
    expect(offline).toMatchObject({ kind: 'offline', retryable: true, maybeApplied: undefined, message: 'MySafe could not be reached' });
  });

  it('server (500) and gateway (502, 504) keep the server message and are retryable', async () => {
    const mysafe = client();
    await mysafe.checkConnection();
    const cases: [500 | 502 | 504, MySafeErrorKind, string][] = [
      [500, 'server', 'Unexpected error.'],
      [502, 'gateway', 'An invalid response was received from the upstream server'],
      [504, 'gateway', 'The upstream server is timing out'],
    ];
    for (const [status, kind, message] of cases) {
      server.failNext(1, status);
      const error = await failure(mysafe.createEntry(entry), [password]);
      expect(error).toMatchObject({ kind, status, retryable: true, message, serverMessage: { en: message, pt: message } });
      if (kind === 'gateway') expect(error.maybeApplied).toBe(true);
    }
    // A failing token endpoint is reported the same way.
    server.failNext(1, 500);
    expect(await failure(client().checkConnection())).toMatchObject({ kind: 'server', status: 500 });
  });

  it('timeout: a hanging answer ends at the configured deadline', async () => {
    const mysafe = client({ timeoutMs: 300 });
    await mysafe.checkConnection();
    server.failNext(1, 'hang');
    const started = Date.now();
    const error = await failure(mysafe.createEntry(entry), [password]);
    expect(error).toMatchObject({ kind: 'timeout', retryable: true, maybeApplied: true, message: 'MySafe did not answer within 0.3 s' });
    expect(Date.now() - started).toBeLessThan(2_000);
    server.failNext(1, 'hang');
    expect((await failure(client({ timeoutMs: 200 }).checkConnection())).kind).toBe('timeout');
    // The next call works again.
    expect(await mysafe.listEntries()).toEqual([]);
  });

  it('timeout: the deadline also covers an answer that stalls after its headers', async () => {
    const stalling = createServer((request, response) => {
      request.resume();
      if (request.url?.endsWith('/oauth2/token')) {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ token_type: 'Bearer', expires_in: 3600, access_token: 't' }));
      } else {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.write('{"code":200,"password_on_list":[');
      }
    });
    await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(stalling.address() as AddressInfo).port}`;
      const started = Date.now();
      const error = await failure(new MySafeClient({ baseUrl: url, clientId: 'c', clientSecret: 's', timeoutMs: 300 }).listEntries());
      expect(error).toMatchObject({ kind: 'timeout', retryable: true, maybeApplied: undefined });
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      stalling.closeAllConnections();
      stalling.close();
    }
  });

  it('invalid-response: an HTML page, truncated JSON, a JSON answer without the expected keys', async () => {
    const mysafe = client();
    await mysafe.checkConnection();
    server.failNext(1, 'not-json');
    expect(await failure(mysafe.listEntries())).toMatchObject({
      kind: 'invalid-response',
      status: 200,
      retryable: false,
      message: 'MySafe sent an answer that is not a JSON object',
    });
    server.failNext(1, 'not-json');
    expect((await failure(client().checkConnection())).kind).toBe('invalid-response');

    const bodies = ['{"code":200,"password_entity":{"identif', '{"code":200}', '[1,2,3]', '{"password_entity":{"name":"no identifier"}}'];
    for (const body of bodies) {
      const raw = await rawServer(() => ({ status: 200, body }));
      try {
        const rawClient = new MySafeClient({ baseUrl: raw.url, clientId: 'c', clientSecret: 's3cr3t-value' });
        const error = await failure(rawClient.readEntry('1'), ['s3cr3t-value', 'raw-token']);
        expect(error.kind).toBe('invalid-response');
        expect((await failure(rawClient.listEntries())).kind).toBe('invalid-response');
      } finally {
        raw.server.close();
      }
    }
  });

  it('a gateway HTML page on 502 is still `gateway`; a server echoing a secret gets it redacted', async () => {
    const raw = await rawServer((path) =>
      path.includes('/update/')
        ? { status: 400, body: JSON.stringify({ response: { message: 'bad value Leaky-Password-123', mensagem: 'valor Leaky-Password-123' }, exception: { code: 1234 } }) }
        : { status: 502, body: '<html>Bad Gateway</html>', type: 'text/html' },
    );
    try {
      const rawClient = new MySafeClient({ baseUrl: raw.url, clientId: 'c', clientSecret: 's' });
      expect(await failure(rawClient.listEntries())).toMatchObject({ kind: 'gateway', status: 502, retryable: true });
      const echoed = await failure(rawClient.updateEntry('1', { password }), [password, 'raw-token']);
      expect(echoed).toMatchObject({ kind: 'server', code: 1234, retryable: false, serverMessage: { en: 'bad value [redacted]', pt: 'valor [redacted]' } });
    } finally {
      raw.server.close();
    }
  });

  it('a long server message is shortened after redacting: a secret across the cut leaves nothing of itself', () => {
    const secret = 'Leaky-Password-123';
    const text = `${'x'.repeat(495)}${secret} and more`;
    const out = redact(text, [secret]);
    expect(out).not.toContain(secret.slice(0, 5));
    expect(out).toBe(`${'x'.repeat(495)}[reda…`);
  });

  it('reads `passwords_on_list` and `notes` spellings too', async () => {
    const raw = await rawServer((path) =>
      path === '/api/mysafe/password'
        ? { status: 200, body: JSON.stringify({ passwords_on_list: [{ identifier: 7, name: 'n', url: 'u', username: 'x', tags: '' }] }) }
        : { status: 200, body: JSON.stringify({ password_entity: { identifier: '7', name: 'n', notes: 'plural', users_allowed: [{ username: 'a' }] } }) },
    );
    try {
      const rawClient = new MySafeClient({ baseUrl: raw.url, clientId: 'c', clientSecret: 's' });
      expect(await rawClient.listEntries()).toEqual([{ identifier: '7', name: 'n', url: 'u', username: 'x', tags: '' }]);
      expect(await rawClient.readEntry('7')).toMatchObject({ identifier: '7', notes: 'plural', users_allowed: [{ username: 'a' }], groups_allowed: [] });
    } finally {
      raw.server.close();
    }
  });

  it('no secret in a URL the server saw', async () => {
    const mysafe = client();
    const created = await mysafe.createEntry({ ...entry, secret_key: 'JBSWY3DPEHPK3PXP' });
    await mysafe.updateEntry(created.identifier, { password: 'Other-Secret-456' });
    await mysafe.listEntries({ username: 'u' });
    const urls = JSON.stringify(server.requests().map((r) => [r.path, r.query]));
    for (const secret of [password, 'Other-Secret-456', 'JBSWY3DPEHPK3PXP', DEMO_CLIENT.clientSecret]) expect(urls).not.toContain(secret);
  });

  it('errors serialise to plain data for extension messaging', async () => {
    const error = await failure(client().readEntry('987654'));
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      kind: 'not-found',
      message: '1005: Password not found',
      status: 400,
      code: 1005,
      serverMessage: { en: '1005: Password not found', pt: '1005: Password not found' },
      retryable: false,
    });
  });
});

describe("the local server's fault controls, as the client meets them", () => {
  const entry = { name: 'n', username: 'u', password: 'Fault-Password-1' };

  it('500, 502 and 504 not applied: retryable; a gateway error on a write may have been applied', async () => {
    const mysafe = client();
    await mysafe.checkConnection();
    const cases: [500 | 502 | 504, Partial<MySafeError>][] = [
      [500, { kind: 'server', retryable: true, maybeApplied: undefined }],
      [502, { kind: 'gateway', retryable: true, maybeApplied: true }],
      [504, { kind: 'gateway', retryable: true, maybeApplied: true }],
    ];
    for (const [status, expected] of cases) {
      server.failNext(1, status);
      expect(await failure(mysafe.createEntry(entry), [entry.password])).toMatchObject({ status, ...expected });
    }
    expect(server.entries()).toEqual([]);
  });

  it('a lost answer: 504 `gateway`, maybeApplied, and the entry is there', async () => {
    const mysafe = client();
    server.loseNextAnswer();
    const error = await failure(mysafe.createEntry(entry), [entry.password]);
    expect(error).toMatchObject({ kind: 'gateway', status: 504, retryable: true, maybeApplied: true });
    // What the save does before trying again finds it.
    expect(await mysafe.listEntries({ username: 'u' })).toEqual([expect.objectContaining({ name: 'n', username: 'u' })]);
    expect(server.entries()).toHaveLength(1);
  });

  it('a hang past the deadline: `timeout`, maybeApplied for a write, nothing stored', async () => {
    const mysafe = client({ timeoutMs: 200 });
    await mysafe.checkConnection();
    server.failNext(1, 'hang');
    expect(await failure(mysafe.createEntry(entry), [entry.password])).toMatchObject({ kind: 'timeout', retryable: true, maybeApplied: true });
    expect(server.entries()).toEqual([]);
  });

  it('connection refused: `offline` and retryable; the same client works once the server is back', async () => {
    const mysafe = client();
    await mysafe.checkConnection();
    await server.refuseConnections();
    try {
      // The client cannot tell a refused connection from one cut mid-request, so a write may have been applied.
      expect(await failure(mysafe.createEntry(entry), [entry.password])).toMatchObject({ kind: 'offline', retryable: true, maybeApplied: true });
      expect(await failure(client().checkConnection())).toMatchObject({ kind: 'offline', retryable: true, maybeApplied: undefined });
    } finally {
      await server.acceptConnections();
    }
    await mysafe.createEntry(entry);
    expect(mysafe.tokenRequests).toBe(1);
    expect(server.entries()).toHaveLength(1);
  });

  it('a non-JSON body: `invalid-response`, not retryable', async () => {
    const mysafe = client();
    await mysafe.checkConnection();
    server.failNext(1, 'not-json');
    expect(await failure(mysafe.createEntry(entry), [entry.password])).toMatchObject({ kind: 'invalid-response', status: 200, retryable: false });
    expect(server.entries()).toEqual([]);
  });

  it('the token endpoint down: a held token still works; a new token is a retryable `gateway` error, not applied', async () => {
    const mysafe = client();
    await mysafe.checkConnection();
    server.setTokenEndpointDown(true);
    await mysafe.createEntry(entry);
    expect(await failure(client().checkConnection())).toMatchObject({ kind: 'gateway', status: 502, retryable: true, maybeApplied: undefined });
  });

  it('tokens expired between capture and save: one new token and the save goes through; with the token endpoint down, a retryable error', async () => {
    const mysafe = client();
    await mysafe.listEntries(); // the capture: a token is held
    server.expireTokens();
    await mysafe.createEntry(entry);
    expect(mysafe.tokenRequests).toBe(2);

    server.expireTokens();
    server.setTokenEndpointDown(true);
    // The create was refused with 401, so nothing can have been applied.
    expect(await failure(mysafe.createEntry(entry), [entry.password])).toMatchObject({ kind: 'gateway', status: 502, retryable: true, maybeApplied: undefined });
    expect(server.entries()).toHaveLength(1);
  });
});

describe('checkBaseUrl', () => {
  it('allows http only for loopback and normalises the trailing slash', () => {
    expect(checkBaseUrl('https://vault.example.com/')).toEqual({ ok: true, baseUrl: 'https://vault.example.com' });
    expect(checkBaseUrl(' https://vault.example.com/mysafe// ')).toEqual({ ok: true, baseUrl: 'https://vault.example.com/mysafe' });
    for (const loopback of ['http://localhost:8787', 'http://127.0.0.1:8787/', 'http://127.9.8.7', 'http://[::1]:8787']) {
      expect(checkBaseUrl(loopback).ok).toBe(true);
    }
    expect(checkBaseUrl('http://[::1]:8787/')).toEqual({ ok: true, baseUrl: 'http://[::1]:8787' });
    for (const remote of ['http://vault.example.com', 'http://128.0.0.1', 'http://localhost.evil.com', 'http://127.0.0.1.nip.io']) {
      expect(checkBaseUrl(remote)).toEqual({ ok: false, reason: 'not-https' });
    }
    for (const invalid of ['', 'vault.example.com', 'ftp://vault.example.com', 'https://user:pw@vault.example.com', 'https://v.example.com/?a=1', 'javascript:alert(1)']) {
      expect(checkBaseUrl(invalid)).toEqual({ ok: false, reason: 'invalid' });
    }
  });
});
