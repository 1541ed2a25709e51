import browser from 'webextension-polyfill';
import { scanClicked } from './scan';
import { openPopupWhereSafe } from '../platform/open-popup';
import { readPolicy } from '../save/policy';
import { qrScanningOn } from '../save/managed';

// "Add authenticator key to MySafe" in the right-click menu of images and pages (a canvas, an inline SVG or a CSS
// background is a "page" click: the content script tells which element it was, see src/totp/context-target.ts).
// The handler is scanClicked (./scan.ts).

export const QR_MENU_ID = 'mysafe-add-totp';
const MENU_ID = QR_MENU_ID;

/** The menu item and its click handler (called by src/background/index.ts). */
export function register(): void {
  // Menus outlive an update of the extension: the old item goes before it is made again.
  browser.runtime.onInstalled.addListener(async () => {
    await browser.contextMenus.removeAll();
    browser.contextMenus.create({
      id: MENU_ID,
      title: browser.i18n.getMessage('contextAddTotp'),
      // A click in a frame scans the whole visible tab: an element's box is known only in the top frame.
      contexts: ['image', 'page', 'frame'],
      // The administrator's policy may turn scanning off (src/background/policy.ts keeps this up to date).
      visible: qrScanningOn((await readPolicy()).policy),
    });
  });

  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== MENU_ID || tab?.id === undefined) return;
    const tabId = tab.id;
    scanClicked(tabId, { menuItemId: info.menuItemId, mediaType: info.mediaType, srcUrl: info.srcUrl, frameId: info.frameId, frameUrl: info.frameUrl })
      .then(async (summary) => {
        if (summary.added + summary.attached === 0 && !summary.problems.length && !summary.blocked) return;
        // Allowed after a menu click in current Chromium; elsewhere the badge shows the new capture, and the popup
        // this scan's result when the user opens it.
        await openPopupWhereSafe();
      })
      .catch((error) => console.warn('right-click scan failed:', (error as Error).message));
  });
}
