// The whole path: settings through the options page, a login typed on a local page, saved from the popup into the
// local MySafe server.
import { test, expect } from './harness';
import { badgeText, logIn, PASSWORD, USERNAME } from './steps';

test('a login typed on a page is saved into MySafe from the popup', async ({ ext }) => {
  await ext.configure();
  const page = await logIn(ext);
  const tabId = await ext.tabIdOf(page);
  const badge = () => badgeText(ext, tabId);
  await expect.poll(badge).toBe('1');

  const popup = await ext.openPopup(page);
  const card = popup.getByTestId('capture');
  await expect(card).toHaveCount(1);
  await expect(card).toHaveAttribute('data-kind', 'login');
  await expect(card).toHaveAttribute('data-origin', ext.site.origin);
  // Named after the site: an IP with its port (a domain would be its registrable domain). Name and URL are details.
  const site = new URL(ext.site.origin).host;
  await expect(card.getByTestId('capture-site')).toHaveText(site);
  await expect(card.getByTestId('capture-name')).toHaveValue(site);
  await expect(card.getByTestId('capture-name')).toBeHidden();
  await expect(card.getByTestId('capture-url')).toHaveValue(ext.site.url('/login'));
  await expect(card.getByTestId('capture-username')).toHaveValue(USERNAME);
  await expect(card.getByTestId('capture-password')).toHaveAttribute('type', 'password');
  await expect(card.getByTestId('capture-password')).toHaveValue(PASSWORD);

  await card.getByTestId('capture-save').click();
  await expect(card.getByTestId('capture-status')).toHaveAttribute('data-state', 'saved');
  // The finished card says what happened, keeps no field (no Show, no Copy), offers Done, and leaves by itself.
  await expect(card.getByTestId('capture-question')).toHaveText(`Saved to MySafe as “${site}”`);
  await expect(card.getByTestId('capture-status')).toHaveText(`Saved to MySafe as “${site}”`);
  await expect(card.locator('input, textarea, select')).toHaveCount(0);
  await expect(card.getByTestId('capture-reveal')).toHaveCount(0);
  await expect(card.getByTestId('capture-done')).toBeVisible();

  const entries = ext.mysafe.entries();
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatchObject({ url: ext.site.url('/login'), name: site, username: USERNAME, password: PASSWORD });
  await expect(card).toHaveCount(0, { timeout: 15_000 });
  await expect(popup.getByTestId('no-captures')).toBeVisible();

  // Saved captures leave the pending list and the badge.
  const again = await ext.openPopup(page);
  await expect(again.getByTestId('no-captures')).toBeVisible();
  await expect.poll(badge).toBe('');
});

test('the popup works from the keyboard, and Dismiss drops a capture', async ({ ext }) => {
  await ext.configure();
  const page = await logIn(ext, 'first@example.com', 'first-password');
  await logIn(ext, 'second@example.com', 'second-password');
  const popup = await ext.openPopup(page);
  const cards = popup.getByTestId('capture');
  await expect(cards).toHaveCount(2);
  // The tab the popup acts on comes first.
  await expect(cards.first().getByTestId('capture-username')).toHaveValue('first@example.com');

  await cards.first().getByTestId('capture-save').focus();
  await popup.keyboard.press('Enter');
  await expect(cards.first().getByTestId('capture-status')).toHaveAttribute('data-state', 'saved');
  // Done takes the focus Save had: Enter again closes the finished card.
  await expect(cards.first().getByTestId('capture-done')).toBeFocused();
  await popup.keyboard.press('Enter');
  await expect(cards).toHaveCount(1);
  await expect(cards.first().getByTestId('capture-username')).toHaveValue('second@example.com');

  await cards.first().getByTestId('capture-dismiss').click();
  await expect(cards).toHaveCount(0);
  const fresh = await ext.openPopup(page);
  await expect(fresh.getByTestId('no-captures')).toBeVisible();
  expect(ext.mysafe.entries().map((e) => e.username)).toEqual(['first@example.com']);
});

test('the edited values are the ones saved, and a double click on Save makes one request', async ({ ext }) => {
  await ext.configure();
  const page = await logIn(ext);
  const popup = await ext.openPopup(page);
  const card = popup.getByTestId('capture');
  await card.getByTestId('capture-details').click();
  await card.getByTestId('capture-name').fill('Example mail');
  await card.getByTestId('capture-notes').fill('work account');
  await card.getByTestId('capture-tags').fill('mail,work');
  await card.getByTestId('capture-reveal').click();
  await expect(card.getByTestId('capture-password')).toHaveAttribute('type', 'text');

  ext.mysafe.setLatency(300);
  await card.getByTestId('capture-save').dblclick();
  await expect(card.getByTestId('capture-status')).toHaveAttribute('data-state', 'saved');

  const creates = ext.mysafe.requests().filter((r) => r.method === 'POST' && r.path === '/api/mysafe/password');
  expect(creates).toHaveLength(1);
  expect(ext.mysafe.entries()).toEqual([
    expect.objectContaining({ name: 'Example mail', notes: 'work account', tags: 'mail,work', password: PASSWORD }),
  ]);
});

test('a wrong Client Secret in the options shows an error and stores nothing', async ({ ext }) => {
  await ext.configure({ clientSecret: 'not-the-secret' });
  const options = await ext.context.newPage();
  await options.goto(`chrome-extension://${ext.extensionId}/src/options/index.html`);
  await expect(options.getByTestId('save-settings')).toBeEnabled();
  await expect(options.getByTestId('server-url')).toHaveValue('');
  await expect(options.getByTestId('client-secret')).toHaveValue('');
  await options.getByTestId('server-url').fill(ext.mysafe.url);
  await options.getByTestId('client-id').fill('mysafe-demo-client');
  await options.getByTestId('client-secret').fill('not-the-secret');
  await options.getByTestId('save-settings').click();
  const status = options.getByTestId('settings-status');
  await expect(status).toHaveAttribute('data-state', 'error');
  await expect(status).toContainText('Client ID or Client Secret rejected');
  const popup = await ext.openPopup();
  await expect(popup.getByTestId('not-configured')).toBeVisible();
});

test('an http:// URL that is not loopback is refused', async ({ ext }) => {
  const options = await ext.context.newPage();
  await options.goto(`chrome-extension://${ext.extensionId}/src/options/index.html`);
  await options.getByTestId('server-url').fill('http://vault.example.com');
  await options.getByTestId('client-id').fill('id');
  await options.getByTestId('client-secret').fill('secret');
  await options.getByTestId('save-settings').click();
  await expect(options.getByTestId('settings-status')).toHaveAttribute('data-state', 'error');
  await expect(options.getByTestId('settings-status')).toContainText('https://');
});

test('a server error on save keeps the capture, and a retry saves it once', async ({ ext }) => {
  await ext.configure();
  const page = await logIn(ext);
  const popup = await ext.openPopup(page);
  const card = popup.getByTestId('capture');

  ext.mysafe.failNext(1, 500);
  await card.getByTestId('capture-save').click();
  const status = card.getByTestId('capture-status');
  // A 500 may pass: the save is queued for a retry by the background, and the user may try again at once.
  await expect(status).toHaveAttribute('data-state', 'queued');
  await expect(status).toHaveText('MySafe had an unexpected error. Your login is kept here; try again.');
  expect(ext.mysafe.entries()).toHaveLength(0);

  // Still pending for a popup opened afresh, and kept in session storage (where it outlives a stopped worker).
  const worker = await ext.serviceWorker();
  const stored = await worker.evaluate(async () => JSON.stringify(await chrome.storage.session.get(null)));
  expect(stored).toContain(USERNAME);
  const reopened = await ext.openPopup(page);
  await expect(reopened.getByTestId('capture')).toHaveCount(1);

  await card.getByTestId('capture-save').click();
  await expect(status).toHaveAttribute('data-state', 'saved');
  expect(ext.mysafe.entries()).toEqual([expect.objectContaining({ username: USERNAME, password: PASSWORD })]);
});

test('the popup says when it is not configured and links to the options', async ({ ext }) => {
  const popup = await ext.openPopup();
  await expect(popup.getByTestId('not-configured')).toBeVisible();
  const optionsOpened = ext.context.waitForEvent('page', { predicate: (p) => p.url().includes('/src/options/') });
  await popup.getByTestId('open-options').click();
  await expect((await optionsOpened).getByTestId('server-url')).toBeVisible();
});
