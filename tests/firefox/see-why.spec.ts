// "See why" in Firefox: a login the site refused, a login form nobody sent, and a page the extension may not read,
// each read in the panel of the tab's popup, with no typed value in it.
import { test, expect, clickOn, until } from './harness';
import { byTestId, PASSWORD, typeInto, USERNAME } from './steps';

const REPORT = byTestId('see-why-report');

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
