import type { Capture } from '../capture/types';

// Messages the extension's own pages (popup, options) send to the background, and the answers.
// The background accepts them only from senders whose URL is inside the extension.

/** An error as plain data, for the page to put into words (see src/ui/error-text.ts). */
export interface UiError {
  /**
   * A MySafeError kind, or one of the extension's own: 'invalid-url', 'not-https', 'not-configured', 'missing-values',
   * 'secret-required' (a new server origin with the secret left empty), 'unknown'.
   */
  kind: string;
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

export type UiRequest =
  | { type: 'get-settings' }
  /** An empty clientSecret keeps the stored one, for the same server origin only. */
  | { type: 'save-settings'; baseUrl: string; clientId: string; clientSecret: string }
  | { type: 'get-captures' }
  | { type: 'save-capture'; id: string; values: EntryValues }
  | { type: 'dismiss-capture'; id: string };

export interface CapturesView {
  configured: boolean;
  /** Every capture, with its state: pending, saving, queued for a retry, failed, or saved a moment ago. */
  captures: Capture[];
}

export type Result<T = void> = { ok: true; value: T } | { ok: false; error: UiError };

export interface UiResponses {
  'get-settings': SettingsView;
  'save-settings': Result;
  'get-captures': CapturesView;
  'save-capture': Result<{ identifier: string }>;
  'dismiss-capture': Result;
}

const UI_TYPES = ['get-settings', 'save-settings', 'get-captures', 'save-capture', 'dismiss-capture'];

export function isUiRequest(value: unknown): value is UiRequest {
  return !!value && typeof value === 'object' && UI_TYPES.includes((value as { type?: unknown }).type as string);
}
