import browser from 'webextension-polyfill';

// Access to the sites the user visits (the manifest's host_permissions). Firefox MV3 lets the user withhold it at
// install or revoke it later (Chromium: "On click" / "On specific sites"); without it no content script runs, so
// nothing is captured, and no tab can be screenshotted for a QR code.

const ALL_SITES = { origins: ['<all_urls>'] };

/** Whether the extension may read every site. */
export function hasHostAccess(): Promise<boolean> {
  return browser.permissions.contains(ALL_SITES);
}

/**
 * Asks the browser for access to every site; true when granted. Call it first thing in a click handler: the browser
 * asks the user only during a user action.
 */
export function requestHostAccess(): Promise<boolean> {
  return browser.permissions.request(ALL_SITES);
}

/** Calls `onChange` with the access whenever a permission is granted or revoked; returns what stops it. */
export function watchHostAccess(onChange: (granted: boolean) => void): () => void {
  const check = () => void hasHostAccess().then(onChange, () => {});
  browser.permissions.onAdded.addListener(check);
  browser.permissions.onRemoved.addListener(check);
  return () => {
    browser.permissions.onAdded.removeListener(check);
    browser.permissions.onRemoved.removeListener(check);
  };
}
