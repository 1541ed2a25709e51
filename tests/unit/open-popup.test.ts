// The background opens the popup after a capture in Chromium only: in Firefox that crashed the extension process.
import { afterEach, describe, expect, it, vi } from 'vitest';

/** openPopupWhereSafe over a stand-in browser; `firefox` adds runtime.getBrowserInfo, which only Firefox has. */
async function withBrowser(firefox: boolean) {
  const openPopup = vi.fn(async () => {});
  vi.resetModules();
  vi.doMock('webextension-polyfill', () => ({
    default: {
      action: { openPopup },
      runtime: firefox ? { getBrowserInfo: async () => ({ name: 'Firefox' }) } : {},
    },
  }));
  const { openPopupWhereSafe } = await import('../../src/platform/open-popup');
  return { openPopup, openPopupWhereSafe };
}

afterEach(() => vi.doUnmock('webextension-polyfill'));

describe('openPopupWhereSafe', () => {
  it('opens the popup in Chromium', async () => {
    const { openPopup, openPopupWhereSafe } = await withBrowser(false);
    await openPopupWhereSafe();
    expect(openPopup).toHaveBeenCalledTimes(1);
  });

  it('never opens it in Firefox', async () => {
    const { openPopup, openPopupWhereSafe } = await withBrowser(true);
    await openPopupWhereSafe();
    expect(openPopup).not.toHaveBeenCalled();
  });

  it('takes a refusal quietly (no user gesture): the badge shows the capture', async () => {
    const { openPopup, openPopupWhereSafe } = await withBrowser(false);
    openPopup.mockRejectedValueOnce(new Error('no user gesture'));
    await expect(openPopupWhereSafe()).resolves.toBeUndefined();
  });
});
