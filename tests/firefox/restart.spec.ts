// Firefox's MV3 background is an event page that the browser stops when idle (30 s by default; 1 s here) and starts
// again on the next event. A capture lives in storage.session, so it outlives the stop and still saves.
import { test, expect } from './harness';
import { byTestId, CARD, logIn, PASSWORD, saveCard, USERNAME, valueOf, waitForCards } from './steps';

test.use({ firefoxPrefs: { 'extensions.background.idle.timeout': 1000 } });

test('a capture outlives the background page being stopped, and still saves', async ({ ext }) => {
  await ext.configure();
  const page = await logIn(ext);
  await expect.poll(() => ext.badgeOf(page)).toBe('1');

  // Firefox stops the idle background page: its memory (the cached token and list) is gone.
  await expect.poll(() => ext.backgroundRunning(), { timeout: 20_000 }).toBe(false);

  const popup = await ext.openPopup(page);
  expect(await waitForCards(popup, 1)).toEqual(['login']);
  expect(await valueOf(popup, `${CARD} ${byTestId('capture-username')}`)).toBe(USERNAME);
  await saveCard(popup);
  expect(ext.mysafe.entries()).toEqual([expect.objectContaining({ username: USERNAME, password: PASSWORD })]);
});
