import { useEffect, useRef, useState } from 'preact/hooks';
import type { Capture } from '../shared/capture';
import { defaultEntryName } from '../shared/capture-source';
import { errorMessages } from '../shared/error-text';
import { t } from '../shared/i18n';
import type { TotpTargetView, TotpValues } from '../shared/otp-messages';
import { normaliseSecret } from '../shared/otpauth';
import { ask } from '../shared/ui-client';
import type { UiError } from '../shared/ui-messages';
import { TotpCode } from './TotpCode';
import { askOtp } from './TotpMessages';

type Status = { state: 'saving' } | { state: 'saved' } | { state: 'error'; error: UiError };

function statusText(status: Status): string {
  if (status.state === 'saving') return t('captureSaving');
  if (status.state === 'saved') return t('captureSaved');
  if (status.error.kind === 'invalid-secret') return t('otpErrInvalidSecret');
  return errorMessages(status.error, 'settings')
    .map((m) => t(m.key, m.substitutions))
    .join(' ');
}

function questionText(view: TotpTargetView | undefined): string {
  if (!view) return t('totpQuestionSave');
  if (view.question === 'add-totp') return t('totpQuestionAdd', [view.username]);
  if (view.question === 'update-totp') return t('totpQuestionUpdate', [view.username]);
  if (view.question === 'none') return t('totpQuestionNone');
  return t('totpQuestionSave');
}

interface Props {
  capture: Capture;
  /** Called as a save starts: the card must stay even when the capture leaves the pending list. */
  onSaving(capture: Capture): void;
  onDismissed(id: string): void;
}

/**
 * A scanned (or typed-in) authenticator key: its issuer and account, the secret (hidden until revealed), the live
 * code, and where it goes. An existing entry gets only the key; a new entry needs the site's username and password.
 */
export function TotpCard({ capture, onSaving, onDismissed }: Props) {
  const key = capture.totp!;
  const [values, setValues] = useState<TotpValues>(() => ({
    target: 'new',
    secret: key.secret,
    name: key.issuer || defaultEntryName(capture.url),
    url: capture.url,
    username: key.account,
    password: '',
  }));
  const [view, setView] = useState<TotpTargetView | undefined>();
  const [revealed, setRevealed] = useState({ secret: false, password: false });
  const [status, setStatus] = useState<Status | undefined>();
  const busy = useRef(false);
  const id = (field: string) => `${field}-${capture.id}`;
  const saved = status?.state === 'saved';

  useEffect(() => {
    askOtp({ type: 'otp-target', id: capture.id })
      .then((result) => {
        if (!result.ok) return;
        setView(result.value);
        // The entry decide() picked is preselected; the user may pick another, or a new entry.
        setValues((current) => ({ ...current, target: result.value.options[0]?.value ?? 'new' }));
      })
      .catch(() => {});
  }, [capture.id]);

  const field = (name: keyof TotpValues) => ({
    id: id(name),
    value: values[name],
    disabled: saved,
    onInput: (e: Event) => setValues({ ...values, [name]: (e.currentTarget as HTMLInputElement).value }),
  });

  const save = async () => {
    if (busy.current || saved) return;
    busy.current = true;
    setStatus({ state: 'saving' });
    onSaving(capture);
    try {
      const result = await askOtp({ type: 'otp-save', id: capture.id, values });
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

  const options = view?.options ?? [{ value: 'new' }];
  const secret = normaliseSecret(values.secret);
  const shownKey = secret ? { ...key, secret } : key;
  const host = capture.origin.startsWith('http') ? new URL(capture.origin).host : capture.url;

  return (
    <section class="capture" data-testid="capture" data-kind="totp" data-origin={capture.origin} aria-labelledby={id('title')}>
      <h2 id={id('title')}>
        {t('kindTotp')} <span class="origin">{host}</span>
      </h2>
      <p data-testid="totp-question">{questionText(view)}</p>
      <dl class="totp-account">
        <dt>{t('totpIssuer')}</dt>
        <dd data-testid="totp-issuer">{key.issuer || '—'}</dd>
        <dt>{t('totpAccount')}</dt>
        <dd data-testid="totp-account">{key.account || '—'}</dd>
      </dl>
      <label for={id('secret')}>{t('fieldSecret')}</label>
      <div class="with-button">
        <input data-testid="capture-secret" type={revealed.secret ? 'text' : 'password'} autocomplete="off" spellcheck={false} {...field('secret')} />
        <button
          type="button"
          data-testid="capture-secret-reveal"
          aria-pressed={revealed.secret}
          aria-controls={id('secret')}
          onClick={() => setRevealed({ ...revealed, secret: !revealed.secret })}
        >
          {revealed.secret ? t('hidePassword') : t('showPassword')}
        </button>
      </div>
      {!secret && <p class="warning small">{t('otpErrInvalidSecret')}</p>}
      <TotpCode totp={shownKey} />
      <label for={id('target')}>{t('fieldTarget')}</label>
      <select data-testid="capture-target" {...field('target')}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.value === 'new' ? t('targetNew') : t('totpTargetEntry', [option.name ?? '', option.username ?? ''])}
          </option>
        ))}
      </select>
      {values.target === 'new' && (
        <fieldset class="new-entry">
          <p class="muted small">{t('totpNeedsLogin')}</p>
          <label for={id('name')}>{t('fieldName')}</label>
          <input data-testid="capture-name" {...field('name')} />
          <label for={id('url')}>{t('fieldUrl')}</label>
          <input data-testid="capture-url" type="url" {...field('url')} />
          <label for={id('username')}>{t('fieldUsername')}</label>
          <input data-testid="capture-username" autocomplete="off" {...field('username')} />
          <label for={id('password')}>{t('fieldPassword')}</label>
          <div class="with-button">
            <input data-testid="capture-password" type={revealed.password ? 'text' : 'password'} autocomplete="off" {...field('password')} />
            <button
              type="button"
              data-testid="capture-reveal"
              aria-pressed={revealed.password}
              aria-controls={id('password')}
              onClick={() => setRevealed({ ...revealed, password: !revealed.password })}
            >
              {revealed.password ? t('hidePassword') : t('showPassword')}
            </button>
          </div>
        </fieldset>
      )}
      {!saved && (
        <div class="actions">
          <button class="primary" type="button" data-testid="capture-save" onClick={save} disabled={status?.state === 'saving' || !secret}>
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
