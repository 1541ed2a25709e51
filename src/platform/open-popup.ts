import browser from 'webextension-polyfill';
import { update } from './storage';

// Firefox 153 ESR's extension process crashed (signal 11, in the popup page) in about half of the captures after which
// the background opened the popup: there the popup is never opened by the background, and the toolbar button (pinned
// to the toolbar in the Firefox build, see vite.config.ts) shows the count. Only Firefox has runtime.getBrowserInfo.
const openingIsSafe = !('getBrowserInfo' in browser.runtime);

/** Opens the toolbar popup where the browser allows it and it is safe; elsewhere the badge shows the capture. */
export async function openPopupWhereSafe(): Promise<void> {
  if (!openingIsSafe) return;
  try {
    // Chrome opens the popup without a click only in some cases.
    await browser.action.openPopup();
  } catch {
    // Not allowed here: the user opens the popup from the badge.
  }
}

type RuntimeWithContexts = { getContexts?: (filter: { contextTypes: string[] }) => Promise<unknown[]> };

/** Whether the toolbar popup is open now (Chromium 116+ can tell; elsewhere it counts as closed). */
async function popupIsOpen(): Promise<boolean> {
  const runtime = browser.runtime as unknown as RuntimeWithContexts;
  try {
    return ((await runtime.getContexts?.({ contextTypes: ['POPUP'] })) ?? []).length > 0;
  } catch {
    return false;
  }
}

/**
 * After a submission: the popup opens by itself at most once per page load of a tab, and never while it is open, so a
 * page that submits again and again cannot make it jump up each time the user closes it. The badge counts the rest.
 */
export async function openPopupOncePerPage(tabId: number): Promise<void> {
  if (!openingIsSafe) return;
  let first = false;
  await update('popup-opened-tabs', (tabs = []) => {
    if (tabs.includes(tabId)) return tabs;
    first = true;
    return [...tabs, tabId].slice(-100);
  });
  if (first && !(await popupIsOpen())) await openPopupWhereSafe();
}

/** A tab loads a new page: a submission there may open the popup once again. */
async function forgetPopupOpened(tabId: number): Promise<void> {
  await update('popup-opened-tabs', (tabs) => (tabs?.includes(tabId) ? tabs.filter((id) => id !== tabId) : tabs));
}

/** Forgets a tab's opened popup when the tab loads a new page (called once by the background). */
export function register(): void {
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading') forgetPopupOpened(tabId).catch(() => {});
  });
}
