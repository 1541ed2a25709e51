import { typedStorage, type Areas } from '../platform/storage';
import type { StagedSteps } from './steps';
import type { Capture } from './types';

// The keys the capture capability stores, each with its type and area (the whole schema: src/protocol/storage.ts).
// All in storage.session: captures hold passwords, and none of this should outlive the browser session.

export interface CaptureKeys {
  /** Every capture, whatever its state (src/capture/store.ts). */
  'pending-captures': Capture[];
  /** Username steps of two-step logins, waiting for their password step (src/capture/steps.ts). */
  'username-steps': StagedSteps;
  /** Tabs whose current page has had the popup opened by a submission (src/capture/popup-once.ts). */
  'popup-opened-tabs': number[];
}

export const CAPTURE_AREAS: Areas<CaptureKeys> = {
  'pending-captures': 'session',
  'username-steps': 'session',
  'popup-opened-tabs': 'session',
};

// update() here and the whole schema's (src/protocol/storage.ts) share one queue per key name (src/platform/storage.ts).
export const { read, update } = typedStorage<CaptureKeys>(CAPTURE_AREAS);
