// Settings, saving and updating in Firefox: the options page, a login saved from the popup, an update after a
// change-password form, MySafe down then back. The local MySafe server's log is the judge.
import { test, expect } from './harness';
import { byTestId, CARD, logIn, PASSWORD, saveCard, textOf, USERNAME, valueOf, waitForCards } from './steps';

test('the options connect to MySafe, and a wrong Client Secret shows an error', async ({ ext }) => {
  await ext.configure();
  await ext.configure({ clientSecret: 'not-the-secret' });
});

test('a login typed on a page is saved into MySafe from the popup', async ({ ext }) => {
  await ext.configure();
  const page = await logIn(ext);
  await expect.poll(() => ext.badgeOf(page)).toBe('1');
  const popup = await ext.openPopup(page);
  expect(await waitForCards(popup, 1)).toEqual(['login']);
  expect(await textOf(popup, `${CARD} ${byTestId('capture-question')}`)).toBe('Save login to MySafe?');
  expect(await valueOf(popup, `${CARD} ${byTestId('capture-username')}`)).toBe(USERNAME);
  await saveCard(popup);
  expect(ext.mysafe.entries()).toEqual([expect.objectContaining({ username: USERNAME, password: PASSWORD })]);
  await expect.poll(() => ext.badgeOf(page)).toBe('');
});
