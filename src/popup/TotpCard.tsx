import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Capture } from '../capture/types';
import { hostOf } from '../platform/origin';
import { ask } from '../protocol/send';
import { defaultEntryName } from '../capture/source';
import { errorText } from '../ui/error-words';
import { t } from '../platform/i18n';
import type { TotpValues } from '../totp/types';
import { normaliseSecret } from '../capture/same';
import type { DecisionView } from '../save/types';
import { TotpCode } from './TotpCode';
import { useCardActions, type CardStatus } from './useCardActions';
import { CardActions } from './CardActions';

function statusText(status: CardStatus): string {
  if (status.state === 'saving') return t('captureSaving');
  if (status.state === 'saved') return t('savedKey');
  if (status.error.kind === 'invalid-secret') return t('otpErrInvalidSecret');
  return errorText(status.error, 'settings');
}

/** The question for the target picked: a new entry, the entry that already holds the key, or one to add it to. */
function questionText(decision: DecisionView | undefined, target: string): string {
  if (target === 'new' || !decision) return t('totpQuestionSave');
  if (decision.action === 'none' && decision.options[0]?.value === target) return t('totpQuestionNone');
  const option = decision.options.find((o) => o.value === target);
  const username = option?.username || option?.name || '';
  return t(decision.entries[target]?.hasSecretKey ? 'totpQuestionUpdate' : 'totpQuestionAdd', [username]);
}

/** Show / Hide for the hidden field `controls`. */
function RevealButton({ testId, controls, shown, onToggle }: { testId: string; controls: string; shown: boolean; onToggle(): void }) {
  return (
    <button type="button" data-testid={testId} aria-pressed={shown} aria-controls={controls} onClick={onToggle}>
      {shown ? t('hidePassword') : t('showPassword')}
    </button>
  );
}

interface Props {
  capture: Capture;
  onDismissed(id: string): void;
  /** Called once the card has painted its first content (for the popup's performance mark). */
  onPainted?(): void;
}

/**
 * A scanned (or typed-in) authenticator key: its issuer and account, the secret (hidden until revealed), the live
 * code, and where it goes. An existing entry gets only the key; a new entry needs the site's username and password.
 */
export function TotpCard({ capture, onDismissed, onPainted }: Props) {
  const key = capture.totp!;
  const [values, setValues] = useState<TotpValues>(() => ({
    target: 'new',
    secret: key.secret,
    name: key.issuer || defaultEntryName(capture.url),
    url: capture.url,
    username: key.account,
    password: '',
  }));
  const [decision, setDecision] = useState<DecisionView | undefined>();
  const [revealed, setRevealed] = useState({ secret: false, password: false });
  const { status, saved, save: send, dismiss } = useCardActions(capture, { onDismissed });
  // Once the user picked a target, a late answer from MySafe does not change it.
  const picked = useRef(false);
  const id = (field: string) => `${field}-${capture.id}`;

  useLayoutEffect(() => onPainted?.(), []);

  // Where the key goes: the decision every capture gets (src/save/decision.ts) preselects the entry of this site
  // and account, if any; the user may pick another, or a new entry.
  useEffect(() => {
    let live = true;
    ask({ type: 'capture-decision', id: capture.id })
      .then((result) => {
        if (!live || !result.ok) return;
        setDecision(result.value);
        if (!picked.current) setValues((current) => ({ ...current, target: result.value.options[0]?.value ?? 'new' }));
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [capture.id]);

  const field = (name: keyof TotpValues) => ({
    id: id(name),
    value: values[name],
    onInput: (e: Event) => {
      if (name === 'target') picked.current = true;
      setValues({ ...values, [name]: (e.currentTarget as HTMLInputElement).value });
    },
  });

  const save = () => send(() => ask({ type: 'otp-save', id: capture.id, values }));

  const options = decision?.options ?? [{ value: 'new' }];
  const secret = normaliseSecret(values.secret);
  const shownKey = secret ? { ...key, secret } : key;

  return (
    <section class={saved ? 'capture finished' : 'capture'} data-testid="capture" data-kind="totp" data-origin={capture.origin} aria-labelledby={id('title')}>
      <header class="card-head">
        <h2 id={id('title')} data-testid="totp-question">
          {saved ? t('savedKey') : questionText(decision, values.target)}
        </h2>
        <p class="site">
          <span class="kind">{t('kindTotp')}</span>
          <span class="origin" title={capture.origin}>
            {hostOf(capture.origin) || capture.url}
          </span>
        </p>
      </header>
      {!saved && (
        <>
          {key.provenance && key.provenance.drawnBy !== 'page' && (
            <p class="notice" role="note" data-testid="totp-provenance">
              {key.provenance.drawnBy === 'frame'
                ? t('totpFromFrame', [key.provenance.host || t('totpFrameNoHost'), hostOf(capture.origin)])
                : t('totpFromUnknown')}
            </p>
          )}
          {key.issuerElsewhere && (
            <p class="notice" role="note" data-testid="totp-issuer-elsewhere">
              {t('totpIssuerElsewhere', [key.issuerElsewhere, hostOf(capture.origin)])}
            </p>
          )}
          <dl class="totp-account">
            <dt>{t('totpIssuer')}</dt>
            <dd data-testid="totp-issuer">{key.issuer || '—'}</dd>
            <dt>{t('totpAccount')}</dt>
            <dd data-testid="totp-account">{key.account || '—'}</dd>
          </dl>
          <label for={id('secret')}>{t('fieldSecret')}</label>
          <div class="with-button">
            <input data-testid="capture-secret" type={revealed.secret ? 'text' : 'password'} autocomplete="off" spellcheck={false} {...field('secret')} />
            <RevealButton testId="capture-secret-reveal" controls={id('secret')} shown={revealed.secret} onToggle={() => setRevealed({ ...revealed, secret: !revealed.secret })} />
          </div>
          {!secret && <p class="warning small">{t('otpErrInvalidSecret')}</p>}
          <TotpCode totp={shownKey} />
          <label for={id('target')}>{t('fieldTarget')}</label>
          <select data-testid="capture-target" {...field('target')}>
            {options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.value === 'new' ? t('targetNew') : t('targetUpdate', [option.name ?? '', option.username || '—'])}
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
                <RevealButton testId="capture-reveal" controls={id('password')} shown={revealed.password} onToggle={() => setRevealed({ ...revealed, password: !revealed.password })} />
              </div>
            </fieldset>
          )}
        </>
      )}
      <CardActions saved={saved} saving={status?.state === 'saving'} canSave={!!secret} onSave={save} onDismiss={dismiss} />
      <p class={saved ? 'status visually-hidden' : 'status'} role="status" aria-live="polite" data-testid="capture-status" data-state={status?.state}>
        {status ? statusText(status) : ''}
      </p>
      {status?.state === 'queued' && (
        <p class="muted small" data-testid="capture-will-retry">
          {t('captureWillRetry')}
        </p>
      )}
    </section>
  );
}
