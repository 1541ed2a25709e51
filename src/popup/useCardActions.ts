import { useRef, useState } from 'preact/hooks';
import type { Capture } from '../capture/types';
import { ask } from '../protocol/send';
import type { UiError } from '../protocol/ui';

export type CardStatus = { state: 'saving' } | { state: 'saved' } | { state: 'error'; error: UiError };

interface Options {
  onSaving(capture: Capture): void;
  onDismissed(id: string): void;
  /** Saved elsewhere (by the background): the card saves nothing more. */
  savedElsewhere?: boolean;
}

/**
 * A card's Save and Dismiss: one save at a time (a double click sends one request), its status (saving, saved, or
 * the error), nothing more once saved; Dismiss drops the capture.
 */
export function useCardActions(capture: Capture, { onSaving, onDismissed, savedElsewhere = false }: Options) {
  const [status, setStatus] = useState<CardStatus | undefined>();
  // Set synchronously, so a double click sends one request even before the page re-renders.
  const busy = useRef(false);
  const saved = status?.state === 'saved' || savedElsewhere;

  /** Sends the request `send` makes, unless a save is under way or done. */
  const save = async (send: () => Promise<{ ok: true } | { ok: false; error: UiError }>) => {
    if (busy.current || saved) return;
    busy.current = true;
    setStatus({ state: 'saving' });
    onSaving(capture);
    try {
      const result = await send();
      setStatus(result.ok ? { state: 'saved' } : { state: 'error', error: result.error });
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

  return { status, setStatus, saved, save, dismiss };
}
