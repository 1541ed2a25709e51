// Capture on real-looking pages: what the user typed and submitted shows up in the popup, with the right kind.
import type { Locator, Page } from '@playwright/test';
import { test, expect, type ExtensionHarness } from './harness';

const USERNAME = 'ana@example.com';
const PASSWORD = 'Tr0ub4dor&3-horse';

async function open(ext: ExtensionHarness, path: string): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(ext.site.url(path));
  return page;
}

/** The popup's capture cards for `page`'s tab. */
async function captures(ext: ExtensionHarness, page: Page): Promise<Locator> {
  const popup = await ext.openPopup(page);
  return popup.getByTestId('capture');
}

async function expectCapture(card: Locator, kind: string, username: string, password: string): Promise<void> {
  await expect(card).toHaveAttribute('data-kind', kind);
  await expect(card.getByTestId('capture-username')).toHaveValue(username);
  await expect(card.getByTestId('capture-password')).toHaveValue(password);
}

test('a classic login form sent with its button', async ({ ext }) => {
  const page = await open(ext, '/capture/login.html');
  await page.getByLabel('Email').pressSequentially(USERNAME);
  await page.getByLabel('Password').pressSequentially(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/capture/done');
  const cards = await captures(ext, page);
  await expect(cards).toHaveCount(1);
  await expectCapture(cards, 'login', USERNAME, PASSWORD);
  await expect(cards).toHaveAttribute('data-origin', ext.site.origin);
});

test('a classic login form sent with Enter', async ({ ext }) => {
  const page = await open(ext, '/capture/login.html');
  await page.getByLabel('Email').pressSequentially(USERNAME);
  await page.getByLabel('Password').pressSequentially(PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForURL('**/capture/done');
  const cards = await captures(ext, page);
  await expect(cards).toHaveCount(1);
  await expectCapture(cards, 'login', USERNAME, PASSWORD);
});

test('a login the page sends with form.submit() (no submit event)', async ({ ext }) => {
  const page = await open(ext, '/capture/login-js-submit.html');
  await page.getByLabel('User name').pressSequentially('ana.silva');
  await page.getByLabel('Password').pressSequentially(PASSWORD);
  await page.locator('#go').click();
  await page.waitForURL('**/capture/done');
  const cards = await captures(ext, page);
  await expect(cards).toHaveCount(1);
  await expectCapture(cards, 'login', 'ana.silva', PASSWORD);
});
