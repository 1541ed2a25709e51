import type { FormKind, SubmittedForm } from '../capture/types';
import type { Request } from './messages';
import { CONTENT_REASONS, type WhyReason } from '../capture/why';

// What a content script may report, checked before anything else reads it: the page may have planted or inflated it.
// The background trusts only `sender` for tab, frame and origin.

export type FormSubmittedMessage = Request<'form-submitted'>;
export type SkippedMessage = Request<'form-skipped'>;

/** Longer values are not captured: no real username or password is this long, and storage is finite. */
export const MAX_USERNAME = 256;
export const MAX_PASSWORD = 1024;

const FORM_KINDS: readonly FormKind[] = ['login', 'signup', 'change', 'username'];

const fits = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max;

/** The form a `form-submitted` message reports, when it is well formed and within the caps; else undefined. */
export function readSubmittedForm(message: unknown): SubmittedForm | undefined {
  if (!message || typeof message !== 'object') return undefined;
  const form = (message as { form?: unknown }).form;
  if (!form || typeof form !== 'object') return undefined;
  const f = form as Record<string, unknown>;
  if (!FORM_KINDS.includes(f.kind as FormKind)) return undefined;
  if (!fits(f.username, MAX_USERNAME) || !fits(f.password, MAX_PASSWORD)) return undefined;
  if (f.oldPassword !== undefined && !fits(f.oldPassword, MAX_PASSWORD)) return undefined;
  // Only the known fields go on: nothing else the page put in the message is kept.
  const read: SubmittedForm = { kind: f.kind as FormKind, username: f.username, password: f.password };
  if (typeof f.oldPassword === 'string') read.oldPassword = f.oldPassword;
  if (f.step === 'current-password' && read.kind === 'login') read.step = 'current-password';
  // Only a change with both passwords can have their order guessed; anything else the page sends here is dropped.
  if (f.orderGuessed === true && read.kind === 'change' && read.oldPassword) read.orderGuessed = true;
  // Only login and signup are told apart by the card's question.
  if (f.kindGuessed === true && (read.kind === 'login' || read.kind === 'signup')) read.kindGuessed = true;
  return read;
}

/** Whether a `form-submitted` message reports a username or password over the caps (for "See why"). */
export function overCaps(message: unknown): boolean {
  const form = (message as { form?: Record<string, unknown> } | null)?.form;
  if (!form || typeof form !== 'object') return false;
  const over = (value: unknown, max: number) => typeof value === 'string' && value.length > max;
  return over(form.username, MAX_USERNAME) || over(form.password, MAX_PASSWORD) || over(form.oldPassword, MAX_PASSWORD);
}

/** The reason a `form-skipped` message gives, when it is one a content script may give. */
export function readSkipReason(message: unknown): { reason: WhyReason; kind?: FormKind } | undefined {
  const { reason, kind } = (message ?? {}) as { reason?: unknown; kind?: unknown };
  if (!CONTENT_REASONS.includes(reason as WhyReason)) return undefined;
  return FORM_KINDS.includes(kind as FormKind) ? { reason: reason as WhyReason, kind: kind as FormKind } : { reason: reason as WhyReason };
}
