// An administrator's policy in Firefox: policies.json's 3rdparty.Extensions.<gecko id>, written per worker into a temp
// dir that the harness points Firefox at (tests/firefox/harness.ts, firefoxPolicy). The connection is set and locked
// by the policy: the person configures nothing, the options page shows it locked, and a typed login is saved.
import { DEMO_CLIENT } from '../../src/mysafe-server';
import { test, expect, until, MYSAFE_URL } from './harness';
import { byTestId, CARD, logIn, PASSWORD, saveCard, USERNAME, waitForCards } from './steps';

test.use({
  firefoxPolicy: {
    serverUrl: MYSAFE_URL,
    clientId: DEMO_CLIENT.clientId,
    clientSecret: DEMO_CLIENT.clientSecret,
    defaultTags: 'from-policy',
    // Ignored, each with its line in the options page; the rest of the policy still applies.
    defaultGroupsAllowed: [{ group: 'IT' }],
    qrScanning: 'no',
    locked: ['serverUrl', 'clientId', 'clientSecret'],
  },
});

test('a policy sets and locks the connection: shown locked, and a login is saved with nothing configured', async ({ ext }) => {
  const options = await ext.open(ext.extUrl('src/options/index.html'));
  await until(options, () => document.querySelectorAll('[data-testid="managed-note"]').length === 3);
  const fields = await options.evaluate(() =>
    ['server-url', 'client-id', 'client-secret'].map((id) => {
      const input = document.querySelector<HTMLInputElement>(`[data-testid="${id}"]`)!;
      return { id, value: input.value, disabled: input.disabled };
    }),
  );
  expect(fields).toEqual([
    { id: 'server-url', value: ext.mysafe.url, disabled: true },
    { id: 'client-id', value: DEMO_CLIENT.clientId, disabled: true },
    { id: 'client-secret', value: '', disabled: true },
  ]);
  expect(await options.$$eval(byTestId('managed-note'), (notes) => notes.map((n) => [n.getAttribute('data-setting'), n.textContent]))).toEqual([
    ['serverUrl', 'Set by your organisation'],
    ['clientId', 'Set by your organisation'],
    ['clientSecret', 'Set by your organisation'],
  ]);
  // Connected with the policy's secret, which the page never had.
  await options.waitForSelector(`${byTestId('settings-status')}[data-state="ok"]`, { timeout: 20_000 });
  const problems = await options.$$eval(`${byTestId('managed-problems')} li`, (items) => items.map((li) => li.textContent));
  expect(problems).toEqual([expect.stringContaining('defaultGroupsAllowed'), expect.stringContaining('qrScanning')]);
  expect(await options.$eval(byTestId('default-tags'), (el) => (el as HTMLInputElement).value)).toBe('from-policy');
  await options.close();

  const page = await logIn(ext);
  const popup = await ext.openPopup(page);
  expect(await waitForCards(popup, 1)).toEqual(['login']);
  await saveCard(popup);
  expect(ext.mysafe.entries()).toEqual([expect.objectContaining({ username: USERNAME, password: PASSWORD, tags: 'from-policy' })]);
  // Nothing was stored by the person: the connection came from the policy alone.
  expect(await ext.inExtension(async (api) => (await api.storage.local.get('mysafe-settings'))['mysafe-settings'] ?? null, undefined)).toBeNull();
  expect(await popup.$(`${CARD} ${byTestId('capture-status')}[data-state="saved"]`)).not.toBeNull();
});
