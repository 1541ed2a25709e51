import { useEffect, useState } from 'preact/hooks';
import { t } from '../platform/i18n';
import type { ScanSummary } from '../totp/scan-rules';
import { ask } from '../protocol/send';
import { scanText } from './TotpMessages';

type ScanState = { state: 'scanning' } | { state: 'done' | 'error'; text: string };

function shown(summary: ScanSummary): ScanState {
  const { ok, text } = scanText(summary);
  return { state: ok ? 'done' : 'error', text };
}

/**
 * "Two-factor key": "Scan the QR code on this page", and a small form to paste an otpauth:// link or type a secret key. The keys found
 * become cards below (the background adds the captures); this panel says what the scan came to.
 */
export function ScanPanel({ tabId }: { tabId: number | undefined }) {
  const [scan, setScan] = useState<ScanState | undefined>();
  const [manual, setManual] = useState('');

  // What a right-click "Add authenticator key to MySafe" on this tab just found.
  useEffect(() => {
    if (tabId === undefined) return;
    ask({ type: 'otp-last-scan', tabId })
      .then((summary) => summary && setScan(shown(summary)))
      .catch(() => {});
  }, [tabId]);

  const run = async (request: () => Promise<ScanSummary>) => {
    setScan({ state: 'scanning' });
    try {
      setScan(shown(await request()));
    } catch {
      setScan({ state: 'error', text: t('scanCaptureFailed') });
    }
  };

  const scanPage = () => tabId !== undefined && run(() => ask({ type: 'otp-scan-tab', tabId }));

  const addManual = (e: Event) => {
    e.preventDefault();
    if (tabId === undefined || !manual.trim()) return;
    run(async () => {
      const summary = await ask({ type: 'otp-add-manual', tabId, text: manual });
      if (summary.added + summary.attached + summary.known > 0) setManual('');
      return summary;
    });
  };

  return (
    <section class="scan tool-group" aria-labelledby="key-tools">
      <h2 id="key-tools">{t('popupGroupKey')}</h2>
      <div class="tool-buttons">
        <button type="button" data-testid="scan-qr" onClick={scanPage} disabled={tabId === undefined || scan?.state === 'scanning'}>
          {t('scanQr')}
        </button>
        <details>
          <summary class="button" data-testid="manual-key-toggle">
            {t('manualToggle')}
          </summary>
          <form onSubmit={addManual}>
            <label for="manual-key">{t('manualLabel')}</label>
            <textarea
              id="manual-key"
              data-testid="manual-key"
              rows={2}
              autocomplete="off"
              spellcheck={false}
              value={manual}
              onInput={(e) => setManual((e.currentTarget as HTMLTextAreaElement).value)}
            />
            <button type="submit" data-testid="manual-add" disabled={tabId === undefined}>
              {t('manualAdd')}
            </button>
          </form>
        </details>
      </div>
      <p class="status" role="status" aria-live="polite" data-testid="scan-status" data-state={scan?.state}>
        {scan?.state === 'scanning' ? t('scanScanning') : (scan?.text ?? '')}
      </p>
    </section>
  );
}
