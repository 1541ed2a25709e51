import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { errorMessages } from '../shared/error-text';
import { t } from '../shared/i18n';
import { ask } from '../shared/ui-client';
import type { UiError } from '../shared/ui-messages';
import '../shared/theme.css';
import './options.css';

type Status = { state: 'checking' } | { state: 'ok' } | { state: 'error'; error: UiError };

function statusText(status: Status): string {
  if (status.state === 'checking') return t('settingsChecking');
  if (status.state === 'ok') return t('settingsConnected');
  return errorMessages(status.error, 'settings')
    .map((m) => t(m.key, m.substitutions))
    .join(' ');
}

function Options() {
  const [baseUrl, setBaseUrl] = useState('');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [hasSecret, setHasSecret] = useState(false);
  const [status, setStatus] = useState<Status | undefined>();
  // The form waits for the stored settings, so that they never overwrite what the user already typed.
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    ask({ type: 'get-settings' }).then((view) => {
      setBaseUrl(view.baseUrl);
      setClientId(view.clientId);
      setHasSecret(view.hasSecret);
      setLoaded(true);
    });
  }, []);

  const save = async (event: Event) => {
    event.preventDefault();
    setStatus({ state: 'checking' });
    const result = await ask({ type: 'save-settings', baseUrl, clientId, clientSecret });
    const view = await ask({ type: 'get-settings' });
    setHasSecret(view.hasSecret);
    if (view.baseUrl) setBaseUrl(view.baseUrl);
    // The secret is not kept in the page once the background has it.
    setClientSecret('');
    setStatus(result.ok ? { state: 'ok' } : { state: 'error', error: result.error });
  };

  return (
    <main>
      <h1>{t('optionsTitle')}</h1>
      <p class="muted">{t('optionsIntro')}</p>
      <form onSubmit={save} noValidate>
        <fieldset disabled={!loaded}>
          <label for="server-url">{t('serverUrl')}</label>
          <input
            id="server-url"
            data-testid="server-url"
            type="url"
            required
            placeholder="https://vault.example.com"
            value={baseUrl}
            onInput={(e) => setBaseUrl(e.currentTarget.value)}
            aria-describedby="server-url-hint"
          />
          <p id="server-url-hint" class="hint muted">{t('serverUrlHint')}</p>
          <label for="client-id">{t('clientId')}</label>
          <input
            id="client-id"
            data-testid="client-id"
            required
            autocomplete="off"
            value={clientId}
            onInput={(e) => setClientId(e.currentTarget.value)}
          />
          <label for="client-secret">{t('clientSecret')}</label>
          <input
            id="client-secret"
            data-testid="client-secret"
            type="password"
            autocomplete="off"
            required={!hasSecret}
            placeholder={hasSecret ? t('clientSecretKept') : ''}
            value={clientSecret}
            onInput={(e) => setClientSecret(e.currentTarget.value)}
          />
          <div class="actions">
            <button class="primary" type="submit" data-testid="save-settings" disabled={status?.state === 'checking'}>
              {t('saveSettings')}
            </button>
            <p class="status" role="status" aria-live="polite" data-testid="settings-status" data-state={status?.state}>
              {status ? statusText(status) : ''}
            </p>
          </div>
        </fieldset>
      </form>
    </main>
  );
}

document.documentElement.lang = t('@@ui_locale').replace('_', '-');
document.title = t('optionsTitle');
render(<Options />, document.getElementById('app')!);
