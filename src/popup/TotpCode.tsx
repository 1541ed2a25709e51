import { useEffect, useState } from 'preact/hooks';
import type { TotpKey } from '../capture/types';
import { t } from '../platform/i18n';
import { currentCode, settingsMySafeIgnores } from '../totp/otpauth';
import { normaliseSecret } from '../capture/same';
import './TotpCard.css';

/**
 * The code a key gives now and the seconds it has left, renewed every second, so the user can finish the site's
 * two-factor setup with it. An HOTP key gets no code: MySafe does not produce them.
 */
export function TotpCode({ totp }: { totp: TotpKey }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  const ignored = settingsMySafeIgnores(totp).filter((setting) => setting !== 'type');
  if (!normaliseSecret(totp.secret)) return null;
  const live = currentCode(totp, now);
  return (
    <div class="totp">
      {live.code === null ? (
        <p class="warning" data-testid="totp-hotp">
          {t('totpHotp')}
        </p>
      ) : (
        <p>
          {t('totpCurrentCode')}{' '}
          <strong class="code" data-testid="totp-code">
            {live.code}
          </strong>{' '}
          <span class="muted" data-testid="totp-countdown">
            {t('totpSecondsLeft', [String(live.secondsLeft)])}
          </span>
        </p>
      )}
      {ignored.length > 0 && (
        <p class="warning small" data-testid="totp-settings-warning">
          {t('totpSettingsIgnored')}
        </p>
      )}
    </div>
  );
}

/** A scanned key put on a login card: it is saved with the login, as the entry's `secret_key`. */
export function TotpAttachment({ totp }: { totp: TotpKey }) {
  const [revealed, setRevealed] = useState(false);
  const label = [totp.issuer, totp.account].filter(Boolean).join(' — ');
  return (
    <fieldset class="totp-attached" data-testid="capture-totp">
      <legend>{t('totpAttachedTitle')}</legend>
      {label && <p class="muted small">{label}</p>}
      <div class="with-button">
        <input
          data-testid="capture-secret"
          aria-label={t('fieldSecret')}
          type={revealed ? 'text' : 'password'}
          value={totp.secret}
          readOnly
          autocomplete="off"
        />
        <button type="button" data-testid="capture-secret-reveal" aria-pressed={revealed} onClick={() => setRevealed(!revealed)}>
          {revealed ? t('hidePassword') : t('showPassword')}
        </button>
      </div>
      <TotpCode totp={totp} />
    </fieldset>
  );
}
