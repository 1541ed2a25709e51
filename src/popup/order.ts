import type { Capture } from '../capture/types';

/** Pending captures as the popup lists them: the current tab's first, then the rest; newest first within each. */
export function orderForTab(captures: Capture[], currentTabId: number | undefined): Capture[] {
  const rank = (c: Capture) => (c.tabId === currentTabId ? 0 : 1);
  return [...captures].sort((a, b) => rank(a) - rank(b) || b.createdAt - a.createdAt);
}

/** The popup's `?tab=<id>` parameter: the tab it acts on when opened as an ordinary tab. */
export function tabParam(search: string): number | undefined {
  const raw = new URLSearchParams(search).get('tab');
  if (!raw || !/^\d+$/.test(raw)) return undefined;
  return Number(raw);
}
