// Accessibility of the popup, checked by axe-core (the rules screen readers and contrast checkers apply) in each state
// a person meets: nothing pending, a new login, an update, an authenticator key, an error, a finished card; in light
// and in dark; and the options page. No serious or critical violation; status changes are announced (aria-live).
import type { Page } from '@playwright/test';
import axe from 'axe-core';
import { test, expect } from './harness';
import { logIn, sendFixture, USERNAME } from './steps';
import { DEMO_CLIENT } from '../../src/mysafe-server';

interface Violation {
  id: string;
  impact: string | null | undefined;
  nodes: string[];
}

/** Runs axe on `popup` in light and dark; fails on any serious or critical violation, naming the state. */
async function expectAccessible(popup: Page, state: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme });
    // Evaluated over the DevTools protocol: the extension page's CSP (no eval, no inline script) does not apply.
    if (!(await popup.evaluate(() => 'axe' in window))) await popup.evaluate(axe.source);
    const violations: Violation[] = await popup.evaluate(async () => {
      const run = (window as unknown as { axe: typeof axe }).axe.run;
      const result = await run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
    });
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'), `${state}, ${colorScheme}`).toEqual([]);
  }
  await popup.emulateMedia({ colorScheme: 'light' });
}

test('the empty popup and an authenticator key card have no serious accessibility violation', async ({ ext }) => {
  await ext.configure();
  ext.site.route('/about', '<!doctype html><title>About</title><p>Nothing to log in to here.</p>');
  const page = await ext.context.newPage();
  await page.goto(ext.site.url('/about'));
  const popup = await ext.openPopup(page);
  await expect(popup.getByTestId('no-captures')).toBeVisible();
  await expect(popup.getByTestId('add-site')).toBeVisible();
  await expect(popup.getByTestId('scan-qr')).toBeVisible();
  await expectAccessible(popup, 'empty');

  await popup.getByTestId('manual-key-toggle').click();
  await expectAccessible(popup, 'empty, key form open');
  await popup.getByTestId('manual-key').fill(`otpauth://totp/Example:${encodeURIComponent(USERNAME)}?secret=JBSWY3DPEHPK3PXP&issuer=Example`);
  await popup.getByTestId('manual-add').click();
  const card = popup.locator('[data-testid="capture"][data-kind="totp"]');
  await expect(card.getByTestId('totp-code')).toHaveText(/^\d{3} ?\d{3}$/);
  await expectAccessible(popup, 'key card');
});

test('a new login, an update, an error and a finished card have no serious accessibility violation', async ({ ext }) => {
  await ext.configure();
  ext.mysafe.addEntry('demo', { name: 'Demo Mail', url: ext.site.url('/login'), username: USERNAME, password: 'old-Password-1' });
  const mail = await logIn(ext, USERNAME, 'new-Password-2');
  await logIn(ext, 'bruno@example.com', 'other-Pass-3', 'alt');
  const popup = await ext.openPopup(mail);
  const update = popup.locator(`[data-testid="capture"][data-origin="${ext.site.origin}"]`);
  const login = popup.locator(`[data-testid="capture"][data-origin="${ext.site.altOrigin}"]`);
  await expect(update.getByTestId('capture-changes').locator('li')).toHaveText(['Password: changed']);
  await expect(login.getByTestId('capture-question')).toHaveText('Save login to MySafe?');
  await expect(login.getByText('Checking MySafe for this site…')).toHaveCount(0);
  await expectAccessible(popup, 'a login and an update');

  await login.getByTestId('capture-details').click();
  await login.getByTestId('capture-sharing').locator('summary').click();
  await expectAccessible(popup, 'details and sharing open');

  // Status changes are announced to screen readers.
  await expect(login.getByTestId('capture-status')).toHaveAttribute('aria-live', 'polite');
  ext.mysafe.loseNextAnswer(1, 'unreadable');
  await login.getByTestId('capture-save').click();
  await expect(login.getByTestId('capture-status')).toHaveAttribute('data-state', 'error');
  await expectAccessible(popup, 'an error');

  await update.getByTestId('capture-save').click();
  await expect(update.getByTestId('capture-status')).toHaveAttribute('data-state', 'saved');
  await expect(update.getByTestId('capture-done')).toBeVisible();
  await expectAccessible(popup, 'a finished card');
});

test('a change that asks which password is new has no serious accessibility violation', async ({ ext }) => {
  await ext.configure();
  const page = await sendFixture(ext, '/capture/class-change-order-unsaid.html', [['old', 'old-Password-1'], ['new', 'new-Password-2']]);
  const popup = await ext.openPopup(page);
  const question = popup.getByTestId('capture-which-new');
  await expect(question.getByRole('radio')).toHaveCount(2);
  await expect(popup.getByText('Checking MySafe for this site…')).toHaveCount(0);
  await expectAccessible(popup, 'which is the new password');
  await question.getByRole('button', { name: 'Show First field' }).click();
  await question.getByRole('radio', { name: /^Second field/ }).check();
  await expectAccessible(popup, 'one shown, the new one picked');
});

test('a card that asks login or new account has no serious accessibility violation', async ({ ext }) => {
  await ext.configure();
  const page = await sendFixture(ext, '/capture/class-kind-unsaid.html', [['username', 'ana@example.com'], ['password', 'Password-1']]);
  const popup = await ext.openPopup(page);
  const question = popup.getByTestId('capture-kind-choice');
  await expect(question.getByRole('radio')).toHaveCount(2);
  await expect(popup.getByText('Checking MySafe for this site…')).toHaveCount(0);
  await expectAccessible(popup, 'login or new account');
});

test('the options page, new, connected and refused, has no serious accessibility violation', async ({ ext }) => {
  const options = await ext.context.newPage();
  await options.goto(`chrome-extension://${ext.extensionId}/src/options/index.html`);
  await expect(options.getByTestId('save-settings')).toBeEnabled();
  await expectAccessible(options, 'options, nothing set');

  await options.getByTestId('server-url').fill('http://mysafe.example.com');
  await expect(options.getByTestId('server-url-hint')).toHaveAttribute('data-state', 'error');
  await expectAccessible(options, 'options, a URL refused as typed');

  await options.getByTestId('server-url').fill(ext.mysafe.url);
  await options.getByTestId('client-id').fill(DEMO_CLIENT.clientId);
  await options.getByTestId('client-secret').fill('not-the-secret');
  await options.getByTestId('save-settings').click();
  await expect(options.getByTestId('settings-status')).toHaveAttribute('data-state', 'error');
  await expectAccessible(options, 'options, secret refused');

  await ext.configure();
  await options.reload();
  await expect(options.getByTestId('settings-status')).toHaveAttribute('data-state', 'ok');
  await expectAccessible(options, 'options, connected');
});
