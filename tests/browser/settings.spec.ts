// The options page as an attacker who can edit the settings would use it: the stored Client Secret must not follow a
// changed server URL, and a connection check that fails must not replace working settings.
import type { Page } from '@playwright/test';
import { startMySafeServer, DEMO_CLIENT } from '../../src/mysafe-server';
import { test, expect, type ExtensionHarness } from './harness';
import { logIn, USERNAME } from './steps';

const SECRET_REQUIRED = 'The server URL changed: enter the Client Secret again. The stored one is sent only to the server it was entered for.';

/** The options page, once it has loaded the stored settings (the form is disabled until then). */
async function openOptions(ext: ExtensionHarness): Promise<Page> {
  const options = await ext.context.newPage();
  await options.goto(`chrome-extension://${ext.extensionId}/src/options/index.html`);
  await expect(options.getByTestId('save-settings')).toBeEnabled();
  return options;
}

/** The server URL the background has stored (not the secret: the test has no need to read it). */
async function storedServerUrl(ext: ExtensionHarness): Promise<string | undefined> {
  const worker = await ext.serviceWorker();
  return worker.evaluate(async () => {
    const stored = (await chrome.storage.local.get('mysafe-settings'))['mysafe-settings'] as { baseUrl?: string } | undefined;
    return stored?.baseUrl;
  });
}

test('a changed server URL with the secret left empty is refused, and the new server is sent nothing', async ({ ext }) => {
  await ext.configure();
  const other = await startMySafeServer({ port: 0 });
  try {
    const options = await openOptions(ext);
    const secret = options.getByTestId('client-secret');
    await expect(secret).toHaveAttribute('placeholder', 'Stored. Leave empty to keep it.');
    await options.getByTestId('server-url').fill(other.url);
    // The page already says the stored secret will not be used for this server.
    await expect(secret).toHaveAttribute('placeholder', '');
    await options.getByTestId('save-settings').click();
    const status = options.getByTestId('settings-status');
    await expect(status).toHaveAttribute('data-state', 'error');
    await expect(status).toHaveText(SECRET_REQUIRED);
    expect(other.requests()).toEqual([]);
    expect(await storedServerUrl(ext)).toBe(ext.mysafe.url);

    // Typed again, the secret goes to the new server, which then is the one in use.
    await secret.fill(DEMO_CLIENT.clientSecret);
    await options.getByTestId('save-settings').click();
    await expect(status).toHaveAttribute('data-state', 'ok');
    expect(other.requests()).toEqual([
      expect.objectContaining({ method: 'POST', path: '/api/oauth2/token', status: 200, body: expect.objectContaining({ client_secret: '[redacted]' }) }),
    ]);
    expect(await storedServerUrl(ext)).toBe(other.url);
  } finally {
    await other.close();
  }
});

test('a check that fails stores nothing: the working settings stay in use', async ({ ext }) => {
  await ext.configure();
  const other = await startMySafeServer({ port: 0 });
  try {
    const options = await openOptions(ext);
    await options.getByTestId('server-url').fill(other.url);
    await options.getByTestId('client-secret').fill('not-the-secret');
    await options.getByTestId('save-settings').click();
    const status = options.getByTestId('settings-status');
    await expect(status).toHaveAttribute('data-state', 'error');
    await expect(status).toHaveText('Client ID or Client Secret rejected.');
    // What was typed stays in the page to be corrected; the background kept the old settings.
    await expect(options.getByTestId('server-url')).toHaveValue(other.url);
    // The secret field no longer offers to keep a secret that was just refused.
    await options.getByTestId('client-secret').fill('');
    await expect(options.getByTestId('client-secret')).toHaveAttribute('placeholder', 'Enter the Client Secret again.');
    expect(await storedServerUrl(ext)).toBe(ext.mysafe.url);
    const reopened = await openOptions(ext);
    await expect(reopened.getByTestId('server-url')).toHaveValue(ext.mysafe.url);
  } finally {
    await other.close();
  }

  // A login is still saved into the first server.
  const page = await logIn(ext);
  const popup = await ext.openPopup(page);
  const card = popup.getByTestId('capture');
  await card.getByTestId('capture-save').click();
  await expect(card.getByTestId('capture-status')).toHaveAttribute('data-state', 'saved');
  expect(ext.mysafe.entries()).toEqual([expect.objectContaining({ username: USERNAME })]);
});

test('opened, the options say whether the stored settings work now', async ({ ext }) => {
  const fresh = await openOptions(ext);
  // Nothing stored: nothing checked, nothing claimed.
  await expect(fresh.getByTestId('settings-status')).toHaveText('');
  await expect(fresh.getByTestId('settings-status')).not.toHaveAttribute('data-state', /./);

  await ext.configure();
  const options = await openOptions(ext);
  await expect(options.getByTestId('settings-status')).toHaveAttribute('data-state', 'ok');
  await expect(options.getByTestId('settings-status')).toHaveText('Connected');
  await expect(options.getByTestId('client-secret')).toHaveAttribute('placeholder', 'Stored. Leave empty to keep it.');

  // The secret revoked and the token gone: the next opening asks MySafe, which refuses the stored secret.
  const worker = await ext.serviceWorker();
  await worker.evaluate(async () => {
    const stored = (await chrome.storage.local.get('mysafe-settings'))['mysafe-settings'] as object;
    await chrome.storage.local.set({ 'mysafe-settings': { ...stored, clientSecret: 'revoked' } });
    await chrome.storage.session.remove('mysafe-token');
  });
  const rejected = await openOptions(ext);
  const status = rejected.getByTestId('settings-status');
  await expect(status).toHaveAttribute('data-state', 'error');
  await expect(status).toHaveText('Client ID or Client Secret rejected.');
  await expect(rejected.getByTestId('client-secret')).toHaveAttribute('placeholder', 'Enter the Client Secret again.');

  // Given again, it is stored and shown as working.
  await rejected.getByTestId('client-secret').fill(DEMO_CLIENT.clientSecret);
  await rejected.getByTestId('save-settings').click();
  await expect(status).toHaveAttribute('data-state', 'ok');
  await expect(rejected.getByTestId('client-secret')).toHaveAttribute('placeholder', 'Stored. Leave empty to keep it.');
});

test('the server URL is checked as it is typed: https, or plain http only for this computer', async ({ ext }) => {
  const options = await openOptions(ext);
  const url = options.getByTestId('server-url');
  const hint = options.getByTestId('server-url-hint');
  const NOT_HTTPS = 'The server URL must start with https:// (http:// only for localhost).';
  const cases: [string, string | undefined][] = [
    ['http://vault.example.com', NOT_HTTPS],
    ['http://10.0.0.5:8443', NOT_HTTPS],
    ['https://vault.example.com', undefined],
    ['http://localhost:8787', undefined],
    ['http://127.0.0.1:8787/mysafe', undefined],
    ['http://[::1]:8787', undefined],
    ['ftp://vault.example.com', 'The server URL is not valid.'],
    ['https://vault.example.com/?next=1', 'The server URL is not valid.'],
  ];
  for (const [typed, error] of cases) {
    await url.fill(typed);
    if (error) {
      await expect(hint, typed).toHaveAttribute('data-state', 'error');
      await expect(hint, typed).toHaveText(error);
      await expect(url, typed).toHaveAttribute('aria-invalid', 'true');
    } else {
      await expect(hint, typed).not.toHaveAttribute('data-state', /./);
      await expect(hint, typed).toHaveText('For example https://vault.example.com. Plain http:// is accepted only for this computer (localhost).');
      await expect(url, typed).not.toHaveAttribute('aria-invalid', /./);
    }
  }
  // The background holds the same rule: a refused URL is not sent to or stored.
  await url.fill('http://vault.example.com');
  await options.getByTestId('client-id').fill(DEMO_CLIENT.clientId);
  await options.getByTestId('client-secret').fill(DEMO_CLIENT.clientSecret);
  await options.getByTestId('save-settings').click();
  await expect(options.getByTestId('settings-status')).toHaveAttribute('data-state', 'error');
  await expect(options.getByTestId('settings-status')).toHaveText(NOT_HTTPS);
  expect(await storedServerUrl(ext)).toBeUndefined();
});

test("the switch turns the browser's own password saving off, and back on", async ({ ext }) => {
  const passwordSaving = async () =>
    (await ext.serviceWorker()).evaluate(async () => {
      const { value, levelOfControl } = await chrome.privacy.services.passwordSavingEnabled.get({});
      return { value, levelOfControl };
    });
  expect(await passwordSaving()).toEqual({ value: true, levelOfControl: 'controllable_by_this_extension' });

  const options = await openOptions(ext);
  const toggle = options.getByTestId('browser-saving');
  await expect(toggle).toBeEnabled();
  await expect(toggle).not.toBeChecked();
  await toggle.check();
  await expect(toggle).toBeChecked();
  expect(await passwordSaving()).toEqual({ value: false, levelOfControl: 'controlled_by_this_extension' });

  // Shown as set when opened again.
  const reopened = await openOptions(ext);
  await expect(reopened.getByTestId('browser-saving')).toBeChecked();
  await expect(reopened.getByTestId('browser-saving-note')).toHaveCount(0);

  await reopened.getByTestId('browser-saving').uncheck();
  await expect(reopened.getByTestId('browser-saving')).not.toBeChecked();
  expect(await passwordSaving()).toEqual({ value: true, levelOfControl: 'controllable_by_this_extension' });
});

test.describe('the popup offers, under a login card, to let only MySafe Capture ask', () => {
  const passwordSaving = async (ext: ExtensionHarness) =>
    (await ext.serviceWorker()).evaluate(async () => (await chrome.privacy.services.passwordSavingEnabled.get({})).value);
  const answered = async (ext: ExtensionHarness) =>
    (await ext.serviceWorker()).evaluate(async () => (await chrome.storage.local.get('browser-saving-offered'))['browser-saving-offered']);

  test('"Yes" turns the browser\'s own password saving off, and Settings shows it on', async ({ ext }) => {
    await ext.configure();
    const page = await logIn(ext);
    const popup = await ext.openPopup(page);
    await expect(popup.getByTestId('capture')).toHaveCount(1);
    const offer = popup.getByTestId('browser-prompt-offer');
    await offer.getByTestId('browser-prompt-offer-accept').click();
    await expect(offer).toHaveAttribute('data-state', 'done');
    expect(await passwordSaving(ext)).toBe(false);
    expect(await answered(ext)).toBe(true);
    const options = await openOptions(ext);
    await expect(options.getByTestId('browser-saving')).toBeChecked();
  });

  test('"Not now" leaves it on and is kept, so the popup does not ask again', async ({ ext }) => {
    await ext.configure();
    const page = await logIn(ext);
    const popup = await ext.openPopup(page);
    const offer = popup.getByTestId('browser-prompt-offer');
    await offer.getByTestId('browser-prompt-offer-dismiss').click();
    await expect(offer).toHaveCount(0);
    expect(await answered(ext)).toBe(true);
    expect(await passwordSaving(ext)).toBe(true);
  });
});
