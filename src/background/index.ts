import browser from 'webextension-polyfill';
import { register as registerBadges } from '../capture/store';
import { register as registerPopupOpening } from '../capture/popup-once';
import { register as registerRefusedLoginWatch } from '../capture/refused-login';
import { register as registerSaveRetries } from '../save/save';
import { register as registerContextMenu } from '../totp/context-menu';
import { register as registerWhyLog } from '../capture/why-record';
import { register as registerPolicy } from './policy';
import { backgroundHandlers } from './handlers';
import { createRouter } from './router';

// The service worker: wires the capabilities' listeners; importing a module registers none. Messages go through one
// router (./router.ts).

browser.runtime.onMessage.addListener(createRouter(backgroundHandlers, browser.runtime.getURL('')));

// The toolbar badge is per tab and a navigation may clear it; a new page may open the popup once again.
registerBadges();
registerPopupOpening();
registerRefusedLoginWatch();
// Saves queued while MySafe could not be reached are tried again (src/save/save.ts).
registerSaveRetries();
registerContextMenu();
// What became of each tab's submissions, for the popup's "See why" (src/capture/why-record.ts).
registerWhyLog();
// The administrator's policy: the browser's own password saving, the right-click scan, and changes (./policy.ts).
registerPolicy();
