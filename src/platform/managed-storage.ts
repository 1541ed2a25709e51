// The policy an administrator deployed, as the browser gives it: storage.managed (Chromium: the policy for this
// extension; Firefox: policies.json's 3rdparty.Extensions.<id>). Checked and merged in src/save/managed.ts.
import browser from 'webextension-polyfill';
import { checkPolicy, NO_POLICY, type CheckedPolicy } from '../save/managed';

/** The checked policy; no policy at all (Firefox rejects the call then, Chromium answers {}) is an empty one. */
export async function readPolicy(): Promise<CheckedPolicy> {
  try {
    const area = browser.storage.managed;
    if (!area) return NO_POLICY;
    return checkPolicy(await area.get(null));
  } catch {
    return NO_POLICY;
  }
}

/** Calls `listener` when the administrator changes the policy (Chromium reloads policies while it runs). */
export function onPolicyChanged(listener: () => void): void {
  browser.storage.onChanged.addListener((_changes, areaName) => {
    if (areaName === 'managed') listener();
  });
}
