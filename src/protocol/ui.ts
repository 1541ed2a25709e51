import type { Capture } from '../capture/types';
import type { MySafeErrorKind } from '../mysafe';

// What the extension's own pages and the background exchange (the messages themselves: src/protocol/messages.ts).

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

export interface SettingsView {
  baseUrl: string;
  clientId: string;
  /** Whether a Client Secret is stored; the secret itself never leaves the background. */
  hasSecret: boolean;
}

/** What the popup sends when the user saves a capture: the card's values as edited. */
export interface EntryValues {
  name: string;
  url: string;
  username: string;
  password: string;
  notes: string;
  tags: string;
  /** 'new', or the identifier of the entry to update. */
  target: string;
  /** An authenticator key (base32) scanned for this login: saved as the entry's secret_key. */
  secretKey?: string;
  /** Sharing; left out: not edited. */
  users_allowed?: { username: string; can_edit?: boolean }[];
  groups_allowed?: { name: string; can_edit?: boolean }[];
}

export interface CapturesView {
  configured: boolean;
  /** Every capture, with its state: pending, saving, queued for a retry, failed, or saved a moment ago. */
  captures: Capture[];
}

export type Result<T = void> = { ok: true; value: T } | { ok: false; error: UiError };

