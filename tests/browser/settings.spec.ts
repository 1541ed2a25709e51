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
