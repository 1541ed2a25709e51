// Capture in Firefox on the shared fixture pages (tests/fixtures/capture): a two-step login across two pages.
import { test, expect } from './harness';
import { byTestId, CARD, clickAndWaitForNavigation, PASSWORD, typeInto, USERNAME, valueOf, waitForCards } from './steps';

test('two steps on two pages: username page, then a password page that only shows the username', async ({ ext }) => {
  const page = await ext.open(ext.site.url('/capture/step-username.html'));
  await typeInto(page, [['input[name="identifier"]', USERNAME]]);
  await clickAndWaitForNavigation(page, 'button[type="submit"]');
  expect(new URL(page.url()).pathname).toBe('/capture/step-password.html');
  await typeInto(page, [['input[name="Passwd"]', PASSWORD]]);
  await clickAndWaitForNavigation(page, 'button[type="submit"]');

  // The username step alone is never offered: one login card, with both steps' values.
  const popup = await ext.openPopup(page);
  expect(await waitForCards(popup, 1)).toEqual(['login']);
  expect(await valueOf(popup, `${CARD} ${byTestId('capture-username')}`)).toBe(USERNAME);
  expect(await valueOf(popup, `${CARD} ${byTestId('capture-password')}`)).toBe(PASSWORD);
});
