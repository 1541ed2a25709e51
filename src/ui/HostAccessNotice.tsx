import { useEffect, useState } from 'preact/hooks';
import { hasHostAccess, requestHostAccess, watchHostAccess } from '../platform/host-access';
import { t } from '../platform/i18n';

/**
 * Shown by the popup and the options page while the extension may not read the sites the user visits: capture is
 * off, and one click asks the browser for the access. Nothing is shown while the access is there.
 */
export function HostAccessNotice() {
  const [granted, setGranted] = useState<boolean | undefined>();
  const [refused, setRefused] = useState(false);

  useEffect(() => {
    hasHostAccess().then(setGranted, () => setGranted(true));
    return watchHostAccess(setGranted);
  }, []);

  if (granted !== false) return null;
  const ask = () => {
    // No await before the request: the browser asks the user only within the click.
    requestHostAccess().then(
      (ok) => {
        setRefused(!ok);
        if (ok) setGranted(true);
      },
      () => setRefused(true),
    );
  };
  return (
    <div class="host-access" role="alert" data-testid="host-access">
      <p>{t('hostAccessOff')}</p>
      <button type="button" class="primary" data-testid="host-access-grant" onClick={ask}>
        {t('hostAccessGrant')}
      </button>
      {refused && (
        <p class="status" data-state="error" data-testid="host-access-status">
          {t('hostAccessRefused')}
        </p>
      )}
    </div>
  );
}
