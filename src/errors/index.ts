import type { MySafeErrorKind } from '../mysafe';

// Errors as the background hands them to the pages (in answers and in a capture's state), and the results that carry
// them. A leaf below the capabilities: it imports only MySafe's error kinds, so capture, save and totp can make these
// and the protocol and the pages can carry and show them. Not in platform/: mysafe/ imports platform/, and
// platform/ knows no product words.

/** The extension's own error kinds, beside MySafe's; each has words in both languages (src/ui/error-text.ts). */
export type OwnErrorKind =
  | 'invalid-url'
  | 'not-https'
  | 'not-configured'
  | 'missing-values'
  /** A new server origin with the secret left empty: the stored secret never follows a URL change. */
  | 'secret-required'
  | 'gone'
  | 'interrupted'
  | 'no-page'
  | 'invalid-secret'
  | 'unknown';

export type ErrorKind = MySafeErrorKind | OwnErrorKind;

/** An error as plain data, for the page to put into words (see src/ui/error-text.ts). */
export interface UiError {
  kind: ErrorKind;
  field?: string;
  retryable?: boolean;
  /** The save is queued: the background tries again by itself when MySafe can be reached. */
  willRetry?: boolean;
}

/** An answer that either holds a value or says what went wrong. */
export type Result<T = void> = { ok: true; value: T } | { ok: false; error: UiError };
