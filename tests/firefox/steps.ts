// Steps the Firefox specs share: typing like a person, sending a login, and reading the popup's cards.
import type { Page } from 'puppeteer-core';
import { LOGIN_PAGE, PASSWORD, USERNAME } from '../browser/steps';
import { expect, until, type FirefoxHarness, clickOn } from './harness';

export { PASSWORD, USERNAME };

export const byTestId = (id: string) => `[data-testid="${id}"]`;
export const CARD = byTestId('capture');

/** Types into each field (a CSS selector) key by key, like a person. */
export async function typeInto(page: Page, fields: Array<[string, string]>): Promise<void> {
  for (const [selector, value] of fields) await page.type(selector, value);
}

/** Clicks `selector` and waits for the navigation it starts. */
export async function clickAndWaitForNavigation(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

/** Types a login on a local page (the site's main origin, or its second one) and sends it with the button. */
export async function logIn(ext: FirefoxHarness, username = USERNAME, password = PASSWORD, origin: 'main' | 'alt' = 'main'): Promise<Page> {
  ext.site.route('/login', LOGIN_PAGE);
  const page = await ext.open(origin === 'main' ? ext.site.url('/login') : ext.site.altUrl('/login'));
  await typeInto(page, [
    ['input[name="email"]', username],
    ['input[name="password"]', password],
  ]);
  await clickAndWaitForNavigation(page, 'button[type="submit"]');
  expect(new URL(page.url()).pathname).toBe('/session');
  return page;
}

/** Waits until `selector` has `attribute` equal to `value` (or matching it). */
export async function waitForAttribute(page: Page, selector: string, attribute: string, value: string | RegExp, timeout?: number): Promise<void> {
  await until(
    page,
    (sel: string, attr: string, source: string, flags: string, exact: boolean) => {
      const found = document.querySelector(sel)?.getAttribute(attr);
      return found != null && (exact ? found === source : new RegExp(source, flags).test(found));
    },
    [selector, attribute, typeof value === 'string' ? value : value.source, typeof value === 'string' ? '' : value.flags, typeof value === 'string'],
    timeout,
  );
}

/** The text of the first element `selector` finds, once there is one. */
export async function textOf(page: Page, selector: string): Promise<string> {
  const element = await page.waitForSelector(selector);
  return (await element!.evaluate((el) => el.textContent ?? '')).trim();
}

/** The value of the input `selector` finds, once there is one. */
export async function valueOf(page: Page, selector: string): Promise<string> {
  const element = await page.waitForSelector(selector);
  return element!.evaluate((el) => (el as HTMLInputElement).value);
}

/** Waits until the page lists exactly `count` capture cards, and returns their kinds. */
export async function waitForCards(page: Page, count: number): Promise<string[]> {
  await until(page, (sel: string, n: number) => document.querySelectorAll(sel).length === n, [CARD, count]);
  return page.$$eval(CARD, (cards) => cards.map((card) => card.getAttribute('data-kind') ?? ''));
}

/** Presses the card's Save and waits for it to say `saved`. */
export async function saveCard(popup: Page): Promise<void> {
  await clickOn(popup, `${CARD} ${byTestId('capture-save')}`);
  await waitForAttribute(popup, `${CARD} ${byTestId('capture-status')}`, 'data-state', 'saved');
}

/** Waits until the first element `selector` finds has exactly this text (trimmed): texts that follow an answer change. */
export async function waitForText(page: Page, selector: string, text: string): Promise<void> {
  await until(page, (sel: string, expected: string) => document.querySelector(sel)?.textContent?.trim() === expected, [selector, text])
    .catch(async (error: Error) => {
      const shown = await page.$eval(selector, (el) => el.textContent).catch(() => 'nothing');
      throw new Error(`${selector} never said "${text}" (it says "${shown}"): ${error.message}`);
    });
}
