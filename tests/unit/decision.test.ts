import { describe, expect, it } from 'vitest';
import {
  decide,
  diffForUpdate,
  entriesToRead,
  MAX_ENTRIES_TO_READ,
  type DecisionCapture,
  type EntryDraft,
  type FullEntryLike,
} from '../../src/save/decision';
import { sameCapture } from '../../src/capture/same';
import type { Capture, TotpKey } from '../../src/capture/types';
import { findCandidates } from '../../src/save/matching';

const SITE = 'https://login.example.com/signin';

/** What the list says the user may do with an entry shared with them. */
type Rights = { can_view?: boolean; can_write?: boolean };
/** [identifier, url, username, password, secret_key?, rights?]: the identifier doubles as a readable label. */
type Row = [string, string, string, string, string?, Rights?];

function fullEntries(rows: Row[]): FullEntryLike[] {
  return rows.map(([identifier, url, username, password, secret_key, rights]) => ({
    ...rights,
    identifier,
    name: identifier,
    url,
    username,
    password,
    secret_key: secret_key ?? '',
    notes: '',
    tags: '',
    users_allowed: [],
    groups_allowed: [],
  }));
}

/** The whole flow as the background runs it: list (no passwords) → candidates → read what is asked → decide. */
function run(capture: DecisionCapture, rows: Row[], { readNothing = false, site = SITE } = {}) {
  const full = fullEntries(rows);
  const list = full.map(({ identifier, name, url, username, tags, can_view, can_write }) => ({
    identifier,
    name,
    url,
    username,
    tags: tags ?? '',
    can_view,
    can_write,
  }));
  const candidates = findCandidates({ url: site, username: capture.username }, list);
  const toRead = entriesToRead(capture, candidates);
  const read = readNothing ? [] : full.filter((e) => toRead.includes(e.identifier));
  return { toRead, decision: decide(capture, candidates, read) };
}

const totpKey = (secret: string, account = 'alice@example.com'): TotpKey => ({
  type: 'totp',
  issuer: 'Example',
  account,
  secret,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
});

const login = (username: string, password: string): DecisionCapture => ({ kind: 'login', username, password });
const signup = (username: string, password: string): DecisionCapture => ({ kind: 'signup', username, password });
const change = (username: string, password: string, oldPassword?: string): DecisionCapture => ({
  kind: 'change',
  username,
  password,
  oldPassword,
});
const totp = (secret: string, username = ''): DecisionCapture => ({ kind: 'totp', username, password: '', totp: totpKey(secret) });
const fromFrame = (capture: DecisionCapture): DecisionCapture => ({ ...capture, totp: { ...capture.totp!, provenance: { drawnBy: 'frame', host: 'ads.example.net' } } });

const A: Row = ['A', 'https://login.example.com', 'alice@example.com', 'pw-A'];
/** The same host, stored without a scheme. */
const A2: Row = ['A2', 'login.example.com', 'Alice@Example.com', 'pw-A2'];
const BOB: Row = ['BOB', 'https://login.example.com', 'bob', 'pw-bob'];
/** The same host on another port. */
const CAROL: Row = ['CAROL', 'https://login.example.com:8080/shop', 'carol', 'pw-carol'];
/** Alice's entry for the same host, stored as plain http: never preselected from the https page. */
const A_HTTP: Row = ['A_HTTP', 'http://login.example.com/', 'alice@example.com', 'pw-A'];
const ELSEWHERE: Row = ['ELSEWHERE', 'https://other.org', 'alice@example.com', 'pw-A'];
/** Alice on other applications of the organisation's domain (the page is login.example.com). */
const SIB_WIKI: Row = ['SIB_WIKI', 'https://wiki.example.com', 'alice@example.com', 'pw-A'];
const SIB_CRM: Row = ['SIB_CRM', 'crm.example.com', 'alice@example.com', 'pw-crm'];
const SIB_ROOT: Row = ['SIB_ROOT', 'https://example.com/', 'alice@example.com', 'pw-root'];
/** Alice's login shared with her by someone else, view only. */
const A_SHARED: Row = ['A_SHARED', 'https://login.example.com', 'alice@example.com', 'pw-shared', '', { can_write: false }];

interface Expected {
  action: 'add' | 'update' | 'none';
  target?: string;
  question: string;
  reason: string;
  username: string;
  choose?: boolean;
  /** The select's values, preselected first. */
  options?: string[];
}

// One row per case: [case, capture, MySafe entries, expected decision].
const table: [string, DecisionCapture, Row[], Expected][] = [
  // login
  ['login: same username, same password → no prompt', login('alice@example.com', 'pw-A'), [A, BOB],
    { action: 'none', target: 'A', question: 'none', reason: 'same-password', username: 'alice@example.com' }],
  ['login: username differs only in case and spaces → still the same', login('  ALICE@example.com ', 'pw-A'), [A],
    { action: 'none', target: 'A', question: 'none', reason: 'same-password', username: 'ALICE@example.com' }],
  ['login: same username, other password → update that entry', login('alice@example.com', 'new-pw'), [BOB, A],
    { action: 'update', target: 'A', question: 'update-password', reason: 'password-changed', username: 'alice@example.com', choose: false, options: ['A', 'BOB', 'new'] }],
  ['login: passwords compare exactly (case matters)', login('alice@example.com', 'PW-A'), [A],
    { action: 'update', target: 'A', question: 'update-password', reason: 'password-changed', username: 'alice@example.com' }],
  ['login: passwords compare exactly (spaces matter)', login('alice@example.com', 'pw-A '), [A],
    { action: 'update', target: 'A', question: 'update-password', reason: 'password-changed', username: 'alice@example.com' }],
  ['login: unknown username → add (entries of the site still offered)', login('dave', 'pw-dave'), [A, BOB],
    { action: 'add', question: 'save', reason: 'new-username', username: 'dave', choose: false, options: ['new', 'A', 'BOB'] }],
  ['login: nothing stored for the site → add', login('alice@example.com', 'pw-A'), [ELSEWHERE],
    { action: 'add', question: 'save', reason: 'no-candidates', username: 'alice@example.com', options: ['new'] }],
  ['login: two entries with the username, other password → user picks, best preselected', login('alice@example.com', 'new-pw'), [A2, A],
    { action: 'update', target: 'A', question: 'update-password', reason: 'password-changed', username: 'alice@example.com', choose: true, options: ['A', 'A2', 'new'] }],
  ['login: two entries with the username, one holds the password → no prompt', login('alice@example.com', 'pw-A2'), [A, A2],
    { action: 'none', target: 'A2', question: 'none', reason: 'same-password', username: 'alice@example.com' }],
  ['login: an empty list → add', login('alice@example.com', 'new-pw'), [],
    { action: 'add', question: 'save', reason: 'no-candidates', username: 'alice@example.com', choose: false, options: ['new'] }],
  ['login: entries with an empty or garbage url never count', login('alice@example.com', 'pw-A'), [['G1', '', 'alice@example.com', 'pw-A'], ['G2', 'n/a', 'alice@example.com', 'pw-A']],
    { action: 'add', question: 'save', reason: 'no-candidates', username: 'alice@example.com', options: ['new'] }],
  // An organisation's domain, many applications: a sibling host's entry is offered, never preselected nor "already there".
  ['login: only sibling applications have the username → a new entry, the siblings offered after it', login('alice@example.com', 'pw-new'), [SIB_WIKI, SIB_CRM, BOB],
    { action: 'add', question: 'save', reason: 'other-application', username: 'alice@example.com', choose: false, options: ['new', 'BOB', 'SIB_WIKI', 'SIB_CRM'] }],
  ['login: a sibling application holds the same username and password → still asked, as a new entry', login('alice@example.com', 'pw-A'), [SIB_WIKI],
    { action: 'add', question: 'save', reason: 'other-application', username: 'alice@example.com', options: ['new', 'SIB_WIKI'] }],
  ['login: the page\'s own entry is preselected over siblings listed before it', login('alice@example.com', 'pw-new'), [SIB_WIKI, SIB_ROOT, A],
    { action: 'update', target: 'A', question: 'update-password', reason: 'password-changed', username: 'alice@example.com', choose: false, options: ['A', 'SIB_WIKI', 'SIB_ROOT', 'new'] }],
  ['login: the page\'s own entry holds the password, a sibling too → no prompt, for the page\'s own', login('alice@example.com', 'pw-A'), [SIB_WIKI, A],
    { action: 'none', target: 'A', question: 'none', reason: 'same-password', username: 'alice@example.com' }],
  ['signup: the username only on siblings → a new entry', signup('alice@example.com', 'pw-new'), [SIB_CRM],
    { action: 'add', question: 'save', reason: 'other-application', username: 'alice@example.com', options: ['new', 'SIB_CRM'] }],
  ['change: the old password matches a sibling → a new entry, nothing preselected', change('alice@example.com', 'pw-new', 'pw-A'), [SIB_WIKI],
    { action: 'add', question: 'save', reason: 'other-application', username: 'alice@example.com', options: ['new', 'SIB_WIKI'] }],
  ['change: a sibling already holds the new password → still asked', change('alice@example.com', 'pw-A', 'old'), [SIB_WIKI],
    { action: 'add', question: 'save', reason: 'other-application', username: 'alice@example.com', options: ['new', 'SIB_WIKI'] }],
  ['change without a username: only siblings → a new entry', change('', 'pw-new', 'pw-crm'), [SIB_CRM],
    { action: 'add', question: 'save', reason: 'no-candidates', username: '', options: ['new', 'SIB_CRM'] }],
  ['totp: the account only on a sibling → a new entry', totp('JBSWY3DPEHPK3PXP', 'alice@example.com'), [SIB_WIKI],
    { action: 'add', question: 'save-totp', reason: 'other-application', username: 'alice@example.com', options: ['new', 'SIB_WIKI'] }],
  ['login: update shows the entry\'s own spelling of the username', login('ALICE@EXAMPLE.COM', 'new-pw'), [A],
    { action: 'update', target: 'A', question: 'update-password', reason: 'password-changed', username: 'alice@example.com' }],
  ['login: the same password under another username is no match', login('dave', 'pw-A'), [A],
    { action: 'add', question: 'save', reason: 'new-username', username: 'dave' }],
  // signup
  ['signup: same username exists → update, and say so', signup('alice@example.com', 'new-pw'), [A],
    { action: 'update', target: 'A', question: 'signup-existing', reason: 'password-changed', username: 'alice@example.com', options: ['A', 'new'] }],
  ['signup: new username → add', signup('dave', 'pw-dave'), [A],
    { action: 'add', question: 'save', reason: 'new-username', username: 'dave', options: ['new', 'A'] }],
  ['signup: same username and password → no prompt', signup('alice@example.com', 'pw-A'), [A],
    { action: 'none', target: 'A', question: 'none', reason: 'same-password', username: 'alice@example.com' }],
  // change password
  ['change: username and old password match → update', change('alice@example.com', 'new-pw', 'pw-A'), [BOB, A],
    { action: 'update', target: 'A', question: 'update-password', reason: 'old-password-matched', username: 'alice@example.com', choose: false }],
  ['change: username matches, no old password typed → update', change('alice@example.com', 'new-pw'), [BOB, A],
    { action: 'update', target: 'A', question: 'update-password', reason: 'username-matched', username: 'alice@example.com', choose: false }],
  ['change: username matches, old password wrong → still that entry', change('alice@example.com', 'new-pw', 'typo'), [A],
    { action: 'update', target: 'A', question: 'update-password', reason: 'username-matched', username: 'alice@example.com' }],
  ['change: username matches two entries, old password picks the second', change('alice@example.com', 'new-pw', 'pw-A2'), [A, A2],
    { action: 'update', target: 'A2', question: 'update-password', reason: 'old-password-matched', username: 'Alice@Example.com', choose: false, options: ['A2', 'A', 'new'] }],
  ['change: username matches two entries, no old password → user picks', change('alice@example.com', 'new-pw'), [A, A2],
    { action: 'update', target: 'A', question: 'update-password', reason: 'username-matched', username: 'alice@example.com', choose: true }],
  ['change: no username, old password finds the entry', change('', 'new-pw', 'pw-bob'), [A, BOB, CAROL],
    { action: 'update', target: 'BOB', question: 'update-password', reason: 'old-password-matched', username: 'bob', choose: false, options: ['BOB', 'A', 'CAROL', 'new'] }],
  ['change: no username, one entry for the site → update it', change('', 'new-pw'), [CAROL],
    { action: 'update', target: 'CAROL', question: 'update-password', reason: 'only-candidate', username: 'carol', choose: false }],
  ['change: no username, several entries, old password unknown → user picks, best first', change('', 'new-pw', 'nope'), [CAROL, BOB],
    { action: 'update', target: 'BOB', question: 'update-password', reason: 'best-candidate', username: 'bob', choose: true, options: ['BOB', 'CAROL', 'new'] }],
  ['change: no username, nothing stored → add', change('', 'new-pw', 'old'), [ELSEWHERE],
    { action: 'add', question: 'save', reason: 'no-candidates', username: '' }],
  ['change: the entry already has the new password → no prompt', change('alice@example.com', 'new-pw', 'pw-A'), [['A', 'login.example.com', 'alice@example.com', 'new-pw']],
    { action: 'none', target: 'A', question: 'none', reason: 'already-updated', username: 'alice@example.com' }],
  ['change: no username, an entry already has the new password → no prompt', change('', 'pw-bob', 'old'), [A, BOB],
    { action: 'none', target: 'BOB', question: 'none', reason: 'already-updated', username: '' }],
  ['change: another username, old password matches an entry → update it', change('alice', 'new-pw', 'pw-bob'), [A, BOB],
    { action: 'update', target: 'BOB', question: 'update-password', reason: 'old-password-matched', username: 'bob' }],
  ['change: another username, no old password match → add', change('dave', 'new-pw', 'old'), [A, BOB],
    { action: 'add', question: 'save', reason: 'new-username', username: 'dave', options: ['new', 'A', 'BOB'] }],
  ['change: unknown username, another account already uses the new password → still add', change('dave', 'pw-bob'), [BOB],
    { action: 'add', question: 'save', reason: 'new-username', username: 'dave' }],
  ['change: username matches, another account uses the new password → update the user\'s entry', change('alice@example.com', 'pw-bob'), [A, BOB],
    { action: 'update', target: 'A', question: 'update-password', reason: 'username-matched', username: 'alice@example.com' }],
  // change with old and new in a guessed order (the card asks which is new)
  ['change, order guessed: the entry holds the "new" one → it is the old one, update', { ...change('', 'pw-bob', 'new-pw'), orderGuessed: true }, [A, BOB],
    { action: 'update', target: 'BOB', question: 'update-password', reason: 'old-password-matched', username: 'bob', choose: false }],
  ['change, order guessed: the entry holds the "old" one → update', { ...change('alice@example.com', 'new-pw', 'pw-A'), orderGuessed: true }, [BOB, A],
    { action: 'update', target: 'A', question: 'update-password', reason: 'old-password-matched', username: 'alice@example.com' }],
  // plain http (the page is https://login.example.com)
  ['http entry: an https login never preselects it; it stays choosable', login('alice@example.com', 'new-pw'), [A_HTTP],
    { action: 'add', question: 'save', reason: 'not-secure', username: 'alice@example.com', choose: false, options: ['new', 'A_HTTP'] }],
  ['http entry: the https or scheme-less entry of the username is preselected over it', login('alice@example.com', 'new-pw'), [A_HTTP, A2],
    { action: 'update', target: 'A2', question: 'update-password', reason: 'password-changed', username: 'Alice@Example.com', options: ['A2', 'A_HTTP', 'new'] }],
  ['http entry: a change form without a username never updates it', change('', 'new-pw', 'pw-A'), [A_HTTP],
    { action: 'add', question: 'save', reason: 'no-candidates', username: '', options: ['new', 'A_HTTP'] }],
  // entries shared with the user without edit rights
  ['read-only: it already holds the password → no prompt', login('alice@example.com', 'pw-shared'), [A_SHARED],
    { action: 'none', target: 'A_SHARED', question: 'none', reason: 'same-password', username: 'alice@example.com' }],
  ['read-only: another password → save a new entry, the read-only one not offered', login('alice@example.com', 'new-pw'), [A_SHARED, BOB],
    { action: 'add', question: 'save', reason: 'read-only', username: 'alice@example.com', options: ['new', 'BOB'] }],
  ['read-only: an editable entry with the username is updated instead', login('alice@example.com', 'new-pw'), [A_SHARED, A2],
    { action: 'update', target: 'A2', question: 'update-password', reason: 'password-changed', username: 'Alice@Example.com', choose: false, options: ['A2', 'new'] }],
  ['read-only: change form whose old password is the read-only entry\'s → save new', change('alice@example.com', 'new-pw', 'pw-shared'), [A_SHARED],
    { action: 'add', question: 'save', reason: 'read-only', username: 'alice@example.com', options: ['new'] }],
  ['read-only: change form without username, only read-only entries → save new', change('', 'new-pw'), [A_SHARED],
    { action: 'add', question: 'save', reason: 'read-only', username: '' }],
  ['read-only: change form without username skips read-only entries', change('', 'new-pw'), [A_SHARED, CAROL],
    { action: 'update', target: 'CAROL', question: 'update-password', reason: 'only-candidate', username: 'carol', options: ['CAROL', 'new'] }],
  ['read-only: entry not viewable cannot be read → counts as another password', login('alice@example.com', 'pw-A'), [['A', 'login.example.com', 'alice@example.com', 'pw-A', '', { can_view: false }]],
    { action: 'update', target: 'A', question: 'update-password', reason: 'password-changed', username: 'alice@example.com' }],
  // authenticator keys (QR codes)
  ['totp: no entry for the account → save', totp('JBSWY3DPEHPK3PXP'), [BOB],
    { action: 'add', question: 'save-totp', reason: 'new-username', username: 'alice@example.com' }],
  ['totp: the account\'s entry has no key → add it', totp('JBSWY3DPEHPK3PXP'), [A],
    { action: 'update', target: 'A', question: 'add-totp', reason: 'no-totp', username: 'alice@example.com' }],
  ['totp: the entry has this key, written differently → no prompt', totp('JBSWY3DPEHPK3PXP'), [['A', 'login.example.com', 'alice@example.com', 'pw-A', 'jbsw y3dp ehpk 3pxp']],
    { action: 'none', target: 'A', question: 'none', reason: 'same-totp', username: 'alice@example.com' }],
  ['totp: the entry has another key → replace it', totp('JBSWY3DPEHPK3PXP'), [['A', 'login.example.com', 'alice@example.com', 'pw-A', 'GEZDGNBVGY3TQOJQ']],
    { action: 'update', target: 'A', question: 'update-totp', reason: 'other-totp', username: 'alice@example.com' }],
  ['totp: the capture\'s username wins over the key\'s account', totp('JBSWY3DPEHPK3PXP', 'bob'), [A, BOB],
    { action: 'update', target: 'BOB', question: 'add-totp', reason: 'no-totp', username: 'bob' }],
  ['totp: a key a frame of another origin drew never preselects the entry it would replace', fromFrame(totp('JBSWY3DPEHPK3PXP')), [['A', 'login.example.com', 'alice@example.com', 'pw-A', 'GEZDGNBVGY3TQOJQ']],
    { action: 'add', question: 'save-totp', reason: 'key-not-from-page', username: 'alice@example.com', options: ['new', 'A'] }],
  ['totp: nor one drawn nobody knows where', { ...totp('JBSWY3DPEHPK3PXP'), totp: { ...totpKey('JBSWY3DPEHPK3PXP'), provenance: { drawnBy: 'unknown' } } }, [A],
    { action: 'add', question: 'save-totp', reason: 'key-not-from-page', username: 'alice@example.com', options: ['new', 'A'] }],
];

describe('decide: the add / update table', () => {
  it.each(table)('%s', (_name, capture, rows, expected) => {
    const { decision } = run(capture, rows);
    const { options, choose, ...rest } = expected;
    expect({ action: decision.action, target: decision.target, question: decision.question, reason: decision.reason, username: decision.username }).toEqual({
      target: undefined,
      ...rest,
    });
    if (choose !== undefined) expect(decision.choose).toBe(choose);
    if (options) expect(decision.options.map((o) => o.value)).toEqual(options);
    // The user can always switch: `new` and every candidate are offered, the preselected one first.
    expect(decision.options.map((o) => o.value)).toContain('new');
    expect(decision.options[0].value).toBe(decision.action === 'add' ? 'new' : decision.target);
  });
});

describe('decide: a login typed on a plain http page', () => {
  const HTTP_SITE = 'http://bank.example/login';
  const bank: Row[] = [
    ['TLS', 'https://bank.example/login', 'alice', 'pw-1'],
    ['BARE', 'bank.example', 'alice', 'pw-2'],
    ['PLAIN', 'http://bank.example/', 'alice', 'pw-3'],
    ['PORT', 'https://bank.example:8443', 'alice', 'pw-4'],
  ];

  it('preselects no entry, however it is stored; every entry stays choosable and none is "another application"', () => {
    for (const capture of [login('alice', 'new-pw'), signup('alice', 'new-pw'), change('alice', 'new-pw', 'pw-1'), change('', 'new-pw', 'pw-2'), totp('JBSWY3DPEHPK3PXP', 'alice')]) {
      const { decision } = run(capture, bank, { site: HTTP_SITE });
      expect(decision.action, capture.kind).toBe('add');
      expect(decision.options.map((o) => o.value)).toEqual(['new', 'PLAIN', 'TLS', 'BARE', 'PORT']);
      expect(decision.others).toBeUndefined();
      if (capture.username) expect(decision.reason).toBe('not-secure');
    }
  });

  it('an entry that already holds the password is still "already in MySafe" (nothing is written)', () => {
    expect(run(login('alice', 'pw-2'), bank, { site: HTTP_SITE }).decision).toMatchObject({ action: 'none', target: 'BARE' });
  });

  it('loopback http counts like https (a secure context for browsers): its entries are preselected', () => {
    for (const site of ['http://127.0.0.1:8080/login', 'http://localhost:8080/login', 'http://[::1]:8080/login']) {
      const host = new URL(site).host;
      const { decision } = run(login('alice', 'new-pw'), [['LOCAL', `http://${host}/`, 'alice', 'pw-1']], { site });
      expect(decision, site).toMatchObject({ action: 'update', target: 'LOCAL' });
    }
  });

  it('a name that resolves to 127.0.0.1 is not loopback: only the name counts', () => {
    const site = 'http://bank.corp.example:8080/login';
    const { decision } = run(login('alice', 'new-pw'), [['BANK', 'https://bank.corp.example:8080/login', 'alice', 'pw-1']], { site });
    expect(decision).toMatchObject({ action: 'add', reason: 'not-secure', options: [{ value: 'new' }, { value: 'BANK' }] });
  });
});

describe('decide: details', () => {
  it('a shared-credentials site entry with the username is offered, not preselected; its password is "already in MySafe"', () => {
    const entries = fullEntries([['X', 'https://twitter.com', 'alice@example.com', 'old']]);
    const candidates = findCandidates({ url: 'https://x.com/login', username: 'alice@example.com' }, entries);
    expect(candidates.map((c) => c.match)).toEqual(['shared']);
    expect(decide(login('alice@example.com', 'new-pw'), candidates, entries)).toMatchObject({
      action: 'add',
      question: 'save',
      reason: 'other-application',
      options: [{ value: 'new' }, { value: 'X' }],
      others: { username: 'alice@example.com', names: ['twitter.com'] },
    });
    expect(decide(login('alice@example.com', 'old'), candidates, entries)).toMatchObject({ action: 'none', target: 'X', reason: 'same-password' });
  });

  it('names the sibling applications of the username on a new entry, by their labels on the domain', () => {
    const { decision } = run(login('alice@example.com', 'x'), [SIB_WIKI, BOB, SIB_CRM, SIB_ROOT, ['SIB_WIKI2', 'wiki.example.com/b', 'alice@example.com', 'y']]);
    expect(decision.options[0].value).toBe('new');
    expect(decision.others).toEqual({ username: 'alice@example.com', domain: 'example.com', names: ['wiki', 'crm', 'example.com'] });
    // An update of the page's own entry names nothing.
    expect(run(login('alice@example.com', 'x'), [SIB_WIKI, A]).decision.others).toBeUndefined();
  });

  it('a same-username entry that could not be read counts as holding another password', () => {
    const { decision } = run(login('alice@example.com', 'pw-A'), [A], { readNothing: true });
    expect(decision).toMatchObject({ action: 'update', target: 'A', reason: 'password-changed' });
  });

  it('takes the read entries as a Map too', () => {
    const entries = fullEntries([A]);
    const candidates = findCandidates({ url: SITE }, entries);
    const decision = decide(login('alice@example.com', 'pw-A'), candidates, new Map(entries.map((e) => [e.identifier, e])));
    expect(decision.action).toBe('none');
  });

  it('options carry the candidate for the select labels', () => {
    const { decision } = run(login('alice@example.com', 'new'), [A, BOB]);
    expect(decision.options[0].candidate?.entry.name).toBe('A');
    expect(decision.options[0].candidate?.match).toBe('origin');
    expect(decision.options.at(-1)).toEqual({ value: 'new' });
  });
});

describe('entriesToRead', () => {
  it('login and signup: only the entries with the username', () => {
    expect(run(login('alice@example.com', 'x'), [BOB, A, CAROL, A2]).toRead).toEqual(['A', 'A2']);
    expect(run(signup('dave', 'x'), [BOB, A]).toRead).toEqual([]);
  });

  it('change with a username and no old password: the username\'s entries', () => {
    expect(run(change('alice@example.com', 'x'), [BOB, A, CAROL]).toRead).toEqual(['A']);
  });

  it('change with a username and an old password: still only the username\'s entries', () => {
    expect(run(change('carol', 'x', 'old'), [A, CAROL, BOB]).toRead).toEqual(['CAROL']);
  });

  it('change without a username: every candidate, best first', () => {
    expect(run(change('', 'x'), [CAROL, BOB, A]).toRead).toEqual(['BOB', 'A', 'CAROL']);
  });

  it('change with a username no entry has: every candidate when the old password can find one, else none', () => {
    expect(run(change('dave', 'x', 'old'), [CAROL, BOB]).toRead).toEqual(['BOB', 'CAROL']);
    expect(run(change('dave', 'x'), [CAROL, BOB]).toRead).toEqual([]);
  });

  it('never asks to read an entry the user may not view', () => {
    const hidden: Row = ['H', 'login.example.com', 'alice@example.com', 'pw', '', { can_view: false }];
    expect(run(login('alice@example.com', 'x'), [hidden, A]).toRead).toEqual(['A']);
  });

  it('totp: the entries of the key\'s account', () => {
    expect(run(totp('JBSWY3DPEHPK3PXP'), [BOB, A]).toRead).toEqual(['A']);
  });

  it(`reads at most ${MAX_ENTRIES_TO_READ} entries, best first`, () => {
    const rows: Row[] = Array.from({ length: 8 }, (_, i) => [`D${i}`, i < 4 ? 'login.example.com' : 'https://login.example.com', 'alice', `pw${i}`]);
    expect(run(login('alice', 'x'), rows).toRead).toEqual(['D4', 'D5', 'D6', 'D7', 'D0']);
  });

  it('never reads a sibling application\'s entries: their passwords decide nothing', () => {
    expect(run(login('alice@example.com', 'x'), [SIB_WIKI, A, SIB_CRM]).toRead).toEqual(['A']);
    expect(run(change('', 'x'), [SIB_WIKI, BOB]).toRead).toEqual(['BOB']);
  });
});

describe('diffForUpdate', () => {
  const unchanged = {
    name: 'Example',
    url: 'https://login.example.com',
    username: 'alice@example.com',
    password: 'old',
    secret_key: 'JBSWY3DPEHPK3PXP',
    notes: 'note',
    tags: 'work, web',
    users_allowed: [{ username: 'bob', can_edit: true }, { username: 'carol' }],
    groups_allowed: [{ name: 'ops', can_edit: false }],
  } satisfies EntryDraft;
  // The entry holds the same values, as copies: nothing compares equal by being the same object.
  const entry: FullEntryLike = { identifier: '7', ...structuredClone(unchanged) };

  it.each<[string, EntryDraft, object]>([
    ['a new password alone updates only the password', { ...unchanged, password: 'new' }, { password: 'new' }],
    ['a draft holding only the password', { password: 'new' }, { password: 'new' }],
    ['nothing changed → empty', unchanged, {}],
    ['an empty draft → empty', {}, {}],
    ['username differing only in case or spaces is unchanged', { username: ' Alice@Example.com ' }, {}],
    ['a new username is sent trimmed', { username: ' alice2@example.com ' }, { username: 'alice2@example.com' }],
    ['name, username and password are never blanked', { name: ' ', username: '', password: '' }, {}],
    ['notes may be cleared', { notes: '' }, { notes: '' }],
    ['url changes are sent trimmed', { url: ' https://example.com ' }, { url: 'https://example.com' }],
    ['tags in another order or spacing are unchanged', { tags: 'web,work' }, {}],
    ['a tag added', { tags: 'work, web, mail' }, { tags: 'work, web, mail' }],
    ['a secret differing only in format is unchanged', { secret_key: 'jbsw y3dp ehpk 3pxp' }, {}],
    ['a new secret is sent normalised', { secret_key: 'gezd gnbv gy3t qojq' }, { secret_key: 'GEZDGNBVGY3TQOJQ' }],
    ['sharing in another order is unchanged', { users_allowed: [{ username: 'carol', can_edit: false }, { username: 'bob', can_edit: true }] }, {}],
    ['a changed can_edit is sent', { users_allowed: [{ username: 'bob' }, { username: 'carol' }] }, { users_allowed: [{ username: 'bob' }, { username: 'carol' }] }],
    ['an emptied group list is sent (it removes that sharing)', { groups_allowed: [] }, { groups_allowed: [] }],
    ['password and notes together', { password: 'new', notes: 'changed' }, { password: 'new', notes: 'changed' }],
  ])('%s', (_name, draft, expected) => {
    expect(diffForUpdate(entry, draft)).toEqual(expected);
  });

  it('treats missing fields of the entry as empty', () => {
    const bare: FullEntryLike = { identifier: '1', name: 'n', url: '', username: 'u' };
    expect(diffForUpdate(bare, { notes: '', tags: '', users_allowed: [], groups_allowed: [], secret_key: '' })).toEqual({});
    expect(diffForUpdate(bare, { password: 'p', secret_key: 'JBSWY3DPEHPK3PXP' })).toEqual({ password: 'p', secret_key: 'JBSWY3DPEHPK3PXP' });
  });
});

describe('sameCapture', () => {
  const base: Capture = {
    id: '1',
    kind: 'login',
    tabId: 3,
    frameId: 0,
    origin: 'https://login.example.com',
    url: 'https://login.example.com/signin',
    topOrigin: 'https://login.example.com',
    username: 'alice',
    password: 'pw',
    createdAt: 1000,
    state: { status: 'pending' },
  };

  it.each<[string, Partial<Capture>, boolean]>([
    ['the same login submitted twice', { id: '2', createdAt: 2000, frameId: 4, url: 'https://login.example.com/other' }, true],
    ['username differing only in case or spaces', { username: ' Alice ' }, true],
    ['another tab', { tabId: 4 }, false],
    ['another origin', { origin: 'https://example.com' }, false],
    ['another username', { username: 'bob' }, false],
    ['another password', { password: 'PW' }, false],
    ['another kind', { kind: 'signup' }, false],
  ])('%s → %s', (_name, change, same) => {
    expect(sameCapture(base, { ...base, ...change })).toBe(same);
  });

  it('two QR codes on one tab are two captures; the same one twice is one', () => {
    const qr = { ...base, kind: 'totp' as const, username: '', password: '', totp: totpKey('JBSWY3DPEHPK3PXP') };
    const again: Capture = { ...qr, id: '2', createdAt: 2000 };
    expect(sameCapture(qr, again)).toBe(true);
    expect(sameCapture(qr, { ...qr, totp: totpKey('GEZDGNBVGY3TQOJQ') })).toBe(false);
    expect(sameCapture(qr, { ...qr, totp: totpKey('JBSWY3DPEHPK3PXP', 'bob') })).toBe(false);
  });
});
