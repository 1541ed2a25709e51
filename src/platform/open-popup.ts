import browser from 'webextension-polyfill';

// Firefox 153 ESR's extension process crashed (signal 11, in the popup page) in about half of the captures after which
// the background opened the popup: there the popup is never opened by the background, and the toolbar button (pinned
// to the toolbar in the Firefox build, see vite.config.ts) shows the count. Only Firefox has runtime.getBrowserInfo.
export const openingIsSafe = !('getBrowserInfo' in browser.runtime);

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
export async function popupIsOpen(): Promise<boolean> {
  const runtime = browser.runtime as unknown as RuntimeWithContexts;
  try {
    return ((await runtime.getContexts?.({ contextTypes: ['POPUP'] })) ?? []).length > 0;
  } catch {
    return false;
  }
}
