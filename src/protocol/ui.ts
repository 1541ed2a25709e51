import type { Capture } from '../capture/types';
import type { UiError } from './errors';
import type { LockableKey, PolicyProblem } from '../save/managed';

// What the extension's own pages and the background exchange (the messages themselves: src/protocol/messages.ts;
// errors: ./errors.ts; the values of a capture to save: EntryValues in src/capture/types.ts).

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

export interface CapturesView {
  configured: boolean;
  /** Every capture, with its state: pending, saving, queued for a retry, failed, or saved a moment ago. */
  captures: Capture[];
  /** Whether the QR scan is offered (the administrator's policy may turn it off). */
  qrScanning: boolean;
}

export type Result<T = void> = { ok: true; value: T } | { ok: false; error: UiError };

