// Capture on real-looking pages (tests/fixtures/capture): what the user typed and sent shows up in the popup, once,
// with the right kind and origin; pages with nothing to save show nothing.
import type { Locator, Page } from '@playwright/test';
import { test, expect, type ExtensionHarness } from './harness';

const USERNAME = 'ana@example.com';
const PASSWORD = 'Tr0ub4dor&3-horse';
const NEW_PASSWORD = 'N3w-correct-staple';

async function open(ext: ExtensionHarness, path: string): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(ext.site.url(path));
  return page;
}

/** The popup's capture cards, opened for `page`'s tab. */
async function cards(ext: ExtensionHarness, page: Page): Promise<Locator> {
  const popup = await ext.openPopup(page);
  return popup.getByTestId('capture');
}

async function expectCapture(card: Locator, kind: string, username: string, password: string): Promise<void> {
  await expect(card).toHaveAttribute('data-kind', kind);
  await expect(card.getByTestId('capture-username')).toHaveValue(username);
  await expect(card.getByTestId('capture-password')).toHaveValue(password);
}

/** Nothing is offered: wait past the time a message takes, then the popup lists no capture. */
async function expectNothing(ext: ExtensionHarness, page: Page): Promise<void> {
  await page.waitForTimeout(700);
  const popup = await ext.openPopup(page);
  await expect(popup.getByTestId('no-captures')).toBeVisible();
  await expect(popup.getByTestId('capture')).toHaveCount(0);
}

async function typeLogin(user: Locator, password: Locator): Promise<void> {
  await user.pressSequentially(USERNAME);
  await password.pressSequentially(PASSWORD);
}

test.describe('submission', () => {
  test('a classic login form sent with its button', async ({ ext }) => {
    const page = await open(ext, '/capture/login.html');
    await typeLogin(page.getByLabel('Email'), page.getByLabel('Password'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/capture/done');
    const card = await cards(ext, page);
    await expect(card).toHaveCount(1);
    await expectCapture(card, 'login', USERNAME, PASSWORD);
    await expect(card).toHaveAttribute('data-origin', ext.site.origin);
  });

  test('a classic login form sent with Enter', async ({ ext }) => {
    const page = await open(ext, '/capture/login.html');
    await typeLogin(page.getByLabel('Email'), page.getByLabel('Password'));
    await page.keyboard.press('Enter');
    await page.waitForURL('**/capture/done');
    const card = await cards(ext, page);
    await expect(card).toHaveCount(1);
    await expectCapture(card, 'login', USERNAME, PASSWORD);
  });

  test('a login the page sends with form.submit() (no submit event)', async ({ ext }) => {
    const page = await open(ext, '/capture/login-js-submit.html');
    await page.getByLabel('User name').pressSequentially('ana.silva');
    await page.getByLabel('Password').pressSequentially(PASSWORD);
    await page.locator('#go').click();
    await page.waitForURL('**/capture/done');
    const card = await cards(ext, page);
    await expect(card).toHaveCount(1);
    await expectCapture(card, 'login', 'ana.silva', PASSWORD);
  });

  test('leaving through "Forgot password?" after typing is not a submission', async ({ ext }) => {
    const page = await open(ext, '/capture/login-js-submit.html');
    await page.getByLabel('User name').pressSequentially('ana.silva');
    await page.getByLabel('Password').pressSequentially(PASSWORD);
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.waitForURL('**/capture/done?forgot');
    await expectNothing(ext, page);
  });

  test('a login without <form> sent with fetch, the page clearing its fields first', async ({ ext }) => {
    const page = await open(ext, '/capture/spa-login.html');
    await typeLogin(page.getByPlaceholder('Usuário ou e-mail'), page.getByPlaceholder('Senha'));
    await page.getByRole('button', { name: 'Entrar' }).click();
    await expect(page.getByText('Bem-vindo!')).toBeVisible();
    const card = await cards(ext, page);
    await expect(card).toHaveCount(1);
    await expectCapture(card, 'login', USERNAME, PASSWORD);
  });

  test('a fetch login the server refuses (4xx) is not offered', async ({ ext }) => {
    const api = `${ext.mysafe.url}/api/mysafe/password`; // answers 401 without a token; same site (127.0.0.1)
    const page = await open(ext, `/capture/spa-login-rejected.html?api=${encodeURIComponent(api)}`);
    await typeLogin(page.getByLabel('Email'), page.getByLabel('Password'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Wrong password')).toBeVisible();
    await expectNothing(ext, page);
  });

  test('a login box that leaves the page after a click on an icon', async ({ ext }) => {
    const page = await open(ext, '/capture/spa-login-removed.html');
    await typeLogin(page.getByLabel('Login'), page.getByLabel('Password'));
    await page.locator('#go').click();
    await expect(page.locator('.login-box')).toHaveCount(0);
    const card = await cards(ext, page);
    await expect(card).toHaveCount(1);
    await expectCapture(card, 'login', USERNAME, PASSWORD);
  });

  test('a login box that is hidden after a click on an icon', async ({ ext }) => {
    const page = await open(ext, '/capture/spa-login-removed.html?hide');
    await typeLogin(page.getByLabel('Login'), page.getByLabel('Password'));
    await page.locator('#go').click();
    await expect(page.locator('.login-box')).toBeHidden();
    const card = await cards(ext, page);
    await expect(card).toHaveCount(1);
    await expectCapture(card, 'login', USERNAME, PASSWORD);
  });

  test('values the page masks or clears on submit are captured as typed', async ({ ext }) => {
    const page = await open(ext, '/capture/masked-on-submit.html');
    await typeLogin(page.getByLabel('Username'), page.getByLabel('Password'));
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/capture/done');
    const card = await cards(ext, page);
    await expect(card).toHaveCount(1);
    await expectCapture(card, 'login', USERNAME, PASSWORD);
  });

  test('a password shown as text ("show password") when sent', async ({ ext }) => {
    const page = await open(ext, '/capture/show-password.html');
    await typeLogin(page.getByLabel('Email'), page.getByLabel('Password', { exact: true }));
    await page.getByRole('button', { name: 'Show password' }).click();
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/capture/done');
    const card = await cards(ext, page);
    await expect(card).toHaveCount(1);
    await expectCapture(card, 'login', USERNAME, PASSWORD);
  });
});

test.describe('where the fields live', () => {
  test('a form drawn after load', async ({ ext }) => {
    const page = await open(ext, '/capture/late-fields.html');
    await typeLogin(page.getByLabel('Login'), page.getByLabel('Password'));
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/capture/done');
    const card = await cards(ext, page);
    await expect(card).toHaveCount(1);
    await expectCapture(card, 'login', USERNAME, PASSWORD);
  });

  test('an open shadow root', async ({ ext }) => {
    const page = await open(ext, '/capture/shadow-open.html');
    await typeLogin(page.getByLabel('Email'), page.getByLabel('Password'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/capture/done');
    const card = await cards(ext, page);
    await expect(card).toHaveCount(1);
    await expectCapture(card, 'login', USERNAME, PASSWORD);
  });

  test('a closed shadow root', async ({ ext }) => {
    const page = await open(ext, '/capture/shadow-closed.html');
    await page.evaluate(() => (window as unknown as { focusInLoginBox(id: string): void }).focusInLoginBox('email'));
    await page.keyboard.type(USERNAME);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/capture/done');
    const card = await cards(ext, page);
    await expect(card).toHaveCount(1);
    await expectCapture(card, 'login', USERNAME, PASSWORD);
  });

  test('a same-origin frame', async ({ ext }) => {
    const page = await open(ext, `/capture/frame-host.html?src=${encodeURIComponent('/capture/login.html')}`);
    const frame = page.frameLocator('#login');
    await typeLogin(frame.getByLabel('Email'), frame.getByLabel('Password'));
    await frame.getByRole('button', { name: 'Sign in' }).click();
    await expect(frame.getByText('ok')).toBeVisible();
    const card = await cards(ext, page);
    await expect(card).toHaveCount(1);
    await expectCapture(card, 'login', USERNAME, PASSWORD);
    await expect(card).toHaveAttribute('data-origin', ext.site.origin);
  });

  test('a cross-origin frame: the capture belongs to the frame origin', async ({ ext }) => {
    const page = await open(ext, `/capture/frame-host.html?src=${encodeURIComponent(ext.site.altUrl('/capture/login.html'))}`);
    const frame = page.frameLocator('#login');
    await typeLogin(frame.getByLabel('Email'), frame.getByLabel('Password'));
    await frame.getByRole('button', { name: 'Sign in' }).click();
    await expect(frame.getByText('ok')).toBeVisible();
    const card = await cards(ext, page);
    await expect(card).toHaveCount(1);
    await expectCapture(card, 'login', USERNAME, PASSWORD);
    await expect(card).toHaveAttribute('data-origin', ext.site.altOrigin);
  });
});

test.describe('form kinds', () => {
  test('a sign-up form: the new password, kind signup', async ({ ext }) => {
    const page = await open(ext, '/capture/signup.html');
    await page.getByLabel('Name').pressSequentially('Ana Silva');
    await page.getByLabel('Email').pressSequentially(USERNAME);
    await page.getByLabel('Password', { exact: true }).pressSequentially(NEW_PASSWORD);
    await page.getByLabel('Confirm password').pressSequentially(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.waitForURL('**/capture/done');
    const card = await cards(ext, page);
    await expect(card).toHaveCount(1);
    await expectCapture(card, 'signup', USERNAME, NEW_PASSWORD);
  });

  test('a change-password form: current, new and confirmation resolved by their values', async ({ ext }) => {
    const page = await open(ext, '/capture/change.html');
    await page.getByLabel('Senha atual').pressSequentially(PASSWORD);
    await page.getByLabel('Nova senha', { exact: true }).pressSequentially(NEW_PASSWORD);
    await page.getByLabel('Confirme a nova senha').pressSequentially(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Salvar' }).click();
    await page.waitForURL('**/capture/done');
    const card = await cards(ext, page);
    await expect(card).toHaveCount(1);
    await expectCapture(card, 'change', USERNAME, NEW_PASSWORD);
  });

  test('three different passwords: no guess', async ({ ext }) => {
    const page = await open(ext, '/capture/three-passwords.html');
    await page.getByLabel('A').pressSequentially('first-value');
    await page.getByLabel('B').pressSequentially('second-value');
    await page.getByLabel('C').pressSequentially('third-value');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL('**/capture/done');
    await expectNothing(ext, page);
  });

  test('two steps on two pages: username page, then a password page that only shows the username', async ({ ext }) => {
    const page = await open(ext, '/capture/step-username.html');
    await page.getByLabel('Email or phone').pressSequentially(USERNAME);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.waitForURL('**/step-password.html*');
    await page.getByLabel('Enter your password').pressSequentially(PASSWORD);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.waitForURL('**/capture/done');
    const card = await cards(ext, page);
    await expect(card).toHaveCount(1); // the username step alone is never offered
    await expectCapture(card, 'login', USERNAME, PASSWORD);
  });

  test('two steps on one page', async ({ ext }) => {
    const page = await open(ext, '/capture/spa-steps.html');
    await page.getByLabel('Email').pressSequentially(USERNAME);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Password').pressSequentially(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Signed in')).toBeVisible();
    const card = await cards(ext, page);
    await expect(card).toHaveCount(1);
    await expectCapture(card, 'login', USERNAME, PASSWORD);
  });
});

test.describe('what is left out', () => {
  test('hidden and off-screen honeypot fields', async ({ ext }) => {
    const page = await open(ext, '/capture/honeypot.html');
    await typeLogin(page.getByLabel('Username'), page.getByLabel('Password'));
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/capture/done');
    const card = await cards(ext, page);
    await expect(card).toHaveCount(1);
    await expectCapture(card, 'login', USERNAME, PASSWORD);
  });

  test('autocomplete="off" does not stop capture', async ({ ext }) => {
    const page = await open(ext, '/capture/autocomplete-off.html');
    await typeLogin(page.getByLabel('Benutzername'), page.getByLabel('Passwort'));
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL('**/capture/done');
    const card = await cards(ext, page);
    await expect(card).toHaveCount(1);
    await expectCapture(card, 'login', USERNAME, PASSWORD);
  });

  test('data-mysafe-ignore does', async ({ ext }) => {
    const page = await open(ext, '/capture/ignored.html');
    await typeLogin(page.getByLabel('Email'), page.getByLabel('Password'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/capture/done');
    await expectNothing(ext, page);
  });

  test('search boxes, contact forms and one-time codes are not logins', async ({ ext }) => {
    const page = await open(ext, '/capture/not-login.html');
    await page.getByLabel('Verification code').pressSequentially('123456');
    await page.getByLabel('Verification code').press('Enter');
    await page.waitForURL('**/capture/done');
    await page.goBack();
    await page.getByLabel('First name').pressSequentially('Ana');
    await page.getByLabel('Email').pressSequentially(USERNAME);
    await page.getByLabel('Message').pressSequentially('Hello there');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForURL('**/capture/done');
    await page.goBack();
    await page.getByLabel('Search').pressSequentially('password managers');
    await page.getByLabel('Search').press('Enter');
    await page.waitForURL('**/capture/done?q=*');
    await expectNothing(ext, page);
  });

  test('one message per submission: button click, submit event and navigation give one card', async ({ ext }) => {
    const page = await open(ext, '/capture/login.html');
    await typeLogin(page.getByLabel('Email'), page.getByLabel('Password'));
    await page.getByLabel('Password').press('Enter');
    await page.waitForURL('**/capture/done');
    const card = await cards(ext, page);
    await expect(card).toHaveCount(1);
  });
});
