// Save-or-update messages between the extension's pages (popup, options) and the background. Like ui-messages.ts,
// the background accepts them only from its own pages.
import type { Decision, EntryUpdate, Question, SharedGroup, SharedUser } from '../save/decision';
import type { MatchKind } from '../save/matching';
import type { EntryValues, Result } from './ui';

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
  options: TargetChoice[];
  /** The entries read for the decision, by identifier. */
  entries: Record<string, EntrySnapshot>;
  defaults: CaptureDefaults;
}

/** One line of "what will change" on an update; secrets are named, never shown (no `from` / `to`). */
export interface Change {
  field: keyof EntryUpdate;
  from?: string;
  to?: string;
}

export type SaveRequest =
  | { type: 'capture-decision'; id: string }
  /** What saving these values into the entry `values.target` would change. */
  | { type: 'preview-update'; id: string; values: EntryValues }
  /** An entry the user picked that the decision did not read. */
  | { type: 'entry-snapshot'; id: string; identifier: string }
  /** Drop the capture and never offer captures for its site again. */
  | { type: 'never-site'; id: string }
  /** "Save this site": a capture for the tab's page with empty username and password. */
  | { type: 'add-site'; tabId: number }
  | { type: 'get-preferences' }
  | { type: 'save-defaults'; defaults: CaptureDefaults }
  | { type: 'remove-never-site'; host: string };

export interface Preferences {
  defaults: CaptureDefaults;
  neverSites: string[];
}

export interface SaveResponses {
  'capture-decision': Result<DecisionView>;
  'preview-update': Result<Change[]>;
  'entry-snapshot': Result<EntrySnapshot>;
  'never-site': Result;
  'add-site': Result<{ id: string }>;
  'get-preferences': Preferences;
  'save-defaults': Result;
  'remove-never-site': Result;
}

const SAVE_TYPES = ['capture-decision', 'preview-update', 'entry-snapshot', 'never-site', 'add-site', 'get-preferences', 'save-defaults', 'remove-never-site'];

export function isSaveRequest(value: unknown): value is SaveRequest {
  return !!value && typeof value === 'object' && SAVE_TYPES.includes((value as { type?: unknown }).type as string);
}
