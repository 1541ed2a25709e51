import type { FormKind, SubmittedForm } from '../capture/types';
import type { Request } from './messages';

// What a content script may report, checked before anything else reads it: the page may have planted or inflated it.
// The background trusts only `sender` for tab, frame and origin.

export type FormSubmittedMessage = Request<'form-submitted'>;

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
  return read;
}
