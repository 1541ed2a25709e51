import browser from 'webextension-polyfill';
import { openingIsSafe, openPopupWhereSafe, popupIsOpen } from '../platform/open-popup';
import { update } from './storage';

// The popup after a submission, once per page load of a tab; the remembered tabs are in storage.session.

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
