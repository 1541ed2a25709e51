// The save capability's views of its data: what the background's answers about saving carry to the pages (the
// messages themselves: src/protocol/messages.ts, which imports these).
import type { Decision, EntryUpdate, OtherApplications, Question, SharedGroup, SharedUser } from './decision';
import type { MatchKind } from './matching';
import type { LockableKey, NeverSite, PolicyProblem } from './managed';

/** What the options page sets and a new entry starts with. */
export interface CaptureDefaults {
  tags: string;
  users: SharedUser[];
  groups: SharedGroup[];
}

export const NO_DEFAULTS: CaptureDefaults = { tags: '', users: [], groups: [] };

/** An entry as the popup may see it: no password, no authenticator key. */
export interface EntrySnapshot {
  identifier: string;
  name: string;
  url: string;
  username: string;
  notes: string;
  tags: string;
  users_allowed: SharedUser[];
  groups_allowed: SharedGroup[];
  hasSecretKey: boolean;
}

export interface TargetChoice {
  value: string;
  name?: string;
  username?: string;
  url?: string;
  match?: MatchKind;
}

/** The decision for one capture (src/save/decision.ts), as the popup shows it. */
export interface DecisionView {
  action: Decision['action'];
  question: Question;
  username: string;
  /** Several entries are equally likely: the user should pick. */
  choose: boolean;
  /** The select's choices: `new` and the likeliest few entries (at most MAX_LISTED_TARGETS), preselected first. */
  options: TargetChoice[];
  /** The other candidate entries, best first: found through the card's search box. */
  more: TargetChoice[];
  /** On a new entry: the applications where the username has entries that are not this page's. */
  others?: OtherApplications;
  /** The entries read for the decision, by identifier. */
  entries: Record<string, EntrySnapshot>;
  /** What a person calls the capture's site: its registrable domain, or host:port for IPs and localhost. */
  site?: string;
  defaults: CaptureDefaults;
}

/** One line of "what will change" on an update; secrets are named, never shown (no `from` / `to`). */
export interface Change {
  field: keyof EntryUpdate;
  from?: string;
  to?: string;
}

export interface Preferences {
  defaults: CaptureDefaults;
  neverSites: NeverSite[];
}

export interface SettingsView {
  baseUrl: string;
  clientId: string;
  /** Whether a Client Secret is stored; the secret itself never leaves the background. */
  hasSecret: boolean;
  /** What the administrator's policy sets and locks: the options page shows these disabled, "Set by your organisation". */
  locked: LockableKey[];
  /** Policy values that were ignored, one line each in the options page. */
  problems: PolicyProblem[];
}
