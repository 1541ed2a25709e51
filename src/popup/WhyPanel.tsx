import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { WhyReport } from '../capture/why';
import { t } from '../platform/i18n';
import { ask } from '../protocol/send';
import { formText, reasonText, reportText, rowContext } from './why-text';

const REFRESH_MS = 1000;

/**
 * "See why": what became of the tab's submissions of the last minutes, newest first, and a report to copy into a bug
 * report. Loaded only when asked (lazy.ts).
 */
export function WhyPanel({ tabId }: { tabId: number }) {
  const [report, setReport] = useState<WhyReport | undefined>();
  const [page, setPage] = useState('');
  const [copied, setCopied] = useState<boolean | undefined>();

  useEffect(() => {
    // The forms on the page are read once, when the panel opens: a pass over every frame is not repeated every second.
    const load = (withForms: boolean) =>
      ask({ type: 'why-report', tabId, withForms })
        .then((next) => setReport((last) => (withForms || !last ? next : { ...next, forms: last.forms, formsCut: last.formsCut })))
        .catch(() => setReport((last) => last ?? { rows: [], access: true, forms: [], formsCut: false }));
    void load(true);
    // The rows are kept up to date while open: a login tried again in the page shows here.
    const timer = setInterval(() => load(false), REFRESH_MS);
    browser.tabs
      .get(tabId)
      .then((tab) => setPage(tab.url ? new URL(tab.url).host : ''))
      .catch(() => {});
    return () => clearInterval(timer);
  }, [tabId]);

  if (!report) return <p class="muted small">{t('whyLoading')}</p>;

  const copy = async () => {
    const text = reportText(report, page, browser.runtime.getManifest().version, t);
    setCopied(await navigator.clipboard.writeText(text).then(() => true, () => false));
  };

  return (
    <div class="why" data-testid="see-why-report">
      {!report.access && (
        <p class="notice small" data-reason="no-access">
          {t('whyNoAccess')}
        </p>
      )}
      {report.rows.length === 0 ? (
        <p class="muted small">{t('whyNone')}</p>
      ) : (
        <ol class="why-rows">
          {report.rows.map((row) => (
            <li key={`${row.at}-${row.reason}`} data-reason={row.reason} data-kind={row.kind}>
              <span class="why-reason">{reasonText(row, t)}</span>
              <span class="muted small">{rowContext(row, t)}</span>
            </li>
          ))}
        </ol>
      )}
      {report.access && (
        <>
          <h3 class="why-title">{t('whyFormsTitle')}</h3>
          {report.forms.length === 0 ? (
            <p class="muted small">{t('whyFormsNone')}</p>
          ) : (
            <ul class="why-rows" data-testid="see-why-forms">
              {report.forms.map((form, index) => (
                <li key={index} data-kind={form.kind} data-frame={form.top ? 'top' : 'frame'}>
                  {formText(form, t)}
                </li>
              ))}
            </ul>
          )}
          {report.formsCut && <p class="muted small">{t('whyFormsCut')}</p>}
        </>
      )}
      <div class="tool-buttons">
        <button type="button" data-testid="see-why-copy" onClick={copy}>
          {t('whyCopy')}
        </button>
        <span class="small" role="status">
          {copied === undefined ? '' : copied ? t('whyCopied') : t('whyCopyFailed')}
        </span>
      </div>
    </div>
  );
}
