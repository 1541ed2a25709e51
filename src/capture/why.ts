// "Nothing offered on this page? See why": what the background saw of each tab's submissions and what became of each.
// Reasons and roles only, never a typed value; kept in the background's memory for a few minutes, per tab, and
// forgotten when the tab goes to another site or closes. Pure: no browser globals.
import type { SeenForm } from './forms-seen';
import type { CaptureKind, FormKind } from './types';

/** What became of a submission (or of a form the content script saw sent). */
export type WhyReason =
  /** Offered: a card was made. */
  | 'kept'
  /** A username step: the password step is awaited (two-step logins). */
  | 'username-step'
  /** MySafe already holds this username with this password. */
  | 'already-in-mysafe'
  /** The user chose "Never for this site". */
  | 'never-site'
  /** The site answered the submission's request with a 4xx (wrong password, refused sign-up). */
  | 'refused-by-site'
  /** A username or password over the size caps. */
  | 'too-long'
  /** The page sent the form by itself, without a click or Enter from the user. */
  | 'no-user-action'
  /** The user left through "Forgot password?", "Cancel" and the like. */
  | 'not-sent'
  /** The form (or a parent) carries data-mysafe-ignore. */
  | 'ignored'
  /** What was sent does not look like a login, sign-up or password change (a code, a search, three passwords). */
  | 'not-a-login'
  /** The configured MySafe server's own pages are never captured. */
  | 'mysafe-server';

/** The reasons a content script may report (the others only the background can know). */
export const CONTENT_REASONS: readonly WhyReason[] = ['no-user-action', 'not-sent', 'ignored', 'not-a-login'];

/** Which fields a submission held, by role. */
export type FieldRole = 'username' | 'password' | 'old-password';

export interface WhyRow {
  at: number;
  reason: WhyReason;
  kind?: FormKind | CaptureKind;
  roles: FieldRole[];
  /** The host (and port) of the frame it came from. */
  frame: string;
  /** The frame's origin is not the tab's. */
  crossOrigin: boolean;
  /** The HTTP status of a refused submission. */
  status?: number;
}

/** What the popup shows for a tab. */
export interface WhyReport {
  rows: WhyRow[];
  /** The extension may read the tab's page: without host access no form is seen at all. */
  access: boolean;
  /** The login-like forms of the tab's frames now, nobody's values (./forms-seen.ts). */
  forms: SeenForm[];
  /** More forms or frames than the report lists. */
  formsCut: boolean;
}

const MAX_ROWS = 20;
const KEPT_MS = 10 * 60_000;

/** One tab's rows and the site they belong to. */
interface TabLog {
  site: string;
  rows: WhyRow[];
}

/** The background's memory of submissions, by tab. */
export class WhyLog {
  private readonly tabs = new Map<number, TabLog>();

  /** Adds a row for tab `tabId`, whose page is on `site`; the oldest rows go beyond MAX_ROWS. */
  note(tabId: number, site: string, row: WhyRow): void {
    let log = this.tabs.get(tabId);
    if (!log || log.site !== site) this.tabs.set(tabId, (log = { site, rows: [] }));
    log.rows.push(row);
    if (log.rows.length > MAX_ROWS) log.rows.splice(0, log.rows.length - MAX_ROWS);
  }

  /** The tab's rows of the last minutes, newest first. */
  rows(tabId: number, now = Date.now()): WhyRow[] {
    const log = this.tabs.get(tabId);
    if (!log) return [];
    log.rows = log.rows.filter((row) => now - row.at < KEPT_MS);
    return [...log.rows].reverse();
  }

  /** The tab now shows a page of `site`: rows of another site are forgotten. */
  navigated(tabId: number, site: string): void {
    if (this.tabs.get(tabId)?.site !== site) this.tabs.delete(tabId);
  }

  forget(tabId: number): void {
    this.tabs.delete(tabId);
  }
}

/** The roles of the fields a submission held. */
export function rolesOf(form: { username?: string; password?: string; oldPassword?: string }): FieldRole[] {
  const roles: FieldRole[] = [];
  if (form.username) roles.push('username');
  if (form.password) roles.push('password');
  if (form.oldPassword) roles.push('old-password');
  return roles;
}
