// Capture in Firefox on the shared fixture pages (tests/fixtures/capture): a two-step login across two pages.
import { test, expect, until } from './harness';
import { byTestId, CARD, clickAndWaitForNavigation, PASSWORD, typeInto, USERNAME, valueOf, waitForCards } from './steps';

test('two steps on two pages: username page, then a password page that only shows the username', async ({ ext }) => {
  const page = await ext.open(ext.site.url('/capture/step-username.html'));
  await typeInto(page, [['input[name="identifier"]', USERNAME]]);
  await clickAndWaitForNavigation(page, 'button[type="submit"]');
  expect(new URL(page.url()).pathname).toBe('/capture/step-password.html');
  await typeInto(page, [['input[name="Passwd"]', PASSWORD]]);
  await clickAndWaitForNavigation(page, 'button[type="submit"]');

  // The username step alone is never offered: one login card, with both steps' values.
  const popup = await ext.openPopup(page);
  expect(await waitForCards(popup, 1)).toEqual(['login']);
  expect(await valueOf(popup, `${CARD} ${byTestId('capture-username')}`)).toBe(USERNAME);
  expect(await valueOf(popup, `${CARD} ${byTestId('capture-password')}`)).toBe(PASSWORD);
});

// One form redrawn for each step (tests/fixtures/capture/steps-redrawn.html): each step is read before the page's own
// handler replaces it, and the last identifier given (the e-mail) goes with the password.
for (const [title, query, next] of [
  ['Enter between steps', '', 'enter'],
  ['a "Next" button of type=button, no submit event', '?next=button', 'button'],
  ["each step's input removed and a new one inserted", '?replace=1', 'button'],
  ['the steps in a dialog that closes on each submission', '?dialog=1', 'enter'],
  ['the form mounted only after a click on "Show login"', '?mount=click', 'enter'],
] as const) {
  test(`one form redrawn for each step: ${title}`, async ({ ext }) => {
    const page = await ext.open(ext.site.url(`/capture/steps-redrawn.html${query}`));
    if (query.includes('mount=click')) await page.click('#show');
    for (const [name, value] of [['username', 'ana.souza'], ['email', USERNAME], ['password', PASSWORD]]) {
      await typeInto(page, [[`#f-${name}`, value]]);
      if (next === 'enter') await page.keyboard.press('Enter');
      else await page.click('form button');
    }
    await until(page, () => document.body.textContent?.includes('Signed in'));

    const popup = await ext.openPopup(page);
    expect(await waitForCards(popup, 1)).toEqual(['login']);
    expect(await valueOf(popup, `${CARD} ${byTestId('capture-username')}`)).toBe(USERNAME);
    expect(await valueOf(popup, `${CARD} ${byTestId('capture-password')}`)).toBe(PASSWORD);
  });
}

// A password change in steps (tests/fixtures/capture/class-change-steps.html): the username, the current password, the
// new password and its confirmation, one form redrawn per step or a page per step, end as one change card.
const NEW_PASSWORD = 'N3w-correct-staple';
for (const [title, query] of [
  ['one form redrawn per step', '?confirm=1'],
  ['a page per step', '?confirm=1&pages=1'],
] as const) {
  test(`a password change in steps (class 15): ${title}`, async ({ ext }) => {
    const page = await ext.open(ext.site.url(`/capture/class-change-steps.html${query}`));
    const pages = query.includes('pages=1');
    for (const fields of [[['#u', USERNAME]], [['#cur', PASSWORD]], [['#new', NEW_PASSWORD], ['#again', NEW_PASSWORD]]] as Array<Array<[string, string]>>) {
      await page.waitForSelector(fields[0][0]);
      await typeInto(page, fields);
      if (pages) await clickAndWaitForNavigation(page, 'button[type="submit"]');
      else await page.keyboard.press('Enter');
    }
    if (pages) expect(new URL(page.url()).pathname).toBe('/capture/done');
    else await until(page, () => document.body.textContent?.includes('Password changed'));

    const popup = await ext.openPopup(page);
    expect(await waitForCards(popup, 1)).toEqual(['change']);
    expect(await valueOf(popup, `${CARD} ${byTestId('capture-username')}`)).toBe(USERNAME);
    expect(await valueOf(popup, `${CARD} ${byTestId('capture-password')}`)).toBe(NEW_PASSWORD);
  });
}

// Inputs in the closed shadow root of a form-associated custom element (class 10), typed with the keyboard (no
// selector reaches a closed root) and sent with Enter, which the element turns into its form's requestSubmit().
test('inputs in the closed shadow root of a form-associated custom element (class 10)', async ({ ext }) => {
  const page = await ext.open(ext.site.url('/capture/class-form-associated-closed.html'));
  await page.evaluate(() => (window as unknown as { focusInFields(id: string): void }).focusInFields('email'));
  await page.keyboard.type(USERNAME);
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  expect(new URL(page.url()).pathname).toBe('/capture/done');

  const popup = await ext.openPopup(page);
  expect(await waitForCards(popup, 1)).toEqual(['login']);
  expect(await valueOf(popup, `${CARD} ${byTestId('capture-username')}`)).toBe(USERNAME);
  expect(await valueOf(popup, `${CARD} ${byTestId('capture-password')}`)).toBe(PASSWORD);
});

// A text field the page masks as its password box, sent with fetch (class 12): kept once the box leaves the page.
for (const [title, send] of [['its button', 'click'], ['Enter', 'enter']] as const) {
  test(`a text password box sent with fetch by ${title} (class 12)`, async ({ ext }) => {
    const page = await ext.open(ext.site.url('/capture/class-text-password.html'));
    await typeInto(page, [['#user', USERNAME], ['#pass', PASSWORD]]);
    if (send === 'enter') await page.keyboard.press('Enter');
    else await page.click('#entrar');
    await until(page, () => document.body.textContent?.includes('Welcome'));

    const popup = await ext.openPopup(page);
    expect(await waitForCards(popup, 1)).toEqual(['login']);
    expect(await valueOf(popup, `${CARD} ${byTestId('capture-username')}`)).toBe(USERNAME);
    expect(await valueOf(popup, `${CARD} ${byTestId('capture-password')}`)).toBe(PASSWORD);
  });
}

// A div "button" with a script listener (class 3) and a button far from form-less fields in layout tables (class 4),
// both logging in with fetch and staying on the page.
for (const [title, path, button] of [
  ['a div "button" clicked on its caption (class 3)', '/capture/class-div-button.html', '#entrar span'],
  ['a toolbar button far from the form-less fields of a layout table (class 4)', '/capture/class-far-button.html', '#login'],
] as const) {
  test(title, async ({ ext }) => {
    const page = await ext.open(ext.site.url(path));
    await typeInto(page, [['[data-bench="username"]', USERNAME], ['[data-bench="password"]', PASSWORD]]);
    await page.click(button);
    await until(page, () => document.body.textContent?.includes('Welcome'));

    const popup = await ext.openPopup(page);
    expect(await waitForCards(popup, 1)).toEqual(['login']);
    expect(await valueOf(popup, `${CARD} ${byTestId('capture-username')}`)).toBe(USERNAME);
    expect(await valueOf(popup, `${CARD} ${byTestId('capture-password')}`)).toBe(PASSWORD);
  });
}
