import type { Capture } from '../capture/types';

// What the popup's list of captures carries (the messages themselves: src/protocol/messages.ts; errors and results:
// src/errors; the save capability's views: src/save/types.ts; the values of a capture to save: EntryValues in
// src/capture/types.ts).

export interface CapturesView {
  configured: boolean;
  /** Every capture, with its state: pending, saving, queued for a retry, failed, or saved a moment ago. */
  captures: Capture[];
  /** Whether the QR scan is offered (the administrator's policy may turn it off). */
  qrScanning: boolean;
}
