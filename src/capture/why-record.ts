// The background's side of "See why": notes what became of each submission (./why.ts), answers the popup, and
// forgets a tab's rows when it goes to another site or closes.
import browser from 'webextension-polyfill';
import { hostOf } from '../platform/origin';
import { siteKey } from '../platform/site';
import { listFieldGroups } from './forms-in-page';
import { seenForms, type SeenForms } from './forms-seen';
import type { CaptureSource } from './source';
import { WhyLog, type WhyReport, type WhyRow } from './why';

const log = new WhyLog();

/** Notes what became of a submission from `source` (the browser's sender, never the message). */
export function noteWhy(source: Pick<CaptureSource, 'tabId' | 'origin' | 'topOrigin'>, row: Omit<WhyRow, 'at' | 'frame' | 'crossOrigin'>): void {
  log.note(source.tabId, siteKey(source.topOrigin), {
    at: Date.now(),
    frame: hostOf(source.origin),
    crossOrigin: source.origin !== source.topOrigin,
    ...row,
  });
}

/** The popup's `why-report` for a tab; the frames' forms only when asked (`withForms`), as they take a pass over every frame. */
export async function whyReport(tabId: number, withForms: boolean): Promise<WhyReport> {
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  const origin = tab?.url && /^https?:/.test(tab.url) ? `${new URL(tab.url).origin}/*` : undefined;
  const access = origin ? await browser.permissions.contains({ origins: [origin] }).catch(() => false) : false;
  const { forms, cut } = access && withForms ? await formsOfTab(tabId) : { forms: [], cut: false };
  return { rows: log.rows(tabId), access, forms, formsCut: cut };
}

/**
 * The login-like forms of every frame of the tab, read there now. A frame the extension may not enter is skipped; a
 * tab it may not enter at all lists none (the report says so by its access line, not by an error).
 */
async function formsOfTab(tabId: number): Promise<SeenForms> {
  try {
    return seenForms(await browser.scripting.executeScript({ target: { tabId, allFrames: true }, func: listFieldGroups }));
  } catch {
    return { forms: [], cut: false };
  }
}

/** The tab listeners that forget rows (called by src/background/index.ts). */
export function register(): void {
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.url) log.navigated(tabId, siteKey(change.url));
  });
  browser.tabs.onRemoved.addListener((tabId) => log.forget(tabId));
}
