// Repeated captures in a Firefox with its default preferences (only the automation ones puppeteer sets): opening the
// popup from the background after a capture crashed the extension process in about half of the runs (Firefox 153
// ESR, signal 11), which blanked every open extension page and left a crash report in the profile. The background
// no longer does that in Firefox.
import { test, expect } from './harness';
import { logIn, waitForCards } from './steps';

// At most five open captures per site are kept (src/capture/store.ts MAX_PER_SITE): five, so the page lists them all.
const CAPTURES = 5;

test('repeated captures crash nothing: no crash report, the open extension page lives on and lists them all', async ({ ext }) => {
  await ext.configure();
  // An extension page open through every capture: the extension process dying would take it down.
  const popup = await ext.openPopup();
  for (let i = 1; i <= CAPTURES; i++) {
    const page = await logIn(ext, `user${i}@example.com`, `pass-Word-${i}`);
    await expect.poll(() => ext.badgeOf(page)).toBe('1');
    // The popup lists the new capture by itself: the extension process and its pages still run.
    await waitForCards(popup, i).catch((error: Error) => {
      throw new Error(`after capture ${i}: ${error.message}; crash reports: ${ext.crashReports().join(', ') || 'none'}`);
    });
  }
  expect(await ext.backgroundRunning()).toBe(true);
  expect(ext.crashReports()).toEqual([]);
});
