// "See why" in Firefox: a login the site refused, a login form nobody sent, and a page the extension may not read,
// each read in the panel of the tab's popup, with no typed value in it.
import type { Page } from 'puppeteer-core';
import { test, expect, clickOn, until, type FirefoxHarness } from './harness';
import { LOGIN_PAGE } from '../browser/steps';
import { byTestId, CARD, clickAndWaitForNavigation, logIn, PASSWORD, typeInto, USERNAME, waitForCards } from './steps';

const REPORT = byTestId('see-why-report');

/** The text of the panel's newest row for `reason` in `page`'s popup, checked to hold none of the values typed. */
async function reasonShown(ext: FirefoxHarness, page: Page, reason: string): Promise<string> {
  const popup = await ext.openPopup(page);
  await clickOn(popup, byTestId('see-why'));
  const row = `${REPORT} li[data-reason="${reason}"]`;
  await until(popup, (sel: string) => !!document.querySelector(sel), [row]);
  const shown = await popup.$eval(REPORT, (el) => el.textContent ?? '');
  for (const secret of [USERNAME, PASSWORD, 'x'.repeat(300)]) expect(shown).not.toContain(secret);
  return popup.$eval(row, (el) => el.textContent ?? '');
}

// Host access taken away is given back by the popup's grant button, answered without Firefox's prompt (see
// host-access.spec.ts): the browser is shared with the specs that follow.
test.use({ firefoxPrefs: { 'extensions.webextOptionalPermissionPrompts': false } });

test('a login the site refused (401) is named in the panel, without the values typed', async ({ ext }) => {
  const api = ext.site.url('/refuse/login');
  const page = await ext.open(ext.site.url(`/capture/spa-login-rejected.html?api=${encodeURIComponent(api)}`));
  await typeInto(page, [['#user', USERNAME], ['#pass', PASSWORD]]);
  await page.click('#go');
  await until(page, () => document.getElementById('status')?.textContent === 'Wrong password');
  const popup = await ext.openPopup(page);
  await clickOn(popup, byTestId('see-why'));
  await until(popup, (sel: string) => !!document.querySelector(`${sel} li[data-reason="refused-by-site"]`), [REPORT]);
  const shown = await popup.$eval(REPORT, (el) => el.textContent ?? '');
  expect(shown).toContain('the site refused the login (HTTP 401)');
  expect(shown).not.toContain(USERNAME);
  expect(shown).not.toContain(PASSWORD);
});

test('a login form nobody sent is listed under "Forms on this page", without the value typed into it', async ({ ext }) => {
  const page = await ext.open(ext.site.url('/capture/login.html'));
  await typeInto(page, [['input[name=email]', USERNAME]]);
  const popup = await ext.openPopup(page);
  await clickOn(popup, byTestId('see-why'));
  const login = `${byTestId('see-why-forms')} li[data-kind="login"][data-frame="top"]`;
  await until(popup, (sel: string) => !!document.querySelector(sel), [login]);
  expect(await popup.$eval(login, (el) => el.textContent)).toContain('Login · fields: username, password');
  expect(await popup.$eval(REPORT, (el) => el.textContent ?? '')).not.toContain(USERNAME);
});

test('a form a script filled and sent, five times: one "sent the form by itself" row', async ({ ext }) => {
  const page = await ext.open(ext.site.url('/capture/hostile.html?flood=5'));
  await until(page, () => document.body.textContent?.includes('Flooded 5'));
  expect(await reasonShown(ext, page, 'no-user-action')).toContain('the page sent the form by itself');
});

test('a login MySafe already holds with this password, and a never-site', async ({ ext }) => {
  await ext.configure();
  ext.mysafe.addEntry('demo', { name: 'Shop', url: ext.site.url('/login'), username: USERNAME, password: PASSWORD });
  const known = await logIn(ext);
  expect(await reasonShown(ext, known, 'already-in-mysafe')).toContain('MySafe already has this username with this password');

  const first = await logIn(ext, 'other@example.com');
  const popup = await ext.openPopup(first);
  await waitForCards(popup, 1);
  await clickOn(popup, `${CARD} ${byTestId('capture-never')}`);
  const page = await logIn(ext, 'third@example.com');
  expect(await reasonShown(ext, page, 'never-site')).toContain('Never for this site');
});

test('a username over the size cap: "a value was too long"', async ({ ext }) => {
  ext.site.route('/login-text', LOGIN_PAGE.replace('type="email"', 'type="text"'));
  const page = await ext.open(ext.site.url('/login-text'));
  await typeInto(page, [['input[name="email"]', 'x'.repeat(300)], ['input[name="password"]', PASSWORD]]);
  await clickAndWaitForNavigation(page, 'button[type="submit"]');
  expect(await reasonShown(ext, page, 'too-long')).toContain('a value was too long');
});

test('a login in a cross-origin frame: its row names the frame', async ({ ext }) => {
  await ext.configure();
  ext.mysafe.addEntry('demo', { name: 'Shop', url: ext.site.altUrl('/capture/login.html'), username: USERNAME, password: PASSWORD });
  const page = await ext.open(ext.site.url(`/capture/frame-host.html?src=${encodeURIComponent(ext.site.altUrl('/capture/login.html'))}`));
  const frame = (await (await page.waitForSelector('#login'))!.contentFrame())!;
  await frame.waitForSelector('input[name="email"]');
  await frame.type('input[name="email"]', USERNAME);
  await frame.type('input[name="password"]', PASSWORD);
  // Enter in the frame's password field: sent as a person sends it.
  await page.keyboard.press('Enter');
  expect(await reasonShown(ext, page, 'already-in-mysafe')).toContain(`in a frame from ${new URL(ext.site.altOrigin).host}`);
});

test('a page the extension may not read: the panel says capture cannot see its forms', async ({ ext }) => {
  const page = await ext.open(ext.site.url('/capture/login.html'));
  await ext.inExtension((api) => api.permissions.remove({ origins: ['<all_urls>', 'http://*/*', 'https://*/*'] }), undefined);
  const popup = await ext.openPopup(page);
  await clickOn(popup, byTestId('see-why'));
  await until(popup, (sel: string) => !!document.querySelector(`${sel} [data-reason="no-access"]`), [REPORT]);
  expect(await popup.$eval(`${REPORT} [data-reason="no-access"]`, (el) => el.textContent)).toContain('may not read this site');

  await clickOn(popup, byTestId('host-access-grant'));
  await expect.poll(() => ext.inExtension((api) => api.permissions.contains({ origins: ['<all_urls>'] }), undefined)).toBe(true);
});
