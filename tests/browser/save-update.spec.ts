// Save or update, end to end: logins and password changes typed on local pages like a person, the popup's question,
// its target choice and changes, sharing defaults, never-for-this-site, MySafe going down and coming back, a refused
// update saved as new, a stopped service worker, and "Save this site". The local MySafe server's log is the judge.
import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/dev/chromium';
import { test, expect, type ExtensionHarness } from './harness';
import { badgeOf, changePage, LOGIN_PAGE, logIn, PASSWORD, sendFixture, USERNAME } from './steps';

async function changePassword(ext: ExtensionHarness, oldPassword: string, newPassword: string, username?: string): Promise<Page> {
  ext.site.route('/account/password', changePage(username));
  const page = await ext.context.newPage();
  await page.goto(ext.site.url('/account/password'));
  await page.getByLabel('Current password').pressSequentially(oldPassword);
  await page.getByLabel('New password', { exact: true }).pressSequentially(newPassword);
  await page.getByLabel('Confirm new password').pressSequentially(newPassword);
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.waitForURL('**/changed');
  return page;
}

const updates = (ext: ExtensionHarness) => ext.mysafe.requests().filter((r) => r.method === 'PUT' && r.path.startsWith('/api/mysafe/password/update/'));
const creates = (ext: ExtensionHarness) => ext.mysafe.requests().filter((r) => r.method === 'POST' && r.path === '/api/mysafe/password');

test('a new login is added with the default tags and sharing set in the options', async ({ ext }) => {
  await ext.configure();
  const options = await ext.context.newPage();
  await options.goto(`chrome-extension://${ext.extensionId}/src/options/index.html`);
  await options.getByTestId('default-tags').fill('web, personal');
  await options.getByTestId('sharing-name').fill('Team');
  await options.getByTestId('sharing-add').click();
  await options.getByTestId('save-defaults').click();
  await expect(options.getByTestId('defaults-status')).toHaveAttribute('data-state', 'ok');

  const page = await logIn(ext);
  await expect.poll(() => badgeOf(ext, page)).toBe('1');
  const popup = await ext.openPopup(page);
  const card = popup.getByTestId('capture');
  await expect(card.getByTestId('capture-question')).toHaveText('Save login to MySafe?');
  await expect(card.getByTestId('capture-site')).toHaveText(new URL(ext.site.origin).host);
  await expect(card.getByTestId('capture-target')).toHaveValue('new');
  await expect(card.getByTestId('capture-tags')).toHaveValue('web, personal');
  await card.getByTestId('capture-details').click();
  await card.getByTestId('capture-sharing').locator('summary').click();
  await expect(card.getByTestId('sharing-row')).toHaveAttribute('data-name', 'Team');
  await card.getByTestId('sharing-can-edit').check();

  await card.getByTestId('capture-save').click();
  await expect(card.getByTestId('capture-status')).toHaveAttribute('data-state', 'saved');
  expect(ext.mysafe.entries()).toEqual([
    expect.objectContaining({
      username: USERNAME,
      password: PASSWORD,
      tags: 'web,personal',
      groups_allowed: [{ name: 'Team', can_edit: true }],
    }),
  ]);
});

test('a changed password updates the entry, and the update sends only the password', async ({ ext }) => {
  await ext.configure();
  const stored = ext.mysafe.addEntry('demo', { name: 'Shop', url: ext.site.url('/login'), username: USERNAME, password: 'old-Password-1', tags: 'shop' });
  const page = await changePassword(ext, 'old-Password-1', 'new-Password-2', USERNAME);
  const popup = await ext.openPopup(page);
  const card = popup.getByTestId('capture');
  await expect(card).toHaveAttribute('data-kind', 'change');
  await expect(card.getByTestId('capture-question')).toHaveText(`Update password for ${USERNAME}?`);
  await expect(card.getByTestId('capture-target')).toHaveValue(stored.identifier);
  await expect(card.getByTestId('capture-name')).toHaveValue('Shop');
  // What changes is named, the password never shown.
  await expect(card.getByTestId('capture-changes').locator('li')).toHaveText(['Password: changed']);
  await expect(card.getByTestId('capture-changes')).not.toContainText('new-Password-2');

  await card.getByTestId('capture-save').click();
  await expect(card.getByTestId('capture-status')).toHaveAttribute('data-state', 'saved');
  const [put] = updates(ext);
  expect(put.path).toBe(`/api/mysafe/password/update/${stored.identifier}`);
  expect(Object.keys(put.body as object)).toEqual(['password']);
  expect(ext.mysafe.entries()).toEqual([expect.objectContaining({ identifier: stored.identifier, password: 'new-Password-2', tags: 'shop' })]);
  expect(creates(ext)).toHaveLength(0);
});

test('a change whose two fields both say "Password": the card asks which is new, and the picked one updates the entry', async ({ ext }) => {
  await ext.configure();
  const stored = ext.mysafe.addEntry('demo', { name: 'Shop', url: ext.site.url('/login'), username: USERNAME, password: 'old-Password-1' });
  const page = await sendFixture(ext, '/capture/class-change-order-unsaid.html', [['old', 'old-Password-1'], ['new', 'new-Password-2']]);

  const popup = await ext.openPopup(page);
  const card = popup.getByTestId('capture');
  await expect(card).toHaveAttribute('data-kind', 'change');
  // The old password found the entry, whichever of the two it is.
  await expect(card.getByTestId('capture-target')).toHaveValue(stored.identifier);
  const question = card.getByTestId('capture-which-new');
  await expect(question.locator('legend')).toHaveText('Which is the new password?');
  const options = question.getByTestId('capture-which-new-option');
  await expect(options).toHaveCount(2);
  // Nothing picked, nothing to save; both masked, each shown on its own.
  for (const option of await options.all()) await expect(option).not.toBeChecked();
  await expect(card.getByTestId('capture-save')).toBeDisabled();
  await expect(card.getByTestId('capture-changes')).toContainText('shown once you pick the new password');
  const values = question.getByTestId('capture-which-new-value');
  await expect(values).toHaveText(['••••••••', '••••••••']);
  await question.getByRole('button', { name: 'Show Second field' }).click();
  await expect(values).toHaveText(['••••••••', 'new-Password-2']);
  await question.getByRole('button', { name: 'Show First field' }).click();
  await expect(values).toHaveText(['old-Password-1', 'new-Password-2']);

  await options.nth(1).check();
  await expect(card.getByTestId('capture-password')).toHaveValue('new-Password-2');
  await expect(card.getByTestId('capture-changes').locator('li')).toHaveText(['Password: changed']);
  await card.getByTestId('capture-save').click();
  await expect(card.getByTestId('capture-status')).toHaveAttribute('data-state', 'saved');
  expect(updates(ext).map((r) => r.path)).toEqual([`/api/mysafe/password/update/${stored.identifier}`]);
  expect(ext.mysafe.entries()).toEqual([expect.objectContaining({ identifier: stored.identifier, password: 'new-Password-2' })]);
});

test('a bare form that says neither login nor sign-up: the card asks, and "New account" saves the new entry', async ({ ext }) => {
  await ext.configure();
  const page = await sendFixture(ext, '/capture/class-kind-unsaid.html', [['username', USERNAME], ['password', PASSWORD]]);

  const popup = await ext.openPopup(page);
  const card = popup.getByTestId('capture');
  const question = card.getByTestId('capture-kind-choice');
  await expect(question.locator('legend')).toHaveText('Login or new account?');
  const options = question.getByTestId('capture-kind-option');
  await expect(options).toHaveCount(2);
  // The guess (login: no word either way) is preselected.
  await expect(options.and(card.locator('[data-kind="login"]'))).toBeChecked();
  await expect(card).toHaveAttribute('data-kind', 'login');
  await expect(card.getByTestId('capture-question')).toHaveText('Save login to MySafe?');

  await question.getByLabel('New account').check();
  await expect(card).toHaveAttribute('data-kind', 'signup');
  await expect(card.getByTestId('capture-question')).toHaveText('Save new account to MySafe?');
  await card.getByTestId('capture-save').click();
  await expect(card.getByTestId('capture-status')).toHaveAttribute('data-state', 'saved');
  expect(creates(ext)).toHaveLength(1);
  expect(ext.mysafe.entries()).toEqual([expect.objectContaining({ username: USERNAME, password: PASSWORD })]);
});

test('a login the page calls one (labels, "Sign in") asks no "login or new account?"', async ({ ext }) => {
  await ext.configure();
  const page = await sendFixture(ext, '/capture/login.html', [['username', USERNAME], ['password', PASSWORD]]);

  const popup = await ext.openPopup(page);
  const card = popup.getByTestId('capture');
  await expect(card.getByTestId('capture-question')).toHaveText('Save login to MySafe?');
  // The card renders the question with the rest, from the capture itself: none now means none.
  await expect(card).toHaveAttribute('data-kind', 'login');
  await expect(card.getByTestId('capture-kind-choice')).toHaveCount(0);
  await expect(card.getByTestId('capture-kind-choice')).toHaveCount(0);
});

test('among three entries of the site, the one the user picks is updated', async ({ ext }) => {
  await ext.configure();
  const seeded = ['first', 'second', 'third'].map((who) =>
    ext.mysafe.addEntry('demo', { name: `Shop (${who})`, url: new URL(ext.site.origin).host, username: `${who}@example.com`, password: `pw-${who}` }),
  );
  // A change form without a username, whose current password matches none: the user has to pick.
  const page = await changePassword(ext, 'not-any-of-them', 'brand-New-9');
  const popup = await ext.openPopup(page);
  const card = popup.getByTestId('capture');
  await expect(card.getByTestId('capture-choose')).toBeVisible();
  const options = card.getByTestId('capture-target').locator('option');
  await expect(options).toHaveCount(4);
  await card.getByTestId('capture-target').selectOption(seeded[1].identifier);
  await expect(card.getByTestId('capture-username')).toHaveValue('second@example.com');
  await expect(card.getByTestId('capture-question')).toHaveText('Update password for second@example.com?');
  await expect(card.getByTestId('capture-save')).toHaveText('Update');

  await card.getByTestId('capture-save').click();
  await expect(card.getByTestId('capture-status')).toHaveAttribute('data-state', 'saved');
  const puts = updates(ext);
  expect(puts.map((r) => r.path)).toEqual([`/api/mysafe/password/update/${seeded[1].identifier}`]);
  expect(Object.keys(puts[0].body as object)).toEqual(['password']);
  expect(ext.mysafe.entries().map((e) => e.password)).toEqual(['pw-first', 'brand-New-9', 'pw-third']);
});

test('a login MySafe already holds is not offered', async ({ ext }) => {
  await ext.configure();
  const stored = ext.mysafe.addEntry('demo', { name: 'Shop', url: ext.site.url('/login'), username: USERNAME, password: PASSWORD });
  const page = await logIn(ext);
  // The background read the entry to compare the password…
  await expect.poll(() => ext.mysafe.requests().some((r) => r.method === 'GET' && r.path === `/api/mysafe/password/${stored.identifier}`)).toBe(true);
  // …and a login typed afterwards on another site is offered: the first one was handled by then.
  const other = await logIn(ext, 'someone@example.com', 'other-Pass-3', 'alt');
  await expect.poll(() => badgeOf(ext, other)).toBe('1');
  expect(await badgeOf(ext, page)).toBe('');
  const popup = await ext.openPopup(page);
  await expect(popup.getByTestId('capture')).toHaveCount(1);
  await expect(popup.getByTestId('capture')).toHaveAttribute('data-origin', ext.site.altOrigin);
});

test('"Never for this site" stops the offers until the site is removed in the options', async ({ ext }) => {
  await ext.configure();
  const page = await logIn(ext);
  const popup = await ext.openPopup(page);
  await popup.getByTestId('capture-never').click();
  await expect(popup.getByTestId('capture')).toHaveCount(0);

  await logIn(ext, 'again@example.com', 'again-Pass-1');
  const sentinel = await logIn(ext, 'elsewhere@example.com', 'else-Pass-2', 'alt');
  await expect.poll(() => badgeOf(ext, sentinel)).toBe('1');
  const listed = await ext.openPopup(page);
  await expect(listed.getByTestId('capture')).toHaveCount(1);
  await expect(listed.getByTestId('capture')).toHaveAttribute('data-origin', ext.site.altOrigin);

  const host = new URL(ext.site.origin).host;
  const options = await ext.context.newPage();
  await options.goto(`chrome-extension://${ext.extensionId}/src/options/index.html`);
  await expect(options.getByTestId('never-site')).toHaveAttribute('data-host', host);
  await options.getByTestId('never-remove').click();
  await expect(options.getByTestId('never-none')).toBeVisible();

  const back = await logIn(ext, 'third@example.com', 'third-Pass-3');
  await expect.poll(() => badgeOf(ext, back)).toBe('1');
});

test('when MySafe is down the save is queued, retried when it is back, and made once', async ({ ext }) => {
  await ext.configure();
  const page = await logIn(ext);
  const popup = await ext.openPopup(page);
  const card = popup.getByTestId('capture');
  await expect(card.getByTestId('capture-question')).toHaveText('Save login to MySafe?');

  ext.mysafe.failNext(1, 502);
  await card.getByTestId('capture-save').click();
  await expect(card.getByTestId('capture-status')).toHaveAttribute('data-state', 'queued');
  await expect(card.getByTestId('capture-status')).toContainText('The gateway in front of MySafe failed');
  await expect(card.getByTestId('capture-will-retry')).toBeVisible();
  expect(ext.mysafe.entries()).toHaveLength(0);

  // The alarm tries again by itself; a create that may have gone through is first looked for by url and username.
  await expect(card.getByTestId('capture-status')).toHaveAttribute('data-state', 'saved', { timeout: 45_000 });
  expect(ext.mysafe.entries()).toHaveLength(1);
  const lookups = ext.mysafe.requests().filter((r) => r.method === 'GET' && r.path === '/api/mysafe/password' && r.query.username !== undefined);
  expect(lookups.length).toBeGreaterThan(0);
  expect(creates(ext).filter((r) => r.status === 201)).toHaveLength(1);
  await expect.poll(() => badgeOf(ext, page)).toBe('');
});

test('an update MySafe refuses (1006) is saved as a new entry', async ({ ext }) => {
  await ext.configure();
  // Alice's entry, shared with demo with edit rights when the popup opens…
  const alices = ext.mysafe.addEntry('alice', {
    name: 'Shop (Alice)',
    url: ext.site.url('/login'),
    username: USERNAME,
    password: 'alice-Old-1',
    users_allowed: [{ username: 'demo', can_edit: true }],
  });
  const page = await logIn(ext);
  const popup = await ext.openPopup(page);
  const card = popup.getByTestId('capture');
  await expect(card.getByTestId('capture-target')).toHaveValue(alices.identifier);
  await expect(card.getByTestId('capture-question')).toHaveText(`Update password for ${USERNAME}?`);
  await expect(card.getByTestId('capture-changes').locator('li')).toHaveText(['Password: changed']);

  // …then Alice makes it view-only for demo.
  const tokenAnswer = await fetch(`${ext.mysafe.url}/api/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&client_id=alice-client&client_secret=alice-secret',
  });
  const { access_token: token } = (await tokenAnswer.json()) as { access_token: string };
  const revoked = await fetch(`${ext.mysafe.url}/api/mysafe/password/update/${alices.identifier}`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ users_allowed: [{ username: 'demo', can_edit: false }] }),
  });
  expect(revoked.status).toBe(200);

  await card.getByTestId('capture-save').click();
  await expect(card.getByTestId('capture-status')).toHaveAttribute('data-state', 'error');
  await expect(card.getByTestId('capture-status')).toContainText('You cannot edit that MySafe entry');
  await card.getByTestId('capture-save-new').click();
  await expect(card.getByTestId('capture-status')).toHaveAttribute('data-state', 'saved');

  const entries = ext.mysafe.entries();
  expect(entries).toHaveLength(2);
  expect(entries.find((e) => e.identifier === alices.identifier)).toMatchObject({ password: 'alice-Old-1', owner: 'alice' });
  expect(entries.find((e) => e.identifier !== alices.identifier)).toMatchObject({ username: USERNAME, password: PASSWORD, owner: 'demo' });
});

test('a capture outlives the service worker being stopped, and still saves', async ({ ext }) => {
  await ext.configure();
  const page = await logIn(ext);
  await expect.poll(() => badgeOf(ext, page)).toBe('1');

  // Stop the extension's service worker (CDP), and watch its state: Playwright's worker list does not see a stop.
  const cdp = await ext.context.newCDPSession(page);
  const states: string[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) if (v.scriptURL.includes(ext.extensionId)) states.push(v.runningStatus);
  });
  await cdp.send('ServiceWorker.enable');
  await expect.poll(() => states.at(-1)).toBe('running');
  const stopAt = states.length;
  await cdp.send('ServiceWorker.stopAllWorkers');
  // Look for the stop itself, not the last state: an event (a tab update, an alarm) may wake the worker right after,
  // which is fine — its memory is gone either way.
  await expect.poll(() => states.slice(stopAt).includes('stopped')).toBe(true);

  const popup = await ext.openPopup(page);
  const card = popup.getByTestId('capture');
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('capture-username')).toHaveValue(USERNAME);
  await card.getByTestId('capture-save').click();
  await expect(card.getByTestId('capture-status')).toHaveAttribute('data-state', 'saved');
  expect(ext.mysafe.entries()).toEqual([expect.objectContaining({ username: USERNAME, password: PASSWORD })]);
  // The popup's message started the worker again.
  expect(states.slice(states.lastIndexOf('stopped'))).toContain('running');
});

test('"Save this site" adds a login by hand for the tab, and the same login typed twice is one capture', async ({ ext }) => {
  await ext.configure();
  ext.site.route('/about', '<!doctype html><title>About</title><p>Nothing to log in to here.</p>');
  const page = await ext.context.newPage();
  await page.goto(ext.site.url('/about?ref=x#top'));
  const popup = await ext.openPopup(page);
  await popup.getByTestId('add-site').click();
  const card = popup.getByTestId('capture');
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('capture-url')).toHaveValue(ext.site.url('/about'));
  await expect(card.getByTestId('capture-username')).toHaveValue('');
  await card.getByTestId('capture-username').pressSequentially('by-hand@example.com');
  await card.getByTestId('capture-password').pressSequentially('typed-By-Hand-1');
  await card.getByTestId('capture-save').click();
  await expect(card.getByTestId('capture-status')).toHaveAttribute('data-state', 'saved');
  expect(ext.mysafe.entries()).toEqual([expect.objectContaining({ url: ext.site.url('/about'), username: 'by-hand@example.com' })]);

  const login = await logIn(ext);
  await login.goBack();
  await login.getByLabel('Email').fill('');
  await login.getByLabel('Email').pressSequentially(USERNAME);
  await login.getByLabel('Password').fill('');
  await login.getByLabel('Password').pressSequentially(PASSWORD);
  await login.getByRole('button', { name: 'Sign in' }).click();
  await login.waitForURL('**/session');
  await expect.poll(() => badgeOf(ext, login)).toBe('1');
});

test('the popup, in a screenshot: an update with its changes and a new login from a frame', async ({ ext }) => {
  await ext.configure();
  ext.mysafe.addEntry('demo', { name: 'Demo Mail', url: ext.site.url('/login'), username: USERNAME, password: 'old-Password-1', tags: 'mail' });
  const mail = await logIn(ext, USERNAME, 'new-Password-2');
  ext.site.route('/frame-login', LOGIN_PAGE);
  ext.site.route('/shop', `<!doctype html><title>Shop</title><h1>Shop</h1><iframe src="${ext.site.altUrl('/frame-login')}" width="500" height="260"></iframe>`);
  const shop = await ext.context.newPage();
  await shop.goto(ext.site.url('/shop'));
  const frame = shop.frameLocator('iframe');
  await frame.getByLabel('Email').pressSequentially('bruno@example.com');
  await frame.getByLabel('Password').pressSequentially('frame-Pass-7');
  await frame.getByRole('button', { name: 'Sign in' }).click();
  await expect(frame.getByText('ok')).toBeVisible();

  const popup = await ext.openPopup(mail);
  await popup.setViewportSize({ width: 400, height: 900 });
  const cards = popup.getByTestId('capture');
  await expect(cards).toHaveCount(2);
  // By origin: its title changes once saved.
  const update = popup.locator(`[data-testid="capture"][data-origin="${ext.site.origin}"]`);
  await expect(update.getByTestId('capture-question')).toHaveText(`Update password for ${USERNAME}?`);
  await expect(update.getByTestId('capture-changes').locator('li')).toHaveText(['Password: changed']);
  await update.getByTestId('capture-details').click();
  await update.getByTestId('capture-tags').fill('mail, work');
  await expect(update.getByTestId('capture-changes').locator('li')).toHaveText(['Password: changed', 'Tags: mail → mail, work']);
  // The details closed again: the compact card, its changes in one line.
  await update.getByTestId('capture-details').click();
  await expect(update.getByTestId('capture-tags')).toBeHidden();
  await expect(update.getByTestId('capture-changes')).toHaveText('Changes: Password: changedTags: mail → mail, work'); // "; " is CSS
  const lineTops = await update.getByTestId('capture-changes').locator('li').evaluateAll((items) => items.map((li) => li.getBoundingClientRect().top));
  expect(new Set(lineTops).size).toBe(1);
  const framed = cards.filter({ has: popup.getByTestId('capture-frame-warning') });
  await expect(framed).toHaveAttribute('data-origin', ext.site.altOrigin);
  await expect(framed.getByTestId('capture-frame-warning')).toContainText(`inside ${new URL(ext.site.origin).host}`);

  await update.getByTestId('capture-save').focus();
  // The README shows tests/screenshots/; ports differ on every run, so they are rewritten there only on request
  // (UPDATE_SCREENSHOTS=1), and otherwise go to test-results/ with the other artifacts.
  const dir = process.env.UPDATE_SCREENSHOTS
    ? join(projectRoot, 'tests', 'screenshots')
    : join(projectRoot, 'test-results', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await popup.locator('main').screenshot({ path: join(dir, 'popup.png') });
  await popup.emulateMedia({ colorScheme: 'dark' });
  await popup.locator('main').screenshot({ path: join(dir, 'popup-dark.png') });
  await popup.emulateMedia({ colorScheme: 'light' });

  // Finished: what was done, and Done (Done is pressed here, so the card does not leave by itself mid-shot).
  await update.getByTestId('capture-save').click();
  await expect(update.getByTestId('capture-status')).toHaveAttribute('data-state', 'saved');
  await expect(update.getByTestId('capture-question')).toHaveText('Password updated');
  await expect(update.getByTestId('capture-password')).toHaveCount(0);
  await popup.locator('main').screenshot({ path: join(dir, 'popup-saved.png') });
  await update.getByTestId('capture-done').click();

  // Empty: one sentence, then "This site" and "Two-factor key".
  await framed.getByTestId('capture-dismiss').click();
  await expect(cards).toHaveCount(0);
  await expect(popup.getByTestId('no-captures')).toHaveText('Nothing to save: no login was captured.');
  await expect(popup.getByRole('region', { name: 'This site' }).getByTestId('add-site')).toHaveText('Add a login by hand');
  await expect(popup.getByRole('region', { name: 'Two-factor key' }).getByTestId('scan-qr')).toBeVisible();
  await popup.locator('main').screenshot({ path: join(dir, 'popup-empty.png') });
});
