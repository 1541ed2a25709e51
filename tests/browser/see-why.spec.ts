// "Nothing offered on this page? See why" (`see-why`, `see-why-report`): for each reason, a test that causes it and
// reads it in the panel of the tab's popup; the panel and the copied report never show a typed value.
import type { Page } from '@playwright/test';
import { test, expect, type ExtensionHarness } from './harness';
import { LOGIN_PAGE, logIn, PASSWORD, USERNAME } from './steps';

/** Opens the popup for `page`, which offers nothing, and its "See why" panel. */
async function openSeeWhy(ext: ExtensionHarness, page: Page): Promise<Page> {
  const popup = await ext.openPopup(page);
  await expect(popup.getByTestId('no-captures')).toBeVisible();
  await popup.getByTestId('see-why').click();
  await expect(popup.getByTestId('see-why-report')).toBeVisible();
  return popup;
}

/** What "Copy report" hands the clipboard (a headless browser has no clipboard to read back). */
async function copiedReport(popup: Page): Promise<string> {
  await popup.evaluate(() => {
    navigator.clipboard.writeText = async (text: string) => void ((window as unknown as { copied: string }).copied = text);
  });
  await popup.getByTestId('see-why-copy').click();
  await expect(popup.getByText('Copied')).toBeVisible();
  return popup.evaluate(() => (window as unknown as { copied: string }).copied);
}

/** The panel's row for `reason` (the newest), checked to hold none of the values typed. */
async function expectReason(popup: Page, reason: string, text: string | RegExp): Promise<void> {
  const row = popup.getByTestId('see-why-report').locator(`li[data-reason="${reason}"]`).first();
  await expect(row).toContainText(text);
  const shown = await popup.getByTestId('see-why-report').innerText();
  for (const secret of [USERNAME, PASSWORD, 'attacker@evil.test', 'x'.repeat(300)]) expect(shown).not.toContain(secret);
}

test('a form a script filled and sent: "the page sent the form by itself"', async ({ ext }) => {
  const page = await ext.context.newPage();
  await page.goto(ext.site.url('/capture/hostile.html?flood=5'));
  await expect(page.getByText('Flooded 5')).toBeVisible();
  const popup = await openSeeWhy(ext, page);
  await expectReason(popup, 'no-user-action', 'the page sent the form by itself');
  // One row for five scripted submissions.
  await expect(popup.getByTestId('see-why-report').locator('li[data-reason="no-user-action"]')).toHaveCount(1);
});

test('a login MySafe already holds with this password: "already has this username with this password"', async ({ ext }) => {
  await ext.configure();
  ext.mysafe.addEntry('demo', { name: 'Shop', url: ext.site.url('/login'), username: USERNAME, password: PASSWORD });
  const page = await logIn(ext);
  const popup = await openSeeWhy(ext, page);
  await expectReason(popup, 'already-in-mysafe', 'MySafe already has this username with this password');
  await expect(popup.getByTestId('see-why-report').locator('li').first()).toContainText('fields: username, password');
});

test('a never-site: "you chose Never for this site"', async ({ ext }) => {
  await ext.configure();
  const first = await logIn(ext);
  const card = (await ext.openPopup(first)).getByTestId('capture');
  await card.getByTestId('capture-never').click();
  const page = await logIn(ext, 'other@example.com');
  const popup = await openSeeWhy(ext, page);
  await expectReason(popup, 'never-site', 'Never for this site');
});

test('a login the site refused (401): "the site refused the login"', async ({ ext }) => {
  const api = ext.site.url('/refuse/login');
  const page = await ext.context.newPage();
  await page.goto(ext.site.url(`/capture/spa-login-rejected.html?api=${encodeURIComponent(api)}`));
  await page.getByLabel('Email').pressSequentially(USERNAME);
  await page.getByLabel('Password').pressSequentially(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Wrong password')).toBeVisible();
  const popup = await ext.openPopup(page);
  // Offered first, then dropped when the 401 came: the panel says so once the card is gone.
  await expect(popup.getByTestId('capture')).toHaveCount(0);
  await popup.getByTestId('see-why').click();
  await expectReason(popup, 'refused-by-site', 'the site refused the login (HTTP 401)');
});

test('a username over the size cap: "a value was too long"', async ({ ext }) => {
  // A text field: an e-mail field would refuse 300 x's before anything is sent.
  ext.site.route('/login-text', LOGIN_PAGE.replace('type="email"', 'type="text"'));
  const page = await ext.context.newPage();
  await page.goto(ext.site.url('/login-text'));
  await page.getByLabel('Email').click();
  await page.keyboard.type('x'.repeat(300), { delay: 0 });
  await page.getByLabel('Password').pressSequentially(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/session');
  const popup = await openSeeWhy(ext, page);
  await expectReason(popup, 'too-long', 'a value was too long');
});

test('a form in a cross-origin frame: the row names the frame, and the report copies as text without a value', async ({ ext }) => {
  await ext.configure();
  ext.mysafe.addEntry('demo', { name: 'Shop', url: ext.site.altUrl('/capture/login.html'), username: USERNAME, password: PASSWORD });
  const page = await ext.context.newPage();
  await page.goto(ext.site.url(`/capture/frame-host.html?src=${encodeURIComponent(ext.site.altUrl('/capture/login.html'))}`));
  const frame = page.frameLocator('#login');
  await frame.getByLabel('Email').pressSequentially(USERNAME);
  await frame.getByLabel('Password').pressSequentially(PASSWORD);
  await frame.getByRole('button', { name: /sign in|log in/i }).click();
  const popup = await ext.openPopup(page);
  await popup.getByTestId('see-why').click();
  const altHost = new URL(ext.site.altOrigin).host;
  await expectReason(popup, 'already-in-mysafe', `in a frame from ${altHost}`);

  const report = await copiedReport(popup);
  expect(report).toContain(`Why nothing was offered on ${new URL(ext.site.origin).host}`);
  expect(report).toContain(`in a frame from ${altHost}`);
  expect(report).toContain('MySafe already has this username with this password');
  expect(report).not.toContain(USERNAME);
  expect(report).not.toContain(PASSWORD);
});

test('forms on the page: a login in the top frame and a sign-up in a cross-origin frame, nothing sent, no value shown', async ({ ext }) => {
  const signup = ext.site.altUrl('/capture/signup.html');
  ext.site.route('/login-beside-signup', LOGIN_PAGE.replace('</body>', `<iframe id="signup" src="${signup}" width="500" height="400"></iframe></body>`));
  const page = await ext.context.newPage();
  await page.goto(ext.site.url('/login-beside-signup'));
  // Typed, never sent: the report lists the fields by role, never what is in them.
  await page.getByLabel('Email').pressSequentially(USERNAME);
  await page.frameLocator('#signup').getByLabel('Password', { exact: true }).pressSequentially(PASSWORD);

  const popup = await openSeeWhy(ext, page);
  const forms = popup.getByTestId('see-why-forms');
  const altHost = new URL(ext.site.altOrigin).host;
  await expect(forms.locator('li')).toHaveCount(2);
  await expect(forms.locator('li[data-kind="login"][data-frame="top"]')).toContainText(`${new URL(ext.site.origin).host} · Login · fields: username, current password`);
  await expect(forms.locator('li[data-kind="signup"][data-frame="frame"]')).toContainText(
    `in a frame from ${altHost} · New account · fields: other, username, password, confirmation`,
  );

  const report = await copiedReport(popup);
  expect(report).toContain('Forms on this page:');
  expect(report).toContain(`- in a frame from ${altHost} · New account`);
  expect(report).not.toContain(USERNAME);
  expect(report).not.toContain(PASSWORD);
  expect(await popup.getByTestId('see-why-report').innerText()).not.toContain(USERNAME);
});

test('a page of 500 login forms: the panel opens and lists ten of them, saying there are more', async ({ ext }) => {
  const form = '<form><label>Email <input type="email" name="email"></label><label>Password <input type="password" name="password"></label><button>Sign in</button></form>';
  ext.site.route('/many-forms', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Forms</title></head><body>${form.repeat(500)}</body></html>`);
  const page = await ext.context.newPage();
  await page.goto(ext.site.url('/many-forms'));
  const popup = await openSeeWhy(ext, page);
  await expect(popup.getByTestId('see-why-forms').locator('li[data-kind="login"]')).toHaveCount(10);
  await expect(popup.getByTestId('see-why-report')).toContainText('more forms or frames than listed');
});

test('forms on the page count visible fields only: the honeypots beside a login are not listed', async ({ ext }) => {
  const page = await ext.context.newPage();
  await page.goto(ext.site.url('/capture/honeypot.html'));
  const popup = await openSeeWhy(ext, page);
  await expect(popup.getByTestId('see-why-forms').locator('li')).toHaveCount(1);
  await expect(popup.getByTestId('see-why-forms').locator('li[data-kind="login"]')).toContainText(/fields: username, password$/);
});

test('a site the extension may not read (site access "on click"): the panel says so and lists no form', async ({ ext }) => {
  const page = await ext.context.newPage();
  await page.goto(ext.site.url('/capture/login.html'));
  // Chromium keeps an extension's required host access unless the user withholds it in chrome://extensions: the
  // settings page's own API does what its "Site access" menu does.
  const settings = await ext.context.newPage();
  await settings.goto('chrome://extensions');
  await settings.evaluate(async (extensionId) => {
    const chromeApi = (globalThis as unknown as { chrome: { developerPrivate: { updateExtensionConfiguration(update: object): Promise<void> } } }).chrome;
    await chromeApi.developerPrivate.updateExtensionConfiguration({ extensionId, hostAccess: 'ON_CLICK' });
  }, ext.extensionId);
  await settings.close();

  const popup = await openSeeWhy(ext, page);
  await expect(popup.locator('[data-testid="see-why-report"] [data-reason="no-access"]')).toContainText('may not read this site');
  await expect(popup.getByTestId('see-why-forms')).toHaveCount(0);
});
