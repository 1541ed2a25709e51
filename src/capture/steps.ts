// Two-step logins: a page that asks only for the username, then a page (or the same page, redrawn) that asks for
// the password. The content script reports the first step as `kind: 'username'`; it is staged here, per tab and
// site, and given to the next password-bearing form of that tab and site that has no username of its own.
//
// Password changes in steps: the username, then the current password, then the new password. The current-password
// step comes as a login flagged `step: 'current-password'` (a lone current-password field, no account name typed
// beside it), which is also what the password step of a plain two-step login looks like: it is offered as a login at
// once (nothing may follow it: the login stays), and staged with its password. A new password (change or sign-up
// without a current password) of the same tab and site within the step window makes it a change: that username, the
// new password, the staged one as the old password; the login offered for the step is withdrawn (`replaces`), so the
// user ends with one card either way.
// Pure: the caller loads and stores `StagedSteps` (storage.session) and passes the time.
import { siteKey } from '../platform/site';
import type { SubmittedForm } from './types';

export interface StagedStep {
  username: string;
  /** When the step was sent (ms since epoch). */
  at: number;
  /** A current-password step: the password it sent (offered as a login, the old password of a change that follows). */
  password?: string;
}

/** Keyed by `stepKey(tabId, origin)`. */
export type StagedSteps = Record<string, StagedStep>;

/** How long a username step waits for its password step. */
export const STEP_TTL_MS = 10 * 60_000;

/** Steps of one tab and one site (scheme, registrable domain and port: src/platform/site.ts) belong together. */
export function stepKey(tabId: number, origin: string): string {
  return `${tabId}:${siteKey(origin)}`;
}

function withoutExpired(steps: StagedSteps, now: number): StagedSteps {
  return Object.fromEntries(Object.entries(steps).filter(([, step]) => now - step.at >= 0 && now - step.at < STEP_TTL_MS));
}

export interface Incoming {
  tabId: number;
  /** The origin of the frame the form was typed in, from the message's sender. */
  origin: string;
  form: SubmittedForm;
}

export interface Merged {
  steps: StagedSteps;
  /** The form to offer, completed with the staged username; undefined for a username step (nothing to offer yet). */
  form?: SubmittedForm;
  /** The login offered for a current-password step, now the old half of `form` (a change): to withdraw. */
  replaces?: { username: string; password: string };
}

/**
 * Stages a username step, or completes a form that has no username with the one staged for the same tab and site.
 * A staged username is used once; a form that brings its own username also ends the staged step.
 */
export function mergeSteps(staged: StagedSteps, incoming: Incoming, now: number): Merged {
  const steps = withoutExpired(staged, now);
  const key = stepKey(incoming.tabId, incoming.origin);
  const { step: flag, ...form } = incoming.form;
  if (form.kind === 'username') {
    if (!form.username) return { steps };
    return { steps: { ...steps, [key]: { username: form.username, at: now } } };
  }
  const step = steps[key];
  const rest = { ...steps };
  delete rest[key];
  if (flag === 'current-password' && form.password) {
    const completed = form.username || !step ? form : { ...form, username: step.username };
    return { steps: { ...rest, [key]: { username: completed.username, password: completed.password, at: now } }, form: completed };
  }
  if (step?.password !== undefined && isNewPasswordOf(form, step)) {
    const change: SubmittedForm = { kind: 'change', username: step.username || form.username, password: form.password, oldPassword: step.password };
    return { steps: rest, form: change, replaces: { username: step.username, password: step.password } };
  }
  if (!step || !form.password) return { steps, form };
  return { steps: rest, form: form.username ? form : { ...form, username: step.username } };
}

/** A new password for the account of a staged current-password step: no current password of its own, another value. */
function isNewPasswordOf(form: SubmittedForm, step: StagedStep): boolean {
  if (form.kind !== 'change' && form.kind !== 'signup') return false;
  if (!form.password || form.oldPassword || form.password === step.password) return false;
  return !form.username || !step.username || form.username === step.username;
}
