// Save or update: what to do with a capture, given the MySafe entries found for its site. Pure logic.
//
// List items carry no passwords, so deciding takes two steps:
//   const ids = entriesToRead(capture, candidates);     // the caller reads these with readEntry
//   const decision = decide(capture, candidates, fullEntries);
// Usernames compare trimmed and case-insensitively; passwords exactly.
import type { Capture } from '../capture/types';
import type { EntryUpdate, SharingGroup as SharedGroup, SharingUser as SharedUser } from '../mysafe/types';
import { normaliseSecret, normalizeUsername, sameSecret } from '../capture/same';
import { applicationOf, isNearMatch, type Candidate, type EntrySummaryLike } from './matching';

// The API's own shapes (src/mysafe/types.ts, type-only: this module stays free of the client's code).
export type { EntryUpdate, SharedGroup, SharedUser };

/** A MySafe entry as `readEntry` returns it, password included. Missing text fields count as ''. */
export interface FullEntryLike extends EntrySummaryLike {
  password?: string | null;
  secret_key?: string | null;
  notes?: string | null;
  tags?: string;
  users_allowed?: readonly SharedUser[] | null;
  groups_allowed?: readonly SharedGroup[] | null;
}

/** What the decision looks at in a capture. */
export type DecisionCapture = Pick<Capture, 'kind' | 'username' | 'password' | 'oldPassword' | 'orderGuessed' | 'totp'>;

/**
 * What the popup asks:
 * - `save`: "Save login to MySafe?"
 * - `update-password`: "Update password for {username}?"
 * - `signup-existing`: a sign-up for a username that already has an entry: "You already have a login for {username}. Update its password?"
 * - `save-totp`: "Save authenticator key to MySafe?"
 * - `add-totp` / `update-totp`: "Add the authenticator key to {username}?" / "Replace the authenticator key of {username}?"
 * - `none`: nothing to ask, MySafe already holds this.
 */
export type Question = 'save' | 'update-password' | 'signup-existing' | 'save-totp' | 'add-totp' | 'update-totp' | 'none';

/** Why the decision was made; tests and logs read it, the popup may too. */
export type Reason =
  | 'same-password' // an entry with this username already has this password
  | 'password-changed' // an entry with this username has another password
  | 'new-username' // no entry with this username
  | 'other-application' // the username's entries belong to other applications (sibling hosts, shared-login sites)
  | 'no-candidates' // nothing stored for this site's own application (same host)
  | 'not-secure' // the username's entries of this application are offered, not preselected: plain http (matching.ts)
  | 'old-password-matched' // change form: the entry's password is the old password typed
  | 'username-matched' // change form: the entry's username matches, its password is not the old one
  | 'only-candidate' // change form without a username: the site's single entry
  | 'best-candidate' // change form without a username: the best of several entries
  | 'already-updated' // change form: the entry already has the new password
  | 'same-totp' // the entry already has this authenticator key
  | 'no-totp' // the entry has no authenticator key yet
  | 'other-totp' // the entry has another authenticator key
  | 'key-not-from-page' // a key drawn by a frame of another origin (or by nobody knows whom): offered, never preselected
  | 'read-only'; // the entry it would update is shared with the user without edit rights: save a new one

/** One choice of the popup's target select (`capture-target`). */
export interface TargetOption {
  /** `new`, or the identifier of the entry to update. */
  value: string;
  /** The entry, for the option's label; absent for `new`. */
  candidate?: Candidate;
}

export interface Decision {
  action: 'add' | 'update' | 'none';
  /** The entry to update (`update`), or the one that already holds the capture (`none`). */
  target?: string;
  question: Question;
  /** The username to show: the target entry's for an update, else the capture's. */
  username: string;
  reason: Reason;
  /** Several entries are equally likely: the user should pick (the best one is preselected). */
  choose: boolean;
  /** Every target the user may switch to, the preselected one first; `new` is always there. */
  options: TargetOption[];
  /** On an add: the applications where the capture's username has entries, offered but not preselected. */
  others?: OtherApplications;
}

/** "alice also has entries for wiki and crm on corp.example": the username's entries of other applications. */
export interface OtherApplications {
  username: string;
  /** The registrable domain the names belong to, when they are hosts under the page's own domain. */
  domain?: string;
  /** Application names, best first, without repeats: `wiki` under `domain`, else the entry's host. */
  names: string[];
}

/** The select lists `new` and at most this many entries, the likeliest; the others are found by searching. */
export const MAX_LISTED_TARGETS = 5;

/** Splits the decision's options into the select's (`new` kept in its place) and the rest, for the search box. */
export function splitOptions<T extends { value: string }>(options: readonly T[], max = MAX_LISTED_TARGETS): { listed: T[]; more: T[] } {
  const entries = options.filter((o) => o.value !== 'new');
  const kept = new Set(entries.slice(0, max));
  return { listed: options.filter((o) => o.value === 'new' || kept.has(o)), more: entries.slice(max) };
}

/** A cap on reads per capture: the list may hold many duplicates, each read is a request. */
export const MAX_ENTRIES_TO_READ = 5;

/** Who the capture is for: a TOTP key from a QR code names its account when the capture has no username. */
function captureUsername(capture: DecisionCapture): string {
  return capture.username.trim() || (capture.totp?.account.trim() ?? '');
}

/** Entries shared with the user without edit rights are never offered as update targets. */
const writable = (c: Candidate) => c.entry.can_write !== false;
/** Entries the user may see in the list but not open: `readEntry` would fail. */
const readable = (c: Candidate) => c.entry.can_view !== false;

function sameUsernameCandidates(capture: DecisionCapture, candidates: readonly Candidate[]): Candidate[] {
  const username = normalizeUsername(captureUsername(capture));
  return candidates.filter((c) => normalizeUsername(c.entry.username) === username);
}

/** The page's own application over a secure scheme: the only entries that may be preselected for an update. */
const near = (c: Candidate) => isNearMatch(c.match) && !c.insecure;
/** The page's own application, but over plain http: choosable, never preselected, and not "another application". */
const nearButInsecure = (c: Candidate) => isNearMatch(c.match) && !!c.insecure;
/** Entries whose password, equal to the capture's, makes the capture "already in MySafe": not a sibling host's. */
const holdsSameLogin = (c: Candidate) => c.match !== 'domain';

/** The identifiers to read (with their passwords) before calling `decide`, best first. */
export function entriesToRead(capture: DecisionCapture, candidates: readonly Candidate[]): string[] {
  // A sibling application's password never decides anything: it is not read.
  const same = sameUsernameCandidates(capture, candidates).filter(holdsSameLogin);
  let wanted = same;
  if (capture.kind === 'change') {
    // A change form may have no username (any entry of the site may be it), or one that no entry has
    // (then only the old password can find the entry). A matched username settles it: its entries suffice.
    const lookWider = !capture.username.trim() || (same.length === 0 && !!capture.oldPassword);
    if (lookWider) wanted = [...same, ...candidates.filter((c) => near(c) && !same.includes(c))];
  }
  return wanted.filter(readable).slice(0, MAX_ENTRIES_TO_READ).map((c) => c.entry.identifier);
}

type FullEntries = ReadonlyMap<string, FullEntryLike> | readonly FullEntryLike[];

function byIdentifier(fullEntries: FullEntries): ReadonlyMap<string, FullEntryLike> {
  if (!Array.isArray(fullEntries)) return fullEntries as ReadonlyMap<string, FullEntryLike>;
  return new Map((fullEntries as readonly FullEntryLike[]).map((e) => [e.identifier, e]));
}

/**
 * Decides add, update or nothing. `fullEntries` are the entries read for `entriesToRead`; a candidate
 * that was not read counts as holding another password (so the user is asked rather than silently skipped).
 */
export function decide(capture: DecisionCapture, candidates: readonly Candidate[], fullEntries: FullEntries): Decision {
  const full = byIdentifier(fullEntries);
  const passwordOf = (c: Candidate) => full.get(c.entry.identifier)?.password ?? undefined;
  const sameAnywhere = sameUsernameCandidates(capture, candidates);
  // Only the page's own application may be preselected; a shared-login site may also hold the login already.
  const same = sameAnywhere.filter(near);
  const known = sameAnywhere.filter(holdsSameLogin);
  const others = otherApplications(captureUsername(capture), sameAnywhere.filter((c) => !isNearMatch(c.match)));
  /** Nothing of the page's own application may be preselected for the username: a new entry, the others named. */
  const newReason = (): Reason =>
    sameAnywhere.some(nearButInsecure)
      ? 'not-secure'
      : others
        ? 'other-application'
        : candidates.some(near)
          ? 'new-username'
          : 'no-candidates';

  const result = (action: Decision['action'], question: Question, reason: Reason, target?: Candidate, choose = false): Decision => ({
    action,
    target: target?.entry.identifier,
    question,
    username: action === 'update' && target ? target.entry.username : captureUsername(capture),
    reason,
    choose,
    options: targetOptions(candidates, action === 'add' ? undefined : target),
    ...(action === 'add' && others ? { others } : {}),
  });

  if (capture.kind === 'totp') {
    if (!capture.totp) return result('add', 'save-totp', 'no-candidates');
    const secret = capture.totp.secret;
    const holder = known.find((c) => sameSecret(full.get(c.entry.identifier)?.secret_key, secret));
    if (holder) return result('none', 'none', 'same-totp', holder);
    // An ad frame's code on a bank's page must not replace the bank entry's key with one click.
    if ((capture.totp.provenance?.drawnBy ?? 'page') !== 'page') return result('add', 'save-totp', 'key-not-from-page');
    if (same.length === 0) return result('add', 'save-totp', newReason());
    const targets = same.filter(writable);
    if (targets.length === 0) return result('add', 'save-totp', 'read-only');
    const hasKey = !!full.get(targets[0].entry.identifier)?.secret_key?.trim();
    return result('update', hasKey ? 'update-totp' : 'add-totp', hasKey ? 'other-totp' : 'no-totp', targets[0], targets.length > 1);
  }

  // A change form goes by the page's own entries only: a sibling's old or new password proves nothing about this one.
  if (capture.kind === 'change') return decideChange(capture, candidates.filter(near), same, passwordOf, result, newReason);

  // login or signup
  const holder = known.find((c) => passwordOf(c) === capture.password);
  if (holder) return result('none', 'none', 'same-password', holder);
  if (same.length === 0) return result('add', 'save', newReason());
  const targets = same.filter(writable);
  if (targets.length === 0) return result('add', 'save', 'read-only');
  const question = capture.kind === 'signup' ? 'signup-existing' : 'update-password';
  return result('update', question, 'password-changed', targets[0], targets.length > 1);
}

function decideChange(
  capture: DecisionCapture,
  candidates: readonly Candidate[],
  same: Candidate[],
  passwordOf: (c: Candidate) => string | undefined,
  result: (action: Decision['action'], question: Question, reason: Reason, target?: Candidate, choose?: boolean) => Decision,
  newReason: () => Reason,
): Decision {
  const hasUsername = !!capture.username.trim();
  // The entries this change may be about: the username's own when it has any (another account may well use the
  // same password); else any entry of the site. An unmatched username leaves only the old password to go by.
  const relevant = same.length > 0 ? same : candidates;
  const mayHoldNew = same.length > 0 || !hasUsername ? relevant : [];
  // Old and new in a guessed order (the card asks which is new): an entry holding either one may hold the old one,
  // so it is the entry to update, never proof that the change was saved already.
  const guessed = !!capture.orderGuessed;
  const updated = guessed ? undefined : mayHoldNew.find((c) => passwordOf(c) === capture.password);
  if (updated) return result('none', 'none', 'already-updated', updated);

  const old = capture.oldPassword;
  const isOld = (password: string | undefined) => password === old || (guessed && password === capture.password);
  const byOld = old ? relevant.filter(writable).find((c) => isOld(passwordOf(c))) : undefined;
  if (byOld) return result('update', 'update-password', 'old-password-matched', byOld);
  if (same.length > 0) {
    const own = same.filter(writable);
    if (own.length === 0) return result('add', 'save', 'read-only');
    return result('update', 'update-password', 'username-matched', own[0], own.length > 1);
  }
  if (candidates.length === 0 || hasUsername) return result('add', 'save', newReason());
  const open = candidates.filter(writable);
  if (open.length === 0) return result('add', 'save', 'read-only');
  if (open.length === 1) return result('update', 'update-password', 'only-candidate', open[0]);
  return result('update', 'update-password', 'best-candidate', open[0], true);
}

/**
 * The preselected target first, then the other editable candidates best first; `new` first for an add, else last.
 * (For `none` the target may be read-only: it is listed all the same, as what already holds the login.)
 */
function targetOptions(candidates: readonly Candidate[], target: Candidate | undefined): TargetOption[] {
  const entries = candidates
    .filter((candidate) => candidate === target || writable(candidate))
    .map((candidate) => ({ value: candidate.entry.identifier, candidate }));
  if (!target) return [{ value: 'new' }, ...entries];
  const first = entries.filter((o) => o.candidate === target);
  return [...first, ...entries.filter((o) => o.candidate !== target), { value: 'new' }];
}

/** The applications (best first, each once) where `username` has entries that are not the page's own. */
function otherApplications(username: string, related: readonly Candidate[]): OtherApplications | undefined {
  // Sibling hosts of the page's domain are named by their labels on that domain (`wiki`); shared-login sites by host.
  const siblings = related.filter((c) => c.match === 'domain');
  const named = (siblings.length ? siblings : related).map((c) => applicationOf(c.entry.url)).filter((app) => !!app);
  if (named.length === 0) return undefined;
  const domain = siblings.length ? named[0].domain : undefined;
  const names = named.map((app) => (domain ? app.name : app.host));
  return { username, ...(domain ? { domain } : {}), names: [...new Set(names)] };
}

// ---- Update: send only what changed ----

/** What the popup's form holds for the entry; a field left out is not being edited. */
export interface EntryDraft {
  name?: string;
  url?: string;
  username?: string;
  password?: string;
  secret_key?: string;
  notes?: string;
  tags?: string;
  users_allowed?: readonly SharedUser[];
  groups_allowed?: readonly SharedGroup[];
}

/**
 * The fields of `draft` that differ from `entry`. Name, username and password are never blanked (MySafe requires
 * them); a username differing only in case or spacing, a secret differing only in format, tags differing only in
 * order or spacing, and sharing lists differing only in order are unchanged. An empty sharing list that replaces
 * a non-empty one is a change: it removes that sharing.
 */
export function diffForUpdate(entry: FullEntryLike, draft: EntryDraft): EntryUpdate {
  const update: EntryUpdate = {};
  const text = (value: string | null | undefined) => value ?? '';

  if (draft.name !== undefined && draft.name.trim() && draft.name !== text(entry.name)) update.name = draft.name;
  if (draft.url !== undefined && draft.url.trim() !== text(entry.url).trim()) update.url = draft.url.trim();
  if (draft.username !== undefined && draft.username.trim() && normalizeUsername(draft.username) !== normalizeUsername(entry.username)) {
    update.username = draft.username.trim();
  }
  if (draft.password !== undefined && draft.password !== '' && draft.password !== text(entry.password)) update.password = draft.password;
  if (draft.secret_key !== undefined && !sameSecret(draft.secret_key, entry.secret_key)) {
    update.secret_key = normaliseSecret(draft.secret_key) ?? draft.secret_key.trim();
  }
  if (draft.notes !== undefined && draft.notes !== text(entry.notes)) update.notes = draft.notes;
  if (draft.tags !== undefined && tagKey(draft.tags) !== tagKey(entry.tags)) update.tags = draft.tags;
  if (draft.users_allowed !== undefined && sharingKey(draft.users_allowed, (u) => u.username) !== sharingKey(entry.users_allowed, (u) => u.username)) {
    update.users_allowed = draft.users_allowed.map((u) => ({ ...u }));
  }
  if (draft.groups_allowed !== undefined && sharingKey(draft.groups_allowed, (g) => g.name) !== sharingKey(entry.groups_allowed, (g) => g.name)) {
    update.groups_allowed = draft.groups_allowed.map((g) => ({ ...g }));
  }
  return update;
}

function tagKey(tags: string | null | undefined): string {
  const list = (tags ?? '').split(',').map((t) => t.trim()).filter(Boolean);
  return [...new Set(list)].sort().join(',');
}

/** Order-free comparison key; `can_edit` left out means view only, like `false`. */
function sharingKey<T extends { can_edit?: boolean }>(list: readonly T[] | null | undefined, name: (item: T) => string): string {
  return JSON.stringify((list ?? []).map((item) => `${name(item).trim().toLowerCase()}:${item.can_edit === true}`).sort());
}
