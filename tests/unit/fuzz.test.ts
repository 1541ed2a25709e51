// Property-based tests (fast-check) of every parser of outside input: what a page, a QR code, a stored URL or MySafe
// may hand the extension. Each property: no uncaught exception, no hang, and an output within its caps.
// `npm test` runs FUZZ_RUNS cases per property (2,000 by default); `npm run fuzz` runs 100,000.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRouter, senderKind, type RouterHandlers } from '../../src/background/router';
import { MAX_PASSWORD, MAX_USERNAME, readSubmittedForm } from '../../src/protocol/content';
import { typeOf } from '../../src/protocol/messages';
import { isOtpError, readManualEntry, readQrText, readQrTexts } from '../../src/totp/otpauth';
import { normaliseSecret } from '../../src/capture/same';
import { decodeMigrationUri } from '../../src/totp/migration';
import { applicationOf, findCandidates, indexEntries, type EntrySummaryLike } from '../../src/save/matching';
import { parseSiteAddress, registrableDomain, sameSite, siteKey } from '../../src/platform/site';
import { hostOf, isInsecure, originOf, sameOrigin, stripQueryAndFragment } from '../../src/platform/origin';
import { MySafeClient, MySafeError } from '../../src/mysafe/index';
import { offscreenSenderKind, readImageToDecode } from '../../src/totp/qr/image-bytes';

const RUNS = Number(process.env.FUZZ_RUNS) || 2_000;
/** The longest one case may take: anything slower is a hang (catastrophic backtracking, a runaway loop). */
const CASE_MS = 1_000;
/** Room for the whole test: about a millisecond a case, plus a margin. */
const TEST_MS = 30_000 + RUNS * 2;

function timed<T>(run: () => T): T {
  const start = performance.now();
  const result = run();
  expect(performance.now() - start, 'one case took too long').toBeLessThan(CASE_MS);
  return result;
}

const check = <Ts extends [unknown, ...unknown[]]>(property: fc.IProperty<Ts>) => fc.assert(property, { numRuns: RUNS });

/** Text as pages and QR codes give it: any unicode, and the characters parsers split on. */
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: fc.constantFrom(...':/?#@[]%&=+.-_ \\*'.split(''), 'a', '1', 'é', '\u0000'), maxLength: 80 }),
);
const urlish = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.tuple(fc.constantFrom('', 'http://', 'https://', '//', 'HTTP://', 'ftp://', 'javascript:', 'data:'), text).map(([a, b]) => a + b),
  text,
);

describe('fuzz: content messages', () => {
  it('readSubmittedForm keeps only well-formed forms within the caps', () => {
    const field = fc.oneof(fc.string({ maxLength: 1100 }), fc.anything(), fc.constant(undefined));
    const form = fc.record(
      { kind: fc.oneof(fc.constantFrom('login', 'signup', 'change', 'username', 'totp', '__proto__'), fc.anything()), username: field, password: field, oldPassword: field, orderGuessed: fc.oneof(fc.boolean(), fc.anything()), kindGuessed: fc.oneof(fc.boolean(), fc.anything()), extra: fc.anything() },
      { requiredKeys: [] },
    );
    const message = fc.oneof(fc.anything(), fc.record({ type: fc.constant('form-submitted'), form: fc.oneof(form, fc.anything()) }));
    check(
      fc.property(message, (m) => {
        const read = timed(() => readSubmittedForm(m));
        if (read === undefined) return;
        expect(['login', 'signup', 'change', 'username']).toContain(read.kind);
        expect(read.username.length).toBeLessThanOrEqual(MAX_USERNAME);
        expect(read.password.length).toBeLessThanOrEqual(MAX_PASSWORD);
        expect((read.oldPassword ?? '').length).toBeLessThanOrEqual(MAX_PASSWORD);
        expect(Object.keys(read).every((k) => ['kind', 'username', 'password', 'oldPassword', 'orderGuessed', 'kindGuessed'].includes(k))).toBe(true);
        if ('orderGuessed' in read) expect(read.orderGuessed === true && read.kind === 'change' && !!read.oldPassword).toBe(true);
        if ('kindGuessed' in read) expect(read.kindGuessed === true && (read.kind === 'login' || read.kind === 'signup')).toBe(true);
      }),
    );
  }, TEST_MS);

  it('the router answers only a type of its sender kind\'s table, whatever the message and sender', () => {
    const EXT = 'chrome-extension://abc/';
    const called: string[] = [];
    const answer = (type: string) => async () => void called.push(type);
    const map = {
      content: { 'form-submitted': answer('form-submitted') },
      page: { 'get-settings': answer('get-settings') },
    } as unknown as RouterHandlers;
    const route = createRouter(map, EXT);
    const type = fc.oneof(fc.constantFrom('form-submitted', 'get-settings', 'save-settings', 'toString', '__proto__', 'constructor', 'hasOwnProperty'), fc.string());
    const message = fc.oneof(fc.anything(), fc.record({ type: fc.oneof(type, fc.anything()) }, { requiredKeys: [] }));
    const sender = fc.record(
      {
        url: fc.oneof(fc.constantFrom(`${EXT}src/popup/index.html`, 'https://bank.example/', `${EXT}`), fc.string()),
        tab: fc.oneof(fc.record({ id: fc.oneof(fc.integer(), fc.constant(undefined)) }), fc.constant(undefined)),
        id: fc.string(),
      },
      { requiredKeys: [] },
    );
    check(
      fc.property(message, sender, (m, s) => {
        called.length = 0;
        const answered = timed(() => route(m, s as never));
        const kind = senderKind(s as never, EXT);
        const t = typeOf(m);
        const allowed = !!t && (kind === 'content' || kind === 'page') && Object.hasOwn(map[kind], t);
        expect(answered !== undefined).toBe(allowed);
        if (!allowed) expect(called).toEqual([]);
      }),
    );
  }, TEST_MS);

  it('the offscreen document accepts only the worker\'s requests of bytes within the cap', () => {
    const WORKER = 'chrome-extension://abc/sw.js';
    const image = fc.record({ base64: fc.oneof(fc.base64String(), fc.string()), type: fc.oneof(fc.constant('image/png'), fc.string()), crop: fc.anything() }, { requiredKeys: [] });
    const sender = fc.record({ url: fc.oneof(fc.constant(WORKER), fc.string()), tab: fc.anything() }, { requiredKeys: [] });
    check(
      fc.property(fc.oneof(fc.anything(), fc.record({ image: fc.oneof(image, fc.anything()) })), sender, (m, s) => {
        const accepted = timed(() => (offscreenSenderKind(s as never, WORKER) ? readImageToDecode(m) : null));
        if (!accepted) return;
        expect(s.url).toBe(WORKER);
        expect(s.tab).toBeUndefined();
        expect(accepted.type).toMatch(/^image\//);
        expect(typeof accepted.base64).toBe('string');
      }),
    );
  }, TEST_MS);
});

describe('fuzz: authenticator keys', () => {
  const otpauthUri = fc
    .tuple(
      fc.constantFrom('otpauth://totp/', 'otpauth://hotp/', 'otpauth://', 'OTPAUTH://TOTP/', 'otpauth://steam/'),
      text,
      fc.array(
        fc.tuple(fc.constantFrom('secret', 'issuer', 'digits', 'period', 'counter', 'algorithm', 'image', ''), fc.oneof(fc.base64String(), text, fc.integer().map(String))),
        { maxLength: 6 },
      ),
    )
    .map(([head, label, params]) => `${head}${label}?${params.map(([k, v]) => `${k}=${v}`).join('&')}`);
  const migrationUri = fc
    .tuple(fc.constantFrom('otpauth-migration://offline?data=', 'otpauth-migration://offline?x=1&data=', 'otpauth-migration:'), fc.oneof(fc.uint8Array({ maxLength: 400 }).map((b) => encodeURIComponent(btoa(String.fromCharCode(...b)))), text))
    .map(([a, b]) => a + b);

  /** A key any reader returns must be usable: base32, a known algorithm, 6 to 10 digits. */
  function checkKeys(result: ReturnType<typeof readQrText>) {
    if (isOtpError(result)) {
      expect(Object.keys(result).sort()).toEqual(result.preview ? ['error', 'preview'] : ['error']);
      if (result.preview) expect(result.preview.text.length).toBeLessThanOrEqual(200);
      return;
    }
    for (const key of result.keys) {
      expect(key.secret).toMatch(/^[A-Z2-7]+$/);
      expect(['SHA1', 'SHA256', 'SHA512']).toContain(key.algorithm);
      expect(['totp', 'hotp']).toContain(key.type);
      expect(Number.isInteger(key.digits) && key.digits >= 6 && key.digits <= 10).toBe(true);
      if (key.period !== undefined) expect(key.period).toBeGreaterThan(0);
      expect(typeof key.issuer).toBe('string');
      expect(typeof key.account).toBe('string');
    }
  }

  it('readQrText and readManualEntry never throw, and every key they give is well formed', () => {
    check(
      fc.property(fc.oneof(otpauthUri, migrationUri, text), (t) => {
        checkKeys(timed(() => readQrText(t)));
        checkKeys(timed(() => readManualEntry(t)));
        timed(() => readQrTexts([t, t]));
        const secret = timed(() => normaliseSecret(t));
        if (secret !== null) expect(secret).toMatch(/^[A-Z2-7]+$/);
      }),
    );
  }, TEST_MS);

  it('a migration payload of any bytes is read or refused with an Error, never anything else', () => {
    check(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 600 }), fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 64 }).map((a) => Uint8Array.from(a))), migrationUri, (bytes, uri) => {
        const payload = `otpauth-migration://offline?data=${encodeURIComponent(btoa(String.fromCharCode(...bytes)))}`;
        for (const run of [() => decodeMigrationUri(payload), () => decodeMigrationUri(uri)]) {
          try {
            timed(run);
          } catch (error) {
            expect(error).toBeInstanceOf(Error);
          }
        }
      }),
    );
  }, TEST_MS);
});

describe('fuzz: URLs and matching', () => {
  const entry = fc.record({ identifier: fc.string({ maxLength: 8 }), name: fc.string({ maxLength: 20 }), url: urlish, username: fc.string({ maxLength: 20 }), tags: fc.string({ maxLength: 10 }) });

  it('parseSiteAddress gives null or a site of a valid host and port', () => {
    check(
      fc.property(urlish, (url) => {
        const site = timed(() => parseSiteAddress(url));
        if (!site) return;
        expect(['', 'http', 'https']).toContain(site.scheme);
        expect(site.hostname).not.toBe('');
        expect(site.hostname).toMatch(/^(\[[0-9a-f:.]+\]|[a-z0-9_.-]+)$/);
        if (site.port) expect(Number(site.port)).toBeGreaterThan(0);
        if (site.port) expect(Number(site.port)).toBeLessThanOrEqual(65535);
        expect(applicationOf(url)).not.toBeNull();
      }),
    );
  }, TEST_MS);

  it('findCandidates returns each listed entry at most once, and an index gives the same answer', () => {
    check(
      fc.property(urlish, fc.string({ maxLength: 20 }), fc.array(entry, { maxLength: 12 }), (url, username, entries) => {
        const list = entries as EntrySummaryLike[];
        const found = timed(() => findCandidates({ url, username }, list));
        expect(found.length).toBeLessThanOrEqual(list.length);
        expect(new Set(found.map((c) => c.entry)).size).toBe(found.length);
        for (const c of found) expect(list).toContain(c.entry);
        expect(findCandidates({ url, username }, indexEntries(list))).toEqual(found);
      }),
    );
  }, TEST_MS);

  it('origins, sites and kept URLs never throw; a kept URL has no query or fragment', () => {
    check(
      fc.property(urlish, urlish, (a, b) => {
        timed(() => {
          const origin = originOf(a);
          if (origin) expect(origin.hostname).not.toMatch(/\.$/);
          expect(sameOrigin(a, b)).toBe(sameOrigin(b, a));
          expect(sameSite(a, b)).toBe(sameSite(b, a));
          expect(typeof siteKey(a)).toBe('string');
          expect(typeof hostOf(a)).toBe('string');
          expect(typeof isInsecure(a)).toBe('boolean');
          if (origin) registrableDomain(origin.hostname);
          const kept = stripQueryAndFragment(a);
          expect(kept).not.toMatch(/[?#]/);
        });
      }),
    );
  }, TEST_MS);
});

describe('fuzz: MySafe answers', () => {
  /** MySafe as a fake fetch: a good token, then the fuzzed status and body for every API call. */
  function clientAnswering(status: number, body: string): MySafeClient {
    const fetchFn = async (input: RequestInfo | URL) => {
      const url = String(input);
      if (url.endsWith('/oauth2/token')) return new Response(JSON.stringify({ access_token: 'tok', expires_in: 3600 }), { status: 200 });
      return new Response(body, { status, headers: { 'Content-Type': 'application/json' } });
    };
    return new MySafeClient({ baseUrl: 'https://mysafe.example', clientId: 'id', clientSecret: 'client-secret', fetch: fetchFn as typeof fetch });
  }

  const field = fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.anything());
  const entity = fc.record(
    { identifier: field, name: field, url: field, username: field, password: field, secret_key: field, notes: field, tags: field, users_allowed: fc.oneof(fc.array(fc.record({ username: field, can_edit: field }, { requiredKeys: [] }), { maxLength: 3 }), fc.anything()), groups_allowed: fc.anything(), can_view: field, can_write: field },
    { requiredKeys: [] },
  );
  const body = fc.oneof(
    fc.record({ password_entity: fc.oneof(entity, fc.anything()) }, { requiredKeys: [] }).map((b) => JSON.stringify(b)),
    fc.record({ password_on_list: fc.oneof(fc.array(fc.oneof(entity, fc.anything()), { maxLength: 5 }), fc.anything()) }).map((b) => JSON.stringify(b)),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.string({ maxLength: 200 }),
  );
  const status = fc.oneof(fc.constantFrom(200, 201, 204, 400, 403, 404, 409, 500, 502), fc.integer({ min: 200, max: 599 }));

  it('an entry or list is parsed into strings, or refused with a MySafeError that holds no secret', async () => {
    await fc.assert(
      fc.asyncProperty(status, body, async (s, b) => {
        const client = clientAnswering(s, b);
        const start = performance.now();
        for (const call of [() => client.readEntry('X'), () => client.listEntries()]) {
          try {
            const result = await call();
            for (const e of Array.isArray(result) ? result : [result]) {
              for (const key of ['identifier', 'name', 'url', 'username', 'tags'] as const) expect(typeof e[key]).toBe('string');
              expect(e.identifier).not.toBe('');
            }
          } catch (error) {
            expect(error).toBeInstanceOf(MySafeError);
            expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toContain('client-secret');
          }
        }
        expect(performance.now() - start).toBeLessThan(CASE_MS);
      }),
      { numRuns: RUNS },
    );
  }, TEST_MS);
});
