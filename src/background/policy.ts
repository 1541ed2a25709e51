import browser from 'webextension-polyfill';
import { onPolicyChanged } from '../platform/managed-storage';
import { readPolicy } from '../save/policy';
import { setAskInstead } from '../platform/browser-saving';
import { read, write } from '../protocol/storage';
import { isLocked, qrScanningOn } from '../save/managed';
import { resetClient } from '../save/connection';
import { invalidateList } from '../save/entries';
import { QR_MENU_ID } from '../totp/context-menu';

// What the administrator's policy changes beyond the merged settings (src/save/managed.ts), which every reader gets
// fresh: the browser's own password saving, the right-click scan, and a client and list of the old settings.

/**
 * browserPasswordSaving: false turns the browser's own saving off (true gives the browser its own setting back).
 * Locked, it is applied at every start; unlocked, once per value, so that the person's later choice stays.
 */
async function applyBrowserSaving(): Promise<void> {
  const { policy } = await readPolicy();
  const wanted = policy.browserPasswordSaving;
  if (wanted === undefined) return;
  if (!isLocked(policy, 'browserPasswordSaving') && (await read('policy-browser-saving')) === wanted) return;
  await setAskInstead(!wanted);
  await write('policy-browser-saving', wanted);
}

/** The right-click "Add authenticator key" item, shown only while the policy allows scanning. */
export async function applyQrScanning(): Promise<void> {
  const { policy } = await readPolicy();
  await browser.contextMenus.update(QR_MENU_ID, { visible: qrScanningOn(policy) });
}

function apply(): void {
  applyBrowserSaving().catch((error) => console.warn('policy browserPasswordSaving:', (error as Error).message));
  applyQrScanning().catch(() => {});
}

export function register(): void {
  apply();
  onPolicyChanged(() => {
    // The settings in use may be others now: no token or list of the old ones is used again.
    void resetClient().then(invalidateList);
    apply();
  });
}
