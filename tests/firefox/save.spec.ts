// Settings, saving and updating in Firefox: the options page, a login saved from the popup, an update after a
// change-password form (and after one whose fields did not say which password is new), a new account from a form
// that did not say login or sign-up, MySafe down then back. The local MySafe server's log is the judge.
import { changePage } from '../browser/steps';
import { test, expect, clickOn, until } from './harness';
import {
  byTestId,
  CARD,
  clickAndWaitForNavigation,
  logIn,
  PASSWORD,
  saveCard,
  textOf,
  typeInto,
  USERNAME,
  valueOf,
  waitForAttribute,
  waitForCards,
  waitForText,
} from './steps';

test('the options connect to MySafe, and a wrong Client Secret shows an error', async ({ ext }) => {
  await ext.configure();
  await ext.configure({ clientSecret: 'not-the-secret' });
});

test('a login typed on a page is saved into MySafe from the popup', async ({ ext }) => {
  await ext.configure();
  const page = await logIn(ext);
  await expect.poll(() => ext.badgeOf(page)).toBe('1');
  const popup = await ext.openPopup(page);
  expect(await waitForCards(popup, 1)).toEqual(['login']);
  await waitForText(popup, `${CARD} ${byTestId('capture-question')}`, 'Save login to MySafe?');
  expect(await valueOf(popup, `${CARD} ${byTestId('capture-username')}`)).toBe(USERNAME);
  await saveCard(popup);
  expect(ext.mysafe.entries()).toEqual([expect.objectContaining({ username: USERNAME, password: PASSWORD })]);
  await expect.poll(() => ext.badgeOf(page)).toBe('');
});

test('a changed password updates the entry, and the update sends only the password', async ({ ext }) => {
  await ext.configure();
  const stored = ext.mysafe.addEntry('demo', { name: 'Shop', url: ext.site.url('/login'), username: USERNAME, password: 'old-Password-1', tags: 'shop' });
  ext.site.route('/account/password', changePage(USERNAME));
  const page = await ext.open(ext.site.url('/account/password'));
  await typeInto(page, [
    ['input[name="current"]', 'old-Password-1'],
    ['input[name="new"]', 'new-Password-2'],
    ['input[name="confirm"]', 'new-Password-2'],
  ]);
  await clickAndWaitForNavigation(page, 'button[type="submit"]');

  const popup = await ext.openPopup(page);
  expect(await waitForCards(popup, 1)).toEqual(['change']);
  await waitForText(popup, `${CARD} ${byTestId('capture-question')}`, `Update password for ${USERNAME}?`);
  expect(await valueOf(popup, `${CARD} ${byTestId('capture-target')}`)).toBe(stored.identifier);
  await saveCard(popup);
  const puts = ext.mysafe.requests().filter((r) => r.method === 'PUT' && r.path.startsWith('/api/mysafe/password/update/'));
  expect(puts.map((r) => r.path)).toEqual([`/api/mysafe/password/update/${stored.identifier}`]);
  expect(Object.keys(puts[0].body as object)).toEqual(['password']);
  expect(ext.mysafe.entries()).toEqual([expect.objectContaining({ identifier: stored.identifier, password: 'new-Password-2', tags: 'shop' })]);
});

test('a change whose two fields both say "Password": the card asks which is new, and the picked one updates the entry', async ({ ext }) => {
  await ext.configure();
  const stored = ext.mysafe.addEntry('demo', { name: 'Shop', url: ext.site.url('/login'), username: USERNAME, password: 'old-Password-1' });
  const page = await ext.open(ext.site.url('/capture/class-change-order-unsaid.html'));
  await typeInto(page, [
    ['[data-bench="old"]', 'old-Password-1'],
    ['[data-bench="new"]', 'new-Password-2'],
  ]);
  await clickAndWaitForNavigation(page, '[data-bench="next"]');

  const popup = await ext.openPopup(page);
  expect(await waitForCards(popup, 1)).toEqual(['change']);
  // The old password found the entry, whichever of the two it is.
  await waitForAttribute(popup, CARD, 'data-target', stored.identifier);
  const question = `${CARD} ${byTestId('capture-which-new')}`;
  await waitForText(popup, `${question} legend`, 'Which is the new password?');
  const options = `${question} ${byTestId('capture-which-new-option')}`;
  expect(await popup.$$eval(options, (radios) => radios.map((radio) => (radio as HTMLInputElement).checked))).toEqual([false, false]);
  expect(await popup.$eval(`${CARD} ${byTestId('capture-save')}`, (button) => (button as HTMLButtonElement).disabled)).toBe(true);

  const second = `${question} .which-new-option:nth-of-type(2)`;
  await clickOn(popup, `${second} button`);
  const shown = (sel: string, expected: string) => [...document.querySelectorAll(sel)].map((el) => el.textContent).join('|') === expected;
  await until(popup, shown, [`${question} ${byTestId('capture-which-new-value')}`, '••••••••|new-Password-2']);
  await clickOn(popup, `${second} ${byTestId('capture-which-new-option')}`);
  await until(popup, (sel: string) => (document.querySelector(sel) as HTMLInputElement | null)?.value === 'new-Password-2', [`${CARD} ${byTestId('capture-password')}`]);

  await saveCard(popup);
  const puts = ext.mysafe.requests().filter((r) => r.method === 'PUT' && r.path.startsWith('/api/mysafe/password/update/'));
  expect(puts.map((r) => r.path)).toEqual([`/api/mysafe/password/update/${stored.identifier}`]);
  expect(ext.mysafe.entries()).toEqual([expect.objectContaining({ identifier: stored.identifier, password: 'new-Password-2' })]);
});

test('a bare form that says neither login nor sign-up: the card asks, and "New account" saves the new entry', async ({ ext }) => {
  await ext.configure();
  const page = await ext.open(ext.site.url('/capture/class-kind-unsaid.html'));
  await typeInto(page, [
    ['[data-bench="username"]', USERNAME],
    ['[data-bench="password"]', PASSWORD],
  ]);
  await clickAndWaitForNavigation(page, '[data-bench="next"]');

  const popup = await ext.openPopup(page);
  // The guess (login: no word either way) is preselected.
  expect(await waitForCards(popup, 1)).toEqual(['login']);
  const question = `${CARD} ${byTestId('capture-kind-choice')}`;
  await waitForText(popup, `${question} legend`, 'Login or new account?');
  const options = `${question} ${byTestId('capture-kind-option')}`;
  const states = await popup.$$eval(options, (radios) => radios.map((radio) => [radio.getAttribute('data-kind'), (radio as HTMLInputElement).checked]));
  expect(states).toEqual([['login', true], ['signup', false]]);
  await waitForText(popup, `${CARD} ${byTestId('capture-question')}`, 'Save login to MySafe?');

  await clickOn(popup, `${options}[data-kind="signup"]`);
  await waitForAttribute(popup, CARD, 'data-kind', 'signup');
  await waitForText(popup, `${CARD} ${byTestId('capture-question')}`, 'Save new account to MySafe?');
  await saveCard(popup);
  const creates = ext.mysafe.requests().filter((r) => r.method === 'POST' && r.path === '/api/mysafe/password');
  expect(creates).toHaveLength(1);
  expect(ext.mysafe.entries()).toEqual([expect.objectContaining({ username: USERNAME, password: PASSWORD })]);
});

test('when MySafe is down the save is queued, retried when it is back, and made once', async ({ ext }) => {
  await ext.configure();
  const page = await logIn(ext);
  const popup = await ext.openPopup(page);
  await waitForCards(popup, 1);

  ext.mysafe.failNext(1, 502);
  await clickOn(popup, `${CARD} ${byTestId('capture-save')}`);
  await waitForAttribute(popup, `${CARD} ${byTestId('capture-status')}`, 'data-state', 'queued');
  expect(await textOf(popup, `${CARD} ${byTestId('capture-status')}`)).toContain('The gateway in front of MySafe failed');
  await popup.waitForSelector(`${CARD} ${byTestId('capture-will-retry')}`, { visible: true });
  expect(ext.mysafe.entries()).toHaveLength(0);

  // The alarm tries again by itself; a create that may have gone through is first looked for by url and username.
  await waitForAttribute(popup, `${CARD} ${byTestId('capture-status')}`, 'data-state', 'saved', 45_000);
  expect(ext.mysafe.entries()).toEqual([expect.objectContaining({ username: USERNAME, password: PASSWORD })]);
  const creates = ext.mysafe.requests().filter((r) => r.method === 'POST' && r.path === '/api/mysafe/password' && r.status === 201);
  expect(creates).toHaveLength(1);
  await expect.poll(() => ext.badgeOf(page)).toBe('');
});
