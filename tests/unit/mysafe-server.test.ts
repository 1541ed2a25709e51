// The local MySafe-compatible server over real loopback HTTP: the seeds' examples, access rules, controls, persistence.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_CLIENT, startMySafeServer, type MySafeServer } from '../../src/mysafe-server/index';
import { CREATE_OR_UPDATE_PAGES, ERROR_TABLE, PUT_PAGE } from '../data/mysafe-api-examples';

const RESPONSE_KEYS = ['status', 'message', 'error', 'error_code', 'detail', 'mensagem', 'erro', 'cod_erro'];

interface Call {
  token?: string;
  json?: unknown;
  form?: string;
  headers?: Record<string, string>;
}

async function call(server: MySafeServer, method: string, path: string, options: Call = {}) {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form !== undefined) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = options.form;
  }
  const response = await fetch(server.url + path, { method, headers, body });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Record<string, any> };
}

async function tokenFor(server: MySafeServer, clientId: string, clientSecret: string, path = '/api/oauth2/token') {
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
  const answer = await call(server, 'POST', path, { form: form.toString() });
  expect(answer.status).toBe(200);
  return answer.body.access_token as string;
}

let server: MySafeServer;
let demo: string;

beforeAll(async () => {
  server = await startMySafeServer();
});
afterAll(() => server.close());
afterEach(() => server.reset());

async function fresh() {
  server.reset();
  // The users and group the seeds' examples share with.
  server.addGroup('Test group', ['pduarte']);
  demo = await tokenFor(server, DEMO_CLIENT.clientId, DEMO_CLIENT.clientSecret);
}

/** A test control through the HTTP admin path, as a browser test outside this process would use it. */
async function adminPost(path: string, body: object = {}) {
  const response = await fetch(server.url + path, {
    method: 'POST',
    headers: { 'X-Admin-Key': server.adminKey, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** What an update answer's password_entity holds after sending `request` (can_edit left out = false). */
function entityAfter(identifier: string, request: any) {
  return {
    identifier,
    name: request.name,
    url: request.url,
    username: request.username,
    note: request.notes,
    tags: request.tags,
    users_allowed: request.users_allowed.map((u: any) => ({ username: u.username, can_edit: u.can_edit === true })),
    groups_allowed: request.groups_allowed.map((g: any) => ({ name: g.name, can_edit: g.can_edit === true })),
    shared_error: [],
  };
}

describe.each(['en', 'pt'] as const)('the seeds, request by request (%s page)', (language) => {
  const seed = CREATE_OR_UPDATE_PAGES[language];

  it('create: 201 and the documented envelope', async () => {
    await fresh();
    const answer = await call(server, 'POST', '/api/mysafe/password', { token: demo, json: seed.createRequest });
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({
      ...seed.createResponse,
      password_entity: { ...seed.createResponse.password_entity, identifier: expect.stringMatching(/^\d+$/) },
    });
  });

  it('create without username: 400 and exception 1001', async () => {
    await fresh();
    const { username: _left, ...request } = seed.createRequest;
    const answer = await call(server, 'POST', '/api/mysafe/password', { token: demo, json: request });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject(seed.missingField);
    expect(Object.keys(answer.body.response).sort()).toEqual([...RESPONSE_KEYS].sort());
  });

  it('update: 200 and the documented envelope', async () => {
    await fresh();
    const created = await call(server, 'POST', '/api/mysafe/password', { token: demo, json: seed.createRequest });
    const id = created.body.password_entity.identifier;
    const answer = await call(server, 'PUT', `/api/mysafe/password/update/${id}`, { token: demo, json: seed.updateRequest });
    expect(answer.status).toBe(200);
    // The Portuguese page's example response shows a group can_edit its request does not send: the values sent win.
    expect(answer.body).toEqual({ ...seed.updateResponse, password_entity: entityAfter(id, seed.updateRequest) });
    if (language === 'en') expect(answer.body.password_entity).toEqual({ ...seed.updateResponse.password_entity, identifier: id });
  });

  it('update of an entry the caller may not see: the "no access" 1005 envelope, exactly', async () => {
    await fresh();
    const alice = await tokenFor(server, 'alice-client', 'alice-secret');
    const created = await call(server, 'POST', '/api/mysafe/password', { token: alice, json: { name: 'a', username: 'a', password: 'p' } });
    const id = created.body.password_entity.identifier;
    const answer = await call(server, 'PUT', `/api/mysafe/password/update/${id}`, { token: demo, json: seed.updateRequest });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(seed.noAccess);
  });

  it('update of an unknown identifier: the "not found" 1005 envelope', async () => {
    await fresh();
    const answer = await call(server, 'PUT', '/api/mysafe/password/update/987654', { token: demo, json: seed.updateRequest });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject(seed.notFound);
    expect(Object.keys(answer.body.response).sort()).toEqual([...RESPONSE_KEYS].sort());
  });

});

describe('the seeds: the PUT page and the error table', () => {
  it('the PUT page example, sent with PUT and with POST (the page says POST)', async () => {
    await fresh();
    const seed = PUT_PAGE;
    const created = await call(server, 'POST', '/api/mysafe/password', { token: demo, json: { name: 'n', username: 'u', password: 'p' } });
    const id = created.body.password_entity.identifier;
    for (const method of ['PUT', 'POST']) {
      const answer = await call(server, method, `/api/mysafe/password/update/${id}`, { token: demo, json: seed.request });
      expect(answer.status).toBe(200);
      expect(answer.body.code).toBe(200);
      expect(answer.body.response).toEqual(seed.response.response);
      expect(answer.body.password_entity).toEqual(entityAfter(id, seed.request));
    }
  });

  it('the error table: 401, 404, 500, 502 and 504 with their messages', async () => {
    await fresh();
    for (const status of [500, 502, 504] as const) {
      const message = ERROR_TABLE[status];
      server.failNext(1, status);
      const answer = await call(server, 'GET', '/api/mysafe/password', { token: demo });
      expect(answer.status).toBe(status);
      expect(answer.body.response).toMatchObject({ status, message, mensagem: message, error: true, erro: true });
    }
    const noRoute = await call(server, 'GET', '/api/nothing/here', { token: demo });
    expect(noRoute.status).toBe(404);
    expect(noRoute.body.response.message).toBe(ERROR_TABLE[404]);
    for (const token of [undefined, 'not-a-token']) {
      const answer = await call(server, 'GET', '/api/mysafe/password', { token });
      expect(answer.status).toBe(401);
      expect(answer.body.response).toMatchObject({ message: ERROR_TABLE[401], mensagem: ERROR_TABLE[401] });
      expect(Object.keys(answer.body.response).sort()).toEqual([...RESPONSE_KEYS].sort());
    }
  });
});

describe('endpoints and rules', () => {
  it('accepts form-encoded bodies, nested sharing included', async () => {
    await fresh();
    const form = 'name=Form&username=f%40x.com&password=p%26q&groups_allowed[0][name]=Team&groups_allowed[0][can_edit]=true&users_allowed[0][username]=bob';
    const answer = await call(server, 'POST', '/api/mysafe/password', { token: demo, form });
    expect(answer.status).toBe(201);
    expect(answer.body.password_entity).toMatchObject({
      username: 'f@x.com',
      groups_allowed: [{ name: 'Team', can_edit: true }],
      users_allowed: [{ username: 'bob', can_edit: false }],
    });
    expect(server.entries()[0].password).toBe('p&q');
  });

  it('a form key through __proto__ is dropped, not set on Object.prototype', async () => {
    await fresh();
    const form = 'name=n&username=u&password=p&__proto__[polluted]=yes&users_allowed[__proto__][polluted]=yes';
    const answer = await call(server, 'POST', '/api/mysafe/password', { token: demo, form });
    expect(answer.status).toBe(201);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('identifiers that are not digits answer 1010 on every identifier route', async () => {
    await fresh();
    const routes: [string, string][] = [
      ['GET', '/api/mysafe/password/abc'],
      ['PUT', '/api/mysafe/password/update/1x'],
      ['POST', '/api/mysafe/password/inactive/-1'],
      ['POST', '/api/mysafe/password/active/%20'],
    ];
    for (const [method, path] of routes) {
      const answer = await call(server, method, path, { token: demo, json: method === 'GET' ? undefined : {} });
      expect(answer.status).toBe(400);
      expect(answer.body.exception.code).toBe(1010);
    }
  });

  it('read one returns the secrets, the notes as `note` and the current TOTP code', async () => {
    await fresh();
    const created = await call(server, 'POST', '/api/mysafe/password', {
      token: demo,
      json: { name: 'n', username: 'u', password: 'pw', secret_key: 'JBSWY3DPEHPK3PXP', notes: 'hello' },
    });
    const read = await call(server, 'GET', `/api/mysafe/password/${created.body.password_entity.identifier}`, { token: demo });
    expect(read.status).toBe(200);
    expect(read.body.password_entity).toMatchObject({ password: 'pw', secret_key: 'JBSWY3DPEHPK3PXP', note: 'hello' });
    expect(read.body.password_entity.token).toMatch(/^\d{6}$/);
  });

  it('ownership and sharing: 1005 when not visible, 1006 when view only, group edit rights, 1009 when disabled', async () => {
    await fresh();
    const alice = await tokenFor(server, 'alice-client', 'alice-secret');
    const bob = await tokenFor(server, 'bob-client', 'bob-secret');
    const create = (json: object) => call(server, 'POST', '/api/mysafe/password', { token: alice, json });
    const shared = (await create({ name: 's', username: 'u', password: 'p', users_allowed: [{ username: 'bob' }], groups_allowed: [{ name: 'Team', can_edit: true }] })).body.password_entity.identifier;
    const privateId = (await create({ name: 'p', username: 'u', password: 'p' })).body.password_entity.identifier;

    // demo is in Team (edit), bob is listed view-only.
    expect((await call(server, 'GET', `/api/mysafe/password/${privateId}`, { token: demo })).body.exception.code).toBe(1005);
    expect((await call(server, 'GET', `/api/mysafe/password/${shared}`, { token: bob })).status).toBe(200);
    expect((await call(server, 'PUT', `/api/mysafe/password/update/${shared}`, { token: bob, json: { name: 'x' } })).body.exception.code).toBe(1006);
    expect((await call(server, 'POST', `/api/mysafe/password/inactive/${shared}`, { token: bob })).body.exception.code).toBe(1006);
    expect((await call(server, 'PUT', `/api/mysafe/password/update/${shared}`, { token: demo, json: { name: 'by demo' } })).status).toBe(200);

    const list = (token: string) => call(server, 'GET', '/api/mysafe/password', { token }).then((a) => a.body.password_on_list as any[]);
    expect((await list(bob)).map((e) => [e.identifier, e.can_write])).toEqual([[shared, false]]);
    expect((await list(demo)).map((e) => [e.identifier, e.can_write])).toEqual([[shared, true]]);

    // A Team member with edit right may disable; then reads and updates answer 1009 and the list leaves it out.
    expect((await call(server, 'POST', `/api/mysafe/password/inactive/${shared}`, { token: demo })).status).toBe(200);
    const read = await call(server, 'GET', `/api/mysafe/password/${shared}`, { token: alice });
    expect(read.status).toBe(400);
    expect(read.body.exception).toEqual({ code: 1009, message: '1009: Inactive password', detail: null });
    expect((await call(server, 'PUT', `/api/mysafe/password/update/${shared}`, { token: alice, json: { name: 'z' } })).body.exception.code).toBe(1009);
    expect(await list(bob)).toEqual([]);
    expect((await call(server, 'POST', `/api/mysafe/password/active/${shared}`, { token: alice })).status).toBe(200);
    expect((await call(server, 'GET', `/api/mysafe/password/${shared}`, { token: bob })).status).toBe(200);
  });

  it('update changes only the fields sent; an empty sharing array removes that sharing', async () => {
    await fresh();
    const created = await call(server, 'POST', '/api/mysafe/password', {
      token: demo,
      json: { name: 'n', username: 'u', password: 'p', url: 'https://a.example', tags: 't', users_allowed: [{ username: 'bob', can_edit: true }], groups_allowed: [{ name: 'Team' }] },
    });
    const id = created.body.password_entity.identifier;
    await call(server, 'PUT', `/api/mysafe/password/update/${id}`, { token: demo, json: { password: 'new', users_allowed: [] } });
    const [stored] = server.entries();
    expect(stored).toMatchObject({ name: 'n', username: 'u', password: 'new', url: 'https://a.example', tags: 't', users_allowed: [], groups_allowed: [{ name: 'Team', can_edit: false }] });
    const emptied = await call(server, 'PUT', `/api/mysafe/password/update/${id}`, { token: demo, json: { name: '' } });
    expect(emptied.body.exception.message).toBe("1001: Parameter 'name' was not informed!");
  });

  it('list filters: url, username, name (substring) and tag (one of the tags)', async () => {
    await fresh();
    server.addEntry('demo', { name: 'GitHub', username: 'ana', password: 'p', url: 'https://github.com/login', tags: 'work, code' });
    server.addEntry('demo', { name: 'Mail', username: 'ana@mail.example', password: 'p', url: 'https://mail.example', tags: 'home' });
    const ids = async (query: string) =>
      (await call(server, 'GET', `/api/mysafe/password?${query}`, { token: demo })).body.password_on_list.map((e: any) => e.name);
    expect(await ids('url=github.com')).toEqual(['GitHub']);
    expect(await ids('username=ANA')).toEqual(['GitHub', 'Mail']);
    expect(await ids('name=mai')).toEqual(['Mail']);
    expect(await ids('tag=code')).toEqual(['GitHub']);
    expect(await ids('tag=cod')).toEqual([]);
    const item = (await call(server, 'GET', '/api/mysafe/password?name=Mail', { token: demo })).body.password_on_list[0];
    expect(Object.keys(item).sort()).toEqual(['can_view', 'can_write', 'identifier', 'name', 'need_approval', 'need_justify', 'tags', 'url', 'username']);
  });

  it('tokens: bad credentials, wrong grant, expiry, expireTokens, token lifetime', async () => {
    await fresh();
    const bad = await call(server, 'POST', '/api/oauth2/token', { form: 'grant_type=client_credentials&client_id=mysafe-demo-client&client_secret=nope' });
    expect(bad.status).toBe(401);
    const grant = await call(server, 'POST', '/api/oauth2/token', { form: 'grant_type=password&client_id=mysafe-demo-client&client_secret=mysafe-demo-secret' });
    expect(grant.status).toBe(400);
    expect((await call(server, 'GET', '/api/oauth2/token')).status).toBe(404);
    const basic = Buffer.from(`${DEMO_CLIENT.clientId}:${DEMO_CLIENT.clientSecret}`).toString('base64');
    const viaBasic = await call(server, 'POST', '/api/oauth2/token', { form: 'grant_type=client_credentials', headers: { Authorization: `Basic ${basic}` } });
    expect(viaBasic.body.access_token).toMatch(/^[0-9a-f]+$/);

    server.expireTokens();
    expect((await call(server, 'GET', '/api/mysafe/password', { token: demo })).status).toBe(401);

    // Only the clock is faked (the server shares this process): real sockets and timers go on as they are.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      server.setTokenLifetime(1);
      const form = `grant_type=client_credentials&client_id=${DEMO_CLIENT.clientId}&client_secret=${DEMO_CLIENT.clientSecret}`;
      const short = await call(server, 'POST', '/api/oauth2/token', { form });
      expect(short.body).toMatchObject({ token_type: 'Bearer', expires_in: 1 });
      vi.setSystemTime(Date.now() + 999);
      expect((await call(server, 'GET', '/api/mysafe/password', { token: short.body.access_token })).status).toBe(200);
      vi.setSystemTime(Date.now() + 1);
      expect((await call(server, 'GET', '/api/mysafe/password', { token: short.body.access_token })).status).toBe(401);
    } finally {
      vi.useRealTimers();
    }
  });

  it('serves the token only under /iso when asked to', async () => {
    const iso = await startMySafeServer({ tokenPath: 'iso' });
    try {
      const form = `grant_type=client_credentials&client_id=${DEMO_CLIENT.clientId}&client_secret=${DEMO_CLIENT.clientSecret}`;
      const api = await call(iso, 'POST', '/api/oauth2/token', { form });
      expect(api.status).toBe(404);
      expect(api.body.response.message).toBe('No route matched with those values.');
      expect(await tokenFor(iso, DEMO_CLIENT.clientId, DEMO_CLIENT.clientSecret, '/iso/oauth2/token')).toMatch(/\w+/);
    } finally {
      await iso.close();
    }
  });
});

describe('test controls', () => {
  it('hang leaves the request unanswered while the next one is answered; latency delays answers', async () => {
    await fresh();
    server.failNext(1, 'hang');
    const abort = new AbortController();
    let settled = false;
    const hanging = fetch(`${server.url}/api/mysafe/password`, { headers: { Authorization: `Bearer ${demo}` }, signal: abort.signal }).finally(
      () => (settled = true),
    );
    const received = await server.waitForRequest((r) => r.path === '/api/mysafe/password');
    expect(received).toMatchObject({ method: 'GET', status: 0 });
    expect((await call(server, 'GET', '/api/mysafe/password', { token: demo })).status).toBe(200);
    expect(settled).toBe(false);
    expect(server.requests().map((r) => r.status)).toEqual([200, 0, 200]);
    abort.abort();
    await expect(hanging).rejects.toThrow();

    server.setLatency(200);
    const started = Date.now();
    expect((await call(server, 'GET', '/api/mysafe/password', { token: demo })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('not-json: a 200 HTML page instead of the answer, and nothing applied', async () => {
    await fresh();
    server.failNext(1, 'not-json');
    const response = await fetch(`${server.url}/api/mysafe/password`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${demo}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'n', username: 'u', password: 'p' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toMatch(/^<!doctype html>/);
    expect(server.entries()).toEqual([]);
  });

  it('500, 502 and 504 are not applied', async () => {
    await fresh();
    for (const status of [500, 502, 504] as const) {
      server.failNext(1, status);
      const answer = await call(server, 'POST', '/api/mysafe/password', { token: demo, json: { name: 'n', username: 'u', password: 'p' } });
      expect(answer.status).toBe(status);
    }
    expect(server.entries()).toEqual([]);
  });

  it('a lost answer: the next write is applied and answered 504; reads and tokens before it pass', async () => {
    await fresh();
    server.loseNextAnswer();
    expect((await call(server, 'GET', '/api/mysafe/password', { token: demo })).status).toBe(200);
    expect(await tokenFor(server, DEMO_CLIENT.clientId, DEMO_CLIENT.clientSecret)).toMatch(/\w+/);
    const lost = await call(server, 'POST', '/api/mysafe/password', { token: demo, json: { name: 'lost', username: 'u', password: 'p' } });
    expect(lost.status).toBe(504);
    expect(lost.body.response).toMatchObject({ status: 504, message: ERROR_TABLE[504], mensagem: ERROR_TABLE[504], error: true });
    expect(server.entries().map((e) => e.name)).toEqual(['lost']);
    const next = await call(server, 'POST', '/api/mysafe/password', { token: demo, json: { name: 'answered', username: 'u', password: 'p' } });
    expect(next.status).toBe(201);

    // An update too, through the admin path.
    const id = next.body.password_entity.identifier;
    await adminPost('/__admin/lose-answer', { count: 1 });
    const update = await call(server, 'PUT', `/api/mysafe/password/update/${id}`, { token: demo, json: { name: 'renamed' } });
    expect(update.status).toBe(504);
    expect(server.entries().map((e) => e.name)).toEqual(['lost', 'renamed']);
  });

  it('the token endpoint down: 502 for a token, calls with a token still answered', async () => {
    await fresh();
    await adminPost('/__admin/token-endpoint', { down: true });
    const form = `grant_type=client_credentials&client_id=${DEMO_CLIENT.clientId}&client_secret=${DEMO_CLIENT.clientSecret}`;
    const refused = await call(server, 'POST', '/api/oauth2/token', { form });
    expect(refused.status).toBe(502);
    expect(refused.body.response.message).toBe(ERROR_TABLE[502]);
    expect((await call(server, 'GET', '/api/mysafe/password', { token: demo })).status).toBe(200);
    server.setTokenEndpointDown(false);
    expect((await call(server, 'POST', '/api/oauth2/token', { form })).status).toBe(200);
  });

  it('connection refused: nothing listens until acceptConnections, then the same URL works', async () => {
    await fresh();
    const port = Number(new URL(server.url).port);
    await server.refuseConnections();
    try {
      expect(await canConnect(port)).toBe(false);
      await expect(fetch(`${server.url}/api/mysafe/password`)).rejects.toThrow();
    } finally {
      await server.acceptConnections();
    }
    expect((await call(server, 'GET', '/api/mysafe/password', { token: demo })).status).toBe(200);
  });

  it('connection refused through the admin path: for the given time, then back on the same port', async () => {
    await fresh();
    await adminPost('/__admin/refuse-connections', { ms: 150 });
    const port = Number(new URL(server.url).port);
    expect(await canConnect(port)).toBe(false);
    // Waits for the port to accept again (each attempt is refused at once until then).
    while (!(await canConnect(port)));
    expect((await call(server, 'GET', '/api/mysafe/password', { token: demo })).status).toBe(200);
  });

  it('the request log has method, path, status and bodies with every secret redacted', async () => {
    await fresh();
    await call(server, 'POST', '/api/mysafe/password', {
      token: demo,
      json: { name: 'logged', username: 'u', password: 'Sup3r-Secret-Pw', secret_key: 'JBSWY3DPEHPK3PXP' },
    });
    await call(server, 'POST', '/api/oauth2/token', { form: 'grant_type=client_credentials&client_id=x&client_secret=Client-Secret-Value' });
    const log = server.requests();
    const text = JSON.stringify(log);
    for (const secret of ['Sup3r-Secret-Pw', 'JBSWY3DPEHPK3PXP', 'mysafe-demo-secret', 'Client-Secret-Value', demo]) expect(text).not.toContain(secret);
    expect(log.find((r) => r.path === '/api/mysafe/password')).toMatchObject({
      method: 'POST',
      status: 201,
      body: { name: 'logged', password: '[redacted]', secret_key: '[redacted]' },
    });
    expect(log.at(-1)).toMatchObject({ path: '/api/oauth2/token', status: 401, body: { client_secret: '[redacted]' } });
  });

  it('the admin path needs the admin key; an ordinary token does not open it', async () => {
    await fresh();
    const admin = (path: string, init: RequestInit = {}) => fetch(server.url + path, init).then(async (r) => ({ status: r.status, body: await r.json() }));
    expect((await admin('/__admin/requests')).status).toBe(403);
    expect((await admin('/__admin/requests', { headers: { Authorization: `Bearer ${demo}` } })).status).toBe(403);

    const key = { 'X-Admin-Key': server.adminKey, 'Content-Type': 'application/json' };
    expect((await admin('/__admin/fail', { method: 'POST', headers: key, body: JSON.stringify({ count: 2, how: 502 }) })).status).toBe(200);
    expect((await call(server, 'GET', '/api/mysafe/password', { token: demo })).status).toBe(502);
    expect((await call(server, 'GET', '/api/mysafe/password', { token: demo })).status).toBe(502);
    expect((await call(server, 'GET', '/api/mysafe/password', { token: demo })).status).toBe(200);
    const logged = await admin('/__admin/requests', { headers: key });
    expect(logged.body.requests.map((r: any) => r.status)).toEqual([200, 502, 502, 200]);
    await admin('/__admin/entries', { method: 'POST', headers: key, body: JSON.stringify({ owner: 'demo', entry: { name: 'a', username: 'b', password: 'c' } }) });
    expect((await admin('/__admin/entries', { headers: key })).body.entries).toHaveLength(1);
    await admin('/__admin/expire-tokens', { method: 'POST', headers: key });
    expect((await call(server, 'GET', '/api/mysafe/password', { token: demo })).status).toBe(401);
    await admin('/__admin/reset', { method: 'POST', headers: key });
    expect(server.entries()).toEqual([]);
    expect(server.requests()).toEqual([]);
  });
});

describe('persistence', () => {
  it('writes the state to the data file atomically and loads it on restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mysafe-'));
    const dataPath = join(dir, 'state.json');
    try {
      const first = await startMySafeServer({ dataPath });
      const token = await tokenFor(first, DEMO_CLIENT.clientId, DEMO_CLIENT.clientSecret);
      await call(first, 'POST', '/api/mysafe/password', { token, json: { name: 'kept', username: 'u', password: 'p' } });
      first.addClient('extra-client', 'extra-secret', 'carol');
      await first.close();
      expect(readdirSync(dir)).toEqual(['state.json']);
      expect(JSON.parse(readFileSync(dataPath, 'utf8')).entries[0].name).toBe('kept');

      const second = await startMySafeServer({ dataPath });
      try {
        expect(second.entries().map((e) => e.name)).toEqual(['kept']);
        const carol = await tokenFor(second, 'extra-client', 'extra-secret');
        expect((await call(second, 'GET', '/api/mysafe/password', { token: carol })).body.password_on_list).toEqual([]);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(existsSync(dataPath)).toBe(false);
  });
});
