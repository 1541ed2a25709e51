import browser from 'webextension-polyfill';
import type { Capture } from './types';

/** Shows on each tab's toolbar icon how many captures from that tab are pending. */
export async function showBadges(captures: Capture[], alsoTabs: number[] = []): Promise<void> {
  const counts = new Map<number, number>(alsoTabs.map((id) => [id, 0]));
  for (const c of captures) counts.set(c.tabId, (counts.get(c.tabId) ?? 0) + 1);
  await Promise.all(
    [...counts].map(async ([tabId, count]) => {
      try {
        await browser.action.setBadgeText({ tabId, text: count ? String(count) : '' });
        if (count) await browser.action.setBadgeBackgroundColor({ tabId, color: '#1a73e8' });
      } catch {
        // The tab is gone; its captures stay listed in the popup.
      }
    }),
  );
}
