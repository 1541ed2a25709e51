// Two-step logins: a page that asks only for the username, then a page (or the same page, redrawn) that asks for
// the password. The content script reports the first step as `kind: 'username'`; it is staged here, per tab and
// site, and given to the next password-bearing form of that tab and site that has no username of its own.
// Pure: the caller loads and stores `StagedSteps` (storage.session) and passes the time.
import { siteKey } from '../platform/site';
import type { SubmittedForm } from './types';

export interface StagedStep {
  username: string;
  /** When the username step was sent (ms since epoch). */
  at: number;
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
}

/**
 * Stages a username step, or completes a form that has no username with the one staged for the same tab and site.
 * A staged username is used once; a form that brings its own username also ends the staged step.
 */
export function mergeSteps(staged: StagedSteps, incoming: Incoming, now: number): Merged {
  const steps = withoutExpired(staged, now);
  const key = stepKey(incoming.tabId, incoming.origin);
  const { form } = incoming;
  if (form.kind === 'username') {
    if (!form.username) return { steps };
    return { steps: { ...steps, [key]: { username: form.username, at: now } } };
  }
  const step = steps[key];
  if (!step || !form.password) return { steps, form };
  const rest = { ...steps };
  delete rest[key];
  return { steps: rest, form: form.username ? form : { ...form, username: step.username } };
}
