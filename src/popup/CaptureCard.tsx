import { useRef, useState } from 'preact/hooks';
import type { Capture } from '../shared/capture';
import { defaultEntryName } from '../shared/capture-source';
import { errorMessages } from '../shared/error-text';
import { t } from '../shared/i18n';
import { ask } from '../shared/ui-client';
import type { EntryValues, UiError } from '../shared/ui-messages';
import { TotpAttachment } from './TotpCode';

type Status = { state: 'saving' } | { state: 'saved' } | { state: 'error'; error: UiError };

const KIND_TITLES: Record<Capture['kind'], string> = {
  login: 'kindLogin',
  signup: 'kindSignup',
  change: 'kindChange',
  totp: 'kindTotp',
};

function statusText(status: Status): string {
  if (status.state === 'saving') return t('captureSaving');
  if (status.state === 'saved') return t('captureSaved');
  return errorMessages(status.error, 'capture')
    .map((m) => t(m.key, m.substitutions))
    .join(' ');
}

export function initialValues(capture: Capture): EntryValues {
  return {
    name: defaultEntryName(capture.url),
    url: capture.url,
    username: capture.username,
    password: capture.password,
    notes: '',
    tags: '',
    target: 'new',
  };
}

interface Props {
  capture: Capture;
  /** Called as a save starts: the card must stay even when the capture leaves the pending list. */
  onSaving(capture: Capture): void;
  onDismissed(id: string): void;
}

/** One pending capture: its values, editable, and Save / Dismiss. */
export function CaptureCard({ capture, onSaving, onDismissed }: Props) {
  const [values, setValues] = useState<EntryValues>(() => initialValues(capture));
  const [revealed, setRevealed] = useState(false);
  const [status, setStatus] = useState<Status | undefined>();
  // Set synchronously, so a double click sends one request even before the page re-renders.
  const busy = useRef(false);
  const id = (field: string) => `${field}-${capture.id}`;
  const saved = status?.state === 'saved';

  const field = (key: keyof EntryValues) => ({
    id: id(key),
    value: values[key],
    disabled: saved,
    onInput: (e: Event) => setValues({ ...values, [key]: (e.currentTarget as HTMLInputElement).value }),
  });

  const save = async () => {
    if (busy.current || saved) return;
    busy.current = true;
    setStatus({ state: 'saving' });
    onSaving(capture);
    try {
      // A key scanned from the site's QR code while this login was pending is saved with it.
      const withKey = capture.totp ? { ...values, secretKey: capture.totp.secret } : values;
      const result = await ask({ type: 'save-capture', id: capture.id, values: withKey });
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

  return (
    <section
      class="capture"
      data-testid="capture"
      data-kind={capture.kind}
      data-origin={capture.origin}
      aria-labelledby={id('title')}
    >
      <h2 id={id('title')}>
        {t(KIND_TITLES[capture.kind])} <span class="origin">{new URL(capture.origin).host}</span>
      </h2>
      {capture.origin !== capture.topOrigin && (
        <p class="muted small">{t('captureInFrame', [new URL(capture.topOrigin).host])}</p>
      )}
      <label for={id('name')}>{t('fieldName')}</label>
      <input data-testid="capture-name" {...field('name')} />
      <label for={id('url')}>{t('fieldUrl')}</label>
      <input data-testid="capture-url" type="url" {...field('url')} />
      <label for={id('username')}>{t('fieldUsername')}</label>
      <input data-testid="capture-username" autocomplete="off" {...field('username')} />
      <label for={id('password')}>{t('fieldPassword')}</label>
      <div class="with-button">
        <input data-testid="capture-password" type={revealed ? 'text' : 'password'} autocomplete="off" {...field('password')} />
        <button
          type="button"
          data-testid="capture-reveal"
          aria-pressed={revealed}
          aria-controls={id('password')}
          onClick={() => setRevealed(!revealed)}
        >
          {revealed ? t('hidePassword') : t('showPassword')}
        </button>
      </div>
      {capture.totp && <TotpAttachment totp={capture.totp} />}
      <label for={id('notes')}>{t('fieldNotes')}</label>
      <textarea data-testid="capture-notes" rows={2} {...field('notes')} />
      <label for={id('tags')}>{t('fieldTags')}</label>
      <input data-testid="capture-tags" placeholder={t('fieldTagsHint')} {...field('tags')} />
      <label for={id('target')}>{t('fieldTarget')}</label>
      <select data-testid="capture-target" {...field('target')}>
        <option value="new">{t('targetNew')}</option>
      </select>
      {!saved && (
        <div class="actions">
          <button class="primary" type="button" data-testid="capture-save" onClick={save} disabled={status?.state === 'saving'}>
            {t('captureSave')}
          </button>
          <button type="button" data-testid="capture-dismiss" onClick={dismiss} disabled={status?.state === 'saving'}>
            {t('captureDismiss')}
          </button>
        </div>
      )}
      <p class="status" role="status" aria-live="polite" data-testid="capture-status" data-state={status?.state}>
        {status ? statusText(status) : ''}
      </p>
    </section>
  );
}
