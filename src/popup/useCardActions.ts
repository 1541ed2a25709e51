import { useEffect, useRef, useState } from 'preact/hooks';
import type { Capture, CaptureState } from '../capture/types';
import { ask } from '../protocol/send';
import type { UiError } from '../errors';

export type CardStatus =
  | { state: 'saving' }
  | { state: 'saved' }
  | { state: 'queued'; error: UiError }
  | { state: 'error'; error: UiError };

/** What a card says of its capture's state as the background keeps it (src/capture/types.ts). */
function statusOf(state: CaptureState): CardStatus | undefined {
  switch (state.status) {
    case 'pending':
      return undefined;
    case 'saving':
      return { state: 'saving' };
    case 'queued':
      return { state: 'queued', error: state.error };
    case 'failed':
      return { state: 'error', error: state.error };
    case 'saved':
      return { state: 'saved' };
  }
}

/** How long a card saved from this popup stays, saying what happened, before it leaves by itself (or Done). */
export const LEAVE_AFTER_SAVE_MS = 4000;

interface Options {
  onDismissed(id: string): void;
}

/**
 * A card's Save and Dismiss: one save at a time (a double click sends one request), its status (saving, saved,
 * queued for a retry, or the error), nothing more once saved; Dismiss drops the capture. The status is the capture's
 * state; the answer to this card's own request shows until the background's next list arrives. A card saved by its
 * own Save leaves by itself LEAVE_AFTER_SAVE_MS later; one saved by a background retry stays until Done, the news
 * being unseen until then.
 */
export function useCardActions(capture: Capture, { onDismissed }: Options) {
  const [answer, setAnswer] = useState<{ status: CardStatus; basis: CaptureState } | undefined>();
  // Set synchronously, so a double click sends one request even before the page re-renders.
  const busy = useRef(false);
  const status = answer && answer.basis === capture.state ? answer.status : statusOf(capture.state);
  const saved = status?.state === 'saved';
  const setStatus = (next: CardStatus) => setAnswer({ status: next, basis: capture.state });
  const [savedHere, setSavedHere] = useState(false);

  /** Sends the request `send` makes, unless a save is under way or done. */
  const save = async (send: () => Promise<{ ok: true } | { ok: false; error: UiError }>) => {
    if (busy.current || saved) return;
    busy.current = true;
    setStatus({ state: 'saving' });
    try {
      const result = await send();
      if (result.ok) {
        setStatus({ state: 'saved' });
        setSavedHere(true);
      }
      else setStatus(result.error.willRetry ? { state: 'queued', error: result.error } : { state: 'error', error: result.error });
    } catch {
      setStatus({ state: 'error', error: { kind: 'unknown', retryable: true } });
    } finally {
      busy.current = false;
    }
  };

  const dismiss = async () => {
    await ask({ type: 'dismiss-capture', id: capture.id });
    onDismissed(capture.id);
  };

  useEffect(() => {
    if (!saved || !savedHere) return;
    const timer = setTimeout(dismiss, LEAVE_AFTER_SAVE_MS);
    return () => clearTimeout(timer);
  }, [saved, savedHere]);

  return { status, setStatus, saved, savedHere, save, dismiss };
}
