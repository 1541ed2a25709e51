import { useEffect, useRef } from 'preact/hooks';
import { t } from '../platform/i18n';

interface Props {
  /** Saved: only Done is left. */
  saved: boolean;
  /** A save is under way: the buttons wait. */
  saving: boolean;
  /** The Save button's words (Save, Update). */
  saveLabel?: string;
  /** False keeps Save disabled (a key that is not base32). */
  canSave?: boolean;
  onSave(): void;
  /** Not now, and Done: the card leaves. */
  onDismiss(): void;
  /** Never for this site; left out on cards that have no site to refuse. */
  onNever?(): void;
}

/**
 * A card's buttons: Save, Not now and Never while it asks; Done once saved. Done takes the focus the gone Save button
 * had, so a keyboard user is not sent back to the top of the popup.
 */
export function CardActions({ saved, saving, saveLabel, canSave = true, onSave, onDismiss, onNever }: Props) {
  const done = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (saved && (document.activeElement === document.body || document.activeElement === null)) done.current?.focus();
  }, [saved]);

  if (saved) {
    return (
      <div class="actions">
        <button ref={done} class="primary" type="button" data-testid="capture-done" onClick={onDismiss}>
          {t('captureDone')}
        </button>
      </div>
    );
  }
  return (
    <div class="actions">
      <button class="primary" type="button" data-testid="capture-save" onClick={onSave} disabled={saving || !canSave}>
        {saveLabel ?? t('captureSave')}
      </button>
      <button type="button" data-testid="capture-dismiss" onClick={onDismiss} disabled={saving}>
        {t('captureDismiss')}
      </button>
      {onNever && (
        <button type="button" class="link never" data-testid="capture-never" onClick={onNever} disabled={saving}>
          {t('captureNever')}
        </button>
      )}
    </div>
  );
}
