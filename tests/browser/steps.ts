// Steps the browser tests share: a login typed on a local page like a person, and the toolbar badge of a tab.
// The pages are the Firefox suite's too (tests/firefox/steps.ts).
import type { Page } from '@playwright/test';
import type { ExtensionHarness } from './harness';

export const LOGIN_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in</title></head>
<body>
  <h1>Sign in</h1>
  <form method="post" action="/session">
    <label>Email <input name="email" type="email" autocomplete="username"></label>
    <label>Password <input name="password" type="password" autocomplete="current-password"></label>
    <button type="submit">Sign in</button>
  </form>
</body></html>`;

/** A change-password form; `username` puts the account in a field the page marks as the username. */
export const changePage = (username?: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Change password</title></head>
<body>
  <h1>Change password</h1>
  <form method="post" action="/changed">
    ${username ? `<input type="hidden" name="user" autocomplete="username" value="${username}">` : ''}
    <label>Current password <input name="current" type="password" autocomplete="current-password"></label>
    <label>New password <input name="new" type="password" autocomplete="new-password"></label>
    <label>Confirm new password <input name="confirm" type="password" autocomplete="new-password"></label>
    <button type="submit">Change password</button>
  </form>
</body></html>`;

export const USERNAME = 'ana@example.com';
export const PASSWORD = 'c0rrect-Horse-battery!';

/** Types a login on a local page (on the site's main origin, or its second one) and submits it with the button. */
export async function logIn(ext: ExtensionHarness, username = USERNAME, password = PASSWORD, origin: 'main' | 'alt' = 'main'): Promise<Page> {
  ext.site.route('/login', LOGIN_PAGE);
  const page = await ext.context.newPage();
  await page.goto(origin === 'main' ? ext.site.url('/login') : ext.site.altUrl('/login'));
  await page.getByLabel('Email').pressSequentially(username);
  await page.getByLabel('Password').pressSequentially(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/session');
  return page;
}

/** The toolbar badge text of tab `tabId`. */
export async function badgeText(ext: ExtensionHarness, tabId: number): Promise<string> {
  return (await ext.serviceWorker()).evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
}

/** The toolbar badge text of `page`'s tab. */
export async function badgeOf(ext: ExtensionHarness, page: Page): Promise<string> {
  return badgeText(ext, await ext.tabIdOf(page));
}

/**
 * Opens a fixture page of tests/fixtures/capture, types into its `data-bench` fields like a person, in this order,
 * sends the form with its `data-bench="next"` control and waits for /capture/done.
 */
export async function sendFixture(ext: ExtensionHarness, path: string, fields: Array<[bench: string, value: string]>): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(ext.site.url(path));
  for (const [bench, value] of fields) await page.locator(`[data-bench="${bench}"]`).pressSequentially(value);
  await page.locator('[data-bench="next"]').click();
  await page.waitForURL('**/capture/done');
  return page;
}
