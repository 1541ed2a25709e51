// The policy an administrator deployed, as the browser gives it: storage.managed (Chromium: the policy for this
// extension; Firefox: policies.json's 3rdparty.Extensions.<id>). Unchecked here: src/save/policy.ts checks it.
import browser from 'webextension-polyfill';

/** Everything in storage.managed; undefined when there is no policy (Firefox rejects the call then). */
export async function readManagedStorage(): Promise<Record<string, unknown> | undefined> {
  try {
    return await browser.storage.managed?.get(null);
  } catch {
    return undefined;
  }
}

/** Calls `listener` when the administrator changes the policy (Chromium reloads policies while it runs). */
export function onPolicyChanged(listener: () => void): void {
  browser.storage.onChanged.addListener((_changes, areaName) => {
    if (areaName === 'managed') listener();
  });
}
