// The options page's switch "Let MySafe Capture ask instead of the browser" in Firefox: the privacy API turns
// Firefox's own password saving (signon.rememberSignons) off, and clearing it gives Firefox back its own choice.
import { test, expect, clickOn, until } from './harness';
import { byTestId, logIn, waitForAttribute, waitForCards } from './steps';

const SWITCH = byTestId('browser-saving');

// Puppeteer's automation profile turns Firefox's password saving off; a person's profile has it on.
test.use({ firefoxPrefs: { 'signon.rememberSignons': true } });

test("the switch turns Firefox's own password saving off, and back on", async ({ ext }) => {
  const passwordSaving = () =>
    ext.inExtension(async (api) => {
      const { value, levelOfControl } = await api.privacy.services.passwordSavingEnabled.get({});
      return { value, levelOfControl };
    }, undefined);
  expect(await passwordSaving()).toEqual({ value: true, levelOfControl: 'controllable_by_this_extension' });

  const options = await ext.open(ext.extUrl('src/options/index.html'));
  await options.waitForSelector(`${SWITCH}:not([disabled])`);
  expect(await options.$eval(SWITCH, (el) => (el as HTMLInputElement).checked)).toBe(false);
  await clickOn(options, SWITCH);
  await options.waitForSelector(`${SWITCH}:checked`);
  expect(await passwordSaving()).toEqual({ value: false, levelOfControl: 'controlled_by_this_extension' });

  // Shown as set when opened again, with no note.
  const reopened = await ext.open(ext.extUrl('src/options/index.html'));
  await reopened.waitForSelector(`${SWITCH}:checked:not([disabled])`);
  expect(await reopened.$(byTestId('browser-saving-note'))).toBeNull();

  await clickOn(reopened, SWITCH);
  await reopened.waitForSelector(`${SWITCH}:not(:checked)`);
  expect(await passwordSaving()).toEqual({ value: true, levelOfControl: 'controllable_by_this_extension' });
});

test('the popup offers, under a login card, to let only MySafe Capture ask; "Yes" turns Firefox\'s saving off', async ({ ext }) => {
  await ext.configure();
  const page = await logIn(ext);
  const popup = await ext.openPopup(page);
  await waitForCards(popup, 1);
  const offer = byTestId('browser-prompt-offer');
  await until(popup, (selector) => !!document.querySelector(selector), [`${offer} ${byTestId('browser-prompt-offer-accept')}`]);
  await clickOn(popup, `${offer} ${byTestId('browser-prompt-offer-accept')}`);
  await waitForAttribute(popup, offer, 'data-state', 'done');
  const passwordSaving = () => ext.inExtension(async (api) => (await api.privacy.services.passwordSavingEnabled.get({})).value, undefined);
  expect(await passwordSaving()).toBe(false);
});
