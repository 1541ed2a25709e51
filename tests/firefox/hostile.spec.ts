// A hostile page in Firefox (tests/fixtures/capture/hostile.html): a script's typing and submissions make no capture,
// and a planted field or a script re-typing the password loses to what the user typed.
import { test, expect, until } from './harness';
import { byTestId, CARD, logIn, PASSWORD, typeInto, USERNAME, valueOf, waitForCards } from './steps';

test('a script that types a login and calls requestSubmit() 300 times makes no capture; the user\'s login afterwards is kept', async ({ ext }) => {
  const hostile = await ext.open(ext.site.url('/capture/hostile.html?flood=300'));
  await until(hostile, () => document.getElementById('status')?.textContent === 'Flooded 300');
  // A real login in another tab: once it is kept, the flood's messages (sent long before) have been handled.
  const other = await logIn(ext);
  await expect.poll(() => ext.badgeOf(other)).toBe('1');
  expect(await ext.badgeOf(hostile)).toBe('');

  await hostile.bringToFront();
  await typeInto(hostile, [['input[name="email"]', USERNAME], ['input[name="password"]', PASSWORD]]);
  await Promise.all([hostile.waitForNavigation(), hostile.click('button[type="submit"]')]);
  const popup = await ext.openPopup(hostile);
  await waitForCards(popup, 2);
  expect(await valueOf(popup, `${CARD} ${byTestId('capture-username')}`)).toBe(USERNAME);
});

for (const query of ['plant=opacity&typed=1', 'plant=input', 'retype=1']) {
  test(`what the user typed wins (${query})`, async ({ ext }) => {
    const page = await ext.open(ext.site.url(`/capture/hostile.html?${query}`));
    await typeInto(page, [['input[name="email"]', USERNAME], ['input[name="password"]', PASSWORD]]);
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    const popup = await ext.openPopup(page);
    expect(await waitForCards(popup, 1)).toEqual(['login']);
    expect(await valueOf(popup, `${CARD} ${byTestId('capture-username')}`)).toBe(USERNAME);
    expect(await valueOf(popup, `${CARD} ${byTestId('capture-password')}`)).toBe(PASSWORD);
  });
}

test('a cross-origin frame whose POSTs to the top site are refused (401) leaves the top site\'s capture alone', async ({ ext }) => {
  const frame = ext.site.altUrl(`/capture/refusing-frame.html?count=20&api=${encodeURIComponent(ext.site.url('/refuse/login'))}`);
  const page = await ext.open(ext.site.url(`/capture/login-beside-frame.html?frame=${encodeURIComponent(frame)}`));
  await typeInto(page, [['#user', USERNAME], ['#pass', PASSWORD]]);
  await page.click('#go');
  await until(page, () => document.getElementById('status')?.textContent === 'Welcome');
  const ad = page.frames().find((f) => f.url().startsWith(ext.site.altOrigin));
  if (!ad) throw new Error('the frame of the other origin is missing');
  await until(ad, () => document.getElementById('status')?.textContent === 'Refused 20');
  await expect.poll(() => ext.badgeOf(page)).toBe('1');
  const popup = await ext.openPopup(page);
  expect(await waitForCards(popup, 1)).toEqual(['login']);
  expect(await valueOf(popup, `${CARD} ${byTestId('capture-username')}`)).toBe(USERNAME);
  expect(await valueOf(popup, `${CARD} ${byTestId('capture-password')}`)).toBe(PASSWORD);
});
