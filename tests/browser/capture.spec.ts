// Capture on real-looking pages (tests/fixtures/capture): what the user typed and sent shows up in the popup, once,
// with the right kind and origin; pages with nothing to save show nothing.
import type { Locator, Page } from '@playwright/test';
import { test, expect, type ExtensionHarness } from './harness';
import { badgeOf, logIn } from './steps';

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

/** Opens the popup for `page`'s tab and checks it offers exactly one capture card, which it returns. */
async function onlyCard(ext: ExtensionHarness, page: Page): Promise<Locator> {
  const card = await cards(ext, page);
  await expect(card).toHaveCount(1);
  return card;
}

async function expectCapture(card: Locator, kind: string, username: string, password: string): Promise<void> {
  await expect(card).toHaveAttribute('data-kind', kind);
  await expect(card.getByTestId('capture-username')).toHaveValue(username);
  await expect(card.getByTestId('capture-password')).toHaveValue(password);
}

/** The popup offers exactly one card for `page`, with this kind, username and password (and origin, when given). */
async function expectOnlyCapture(
  ext: ExtensionHarness,
  page: Page,
  kind: string,
  username: string,
  password: string,
  origin?: string,
): Promise<void> {
  const card = await onlyCard(ext, page);
  await expectCapture(card, kind, username, password);
  if (origin !== undefined) await expect(card).toHaveAttribute('data-origin', origin);
}

/**
 * Nothing is offered, and the background says why: the popup's "See why" panel shows `reason` for the tab (the
 * proof that the submission was handled), and the popup lists no capture.
 */
async function expectNothing(ext: ExtensionHarness, page: Page, reason: string): Promise<void> {
  const popup = await ext.openPopup(page);
  await popup.getByTestId('see-why').click();
  await expect(popup.getByTestId('see-why-report').locator(`li[data-reason="${reason}"]`)).toHaveCount(1);
  await expect(popup.getByTestId('no-captures')).toBeVisible();
  await expect(popup.getByTestId('capture')).toHaveCount(0);
}

/**
 * Nothing was captured for `page` by actions that are no submission (they leave no "See why" reason to wait for): a
 * real login in another tab is kept afterwards (the page's message, if it had sent one, would have been handled long
 * before), and `page`'s tab still has no capture.
 */
async function expectNoCards(ext: ExtensionHarness, page: Page): Promise<void> {
  const later = await logIn(ext, 'later@example.com', 'L4ter-login-pass');
  await expect.poll(() => badgeOf(ext, later)).toBe('1');
  expect(await badgeOf(ext, page)).toBe('');
}

/** A field to type into: its label on the page (`getByLabel`), or a function that finds it. */
type Target = string | ((page: Page) => Locator);
/** What the page shows once the form was sent: a URL glob to wait for, or a function that waits. */
type Arrival = string | ((page: Page) => Promise<void>);

interface Visit {
  /** The fixture page, e.g. '/capture/login.html'. */
  path: string;
  /** Fields typed like a person, key by key, in this order. */
  fields: Array<[Target, string]>;
  /** How the form is sent: the name of the button to click, or a function that sends it. */
  send: string | ((page: Page) => Promise<void>);
  /** Waited for after sending; '**\/capture/done' unless told. */
  until?: Arrival;
}

const find = (page: Page, target: Target): Locator => (typeof target === 'string' ? page.getByLabel(target) : target(page));

/** The usual login: USERNAME into `user`, then PASSWORD into `password`. */
const login = (user: Target, password: Target): Array<[Target, string]> => [
  [user, USERNAME],
  [password, PASSWORD],
];

/** Opens a fixture page, types its fields like a person, sends the form and waits for what follows. */
async function submit(ext: ExtensionHarness, visit: Visit): Promise<Page> {
  const page = await open(ext, visit.path);
  for (const [target, value] of visit.fields) await find(page, target).pressSequentially(value);
  if (typeof visit.send === 'string') await page.getByRole('button', { name: visit.send }).click();
  else await visit.send(page);
  const until = visit.until ?? '**/capture/done';
  if (typeof until === 'string') await page.waitForURL(until);
  else await until(page);
  return page;
}

const pressEnter = (page: Page): Promise<void> => page.keyboard.press('Enter');
const clickGo = (page: Page): Promise<void> => page.locator('#go').click();

test.describe('submission', () => {
  test('a classic login form sent with its button', async ({ ext }) => {
    const page = await submit(ext, { path: '/capture/login.html', fields: login('Email', 'Password'), send: 'Sign in' });
    await expectOnlyCapture(ext, page, 'login', USERNAME, PASSWORD, ext.site.origin);
  });

  test('a classic login form sent with Enter', async ({ ext }) => {
    const page = await submit(ext, { path: '/capture/login.html', fields: login('Email', 'Password'), send: pressEnter });
    await expectOnlyCapture(ext, page, 'login', USERNAME, PASSWORD);
  });

  test('a login the page sends with form.submit() (no submit event)', async ({ ext }) => {
    const page = await submit(ext, {
      path: '/capture/login-js-submit.html',
      fields: [['User name', 'ana.silva'], ['Password', PASSWORD]],
      send: clickGo,
    });
    await expectOnlyCapture(ext, page, 'login', 'ana.silva', PASSWORD);
  });

  test('leaving through "Forgot password?" after typing is not a submission', async ({ ext }) => {
    const page = await submit(ext, {
      path: '/capture/login-js-submit.html',
      fields: [['User name', 'ana.silva'], ['Password', PASSWORD]],
      send: (p) => p.getByRole('link', { name: 'Forgot password?' }).click(),
      until: '**/capture/done?forgot',
    });
    await expectNothing(ext, page, 'not-sent');
  });

  test('a login without <form> sent with fetch, the page clearing its fields first', async ({ ext }) => {
    const page = await submit(ext, {
      path: '/capture/spa-login.html',
      fields: login((p) => p.getByPlaceholder('Usuário ou e-mail'), (p) => p.getByPlaceholder('Senha')),
      send: 'Entrar',
      until: (p) => expect(p.getByText('Bem-vindo!')).toBeVisible(),
    });
    await expectOnlyCapture(ext, page, 'login', USERNAME, PASSWORD);
  });

  test('a fetch login the server refuses (4xx) is not offered', async ({ ext }) => {
    const api = ext.site.url('/refuse/login'); // the site's own API, answering 401
    const page = await submit(ext, {
      path: `/capture/spa-login-rejected.html?api=${encodeURIComponent(api)}`,
      fields: login('Email', 'Password'),
      send: 'Sign in',
      until: (p) => expect(p.getByText('Wrong password')).toBeVisible(),
    });
    await expectNothing(ext, page, 'refused-by-site');
  });

  test('a login box that leaves the page after a click on an icon', async ({ ext }) => {
    const page = await submit(ext, {
      path: '/capture/spa-login-removed.html',
      fields: login('Login', 'Password'),
      send: clickGo,
      until: (p) => expect(p.locator('.login-box')).toHaveCount(0),
    });
    await expectOnlyCapture(ext, page, 'login', USERNAME, PASSWORD);
  });

  test('a login box that is hidden after a click on an icon', async ({ ext }) => {
    const page = await submit(ext, {
      path: '/capture/spa-login-removed.html?hide',
      fields: login('Login', 'Password'),
      send: clickGo,
      until: (p) => expect(p.locator('.login-box')).toBeHidden(),
    });
    await expectOnlyCapture(ext, page, 'login', USERNAME, PASSWORD);
  });

  test('values the page masks or clears on submit are captured as typed', async ({ ext }) => {
    const page = await submit(ext, { path: '/capture/masked-on-submit.html', fields: login('Username', 'Password'), send: 'Log in' });
    await expectOnlyCapture(ext, page, 'login', USERNAME, PASSWORD);
  });

  test('a password shown as text ("show password") when sent', async ({ ext }) => {
    const page = await submit(ext, {
      path: '/capture/show-password.html',
      fields: login('Email', (p) => p.getByLabel('Password', { exact: true })),
      send: async (p) => {
        await p.getByRole('button', { name: 'Show password' }).click();
        await p.getByRole('button', { name: 'Log in' }).click();
      },
    });
    await expectOnlyCapture(ext, page, 'login', USERNAME, PASSWORD);
  });
});

test.describe('where the fields live', () => {
  test('a form drawn after load', async ({ ext }) => {
    const page = await submit(ext, { path: '/capture/late-fields.html', fields: login('Login', 'Password'), send: 'Log in' });
    await expectOnlyCapture(ext, page, 'login', USERNAME, PASSWORD);
  });

  test('an open shadow root', async ({ ext }) => {
    const page = await submit(ext, { path: '/capture/shadow-open.html', fields: login('Email', 'Password'), send: 'Sign in' });
    await expectOnlyCapture(ext, page, 'login', USERNAME, PASSWORD);
  });

  test('a closed shadow root', async ({ ext }) => {
    const page = await submit(ext, {
      path: '/capture/shadow-closed.html',
      fields: [], // the closed root hides its fields from locators: the keyboard types them
      send: async (p) => {
        await p.evaluate(() => (window as unknown as { focusInLoginBox(id: string): void }).focusInLoginBox('email'));
        await p.keyboard.type(USERNAME);
        await p.keyboard.press('Tab');
        await p.keyboard.type(PASSWORD);
        await p.keyboard.press('Enter');
      },
    });
    await expectOnlyCapture(ext, page, 'login', USERNAME, PASSWORD);
  });

  /** Types the usual login into the #login frame of frame-host.html showing `src`, sends it and waits for its answer. */
  async function submitInFrame(ext: ExtensionHarness, src: string): Promise<Page> {
    const frame = (p: Page) => p.frameLocator('#login');
    return submit(ext, {
      path: `/capture/frame-host.html?src=${encodeURIComponent(src)}`,
      fields: login((p) => frame(p).getByLabel('Email'), (p) => frame(p).getByLabel('Password')),
      send: (p) => frame(p).getByRole('button', { name: 'Sign in' }).click(),
      until: (p) => expect(frame(p).getByText('ok')).toBeVisible(),
    });
  }

  test('a same-origin frame', async ({ ext }) => {
    const page = await submitInFrame(ext, '/capture/login.html');
    await expectOnlyCapture(ext, page, 'login', USERNAME, PASSWORD, ext.site.origin);
  });

  test('a cross-origin frame: the capture belongs to the frame origin', async ({ ext }) => {
    const page = await submitInFrame(ext, ext.site.altUrl('/capture/login.html'));
    await expectOnlyCapture(ext, page, 'login', USERNAME, PASSWORD, ext.site.altOrigin);
  });
});

test.describe('form kinds', () => {
  test('a sign-up form: the new password, kind signup', async ({ ext }) => {
    const page = await submit(ext, {
      path: '/capture/signup.html',
      fields: [
        ['Name', 'Ana Silva'],
        ['Email', USERNAME],
        [(p) => p.getByLabel('Password', { exact: true }), NEW_PASSWORD],
        ['Confirm password', NEW_PASSWORD],
      ],
      send: 'Sign up',
    });
    await expectOnlyCapture(ext, page, 'signup', USERNAME, NEW_PASSWORD);
  });

  test('a change-password form: current, new and confirmation resolved by their values', async ({ ext }) => {
    const page = await submit(ext, {
      path: '/capture/change.html',
      fields: [
        ['Senha atual', PASSWORD],
        [(p) => p.getByLabel('Nova senha', { exact: true }), NEW_PASSWORD],
        ['Confirme a nova senha', NEW_PASSWORD],
      ],
      send: 'Salvar',
    });
    await expectOnlyCapture(ext, page, 'change', USERNAME, NEW_PASSWORD);
  });

  test('three different passwords: no guess', async ({ ext }) => {
    const page = await submit(ext, {
      path: '/capture/three-passwords.html',
      fields: [
        ['A', 'first-value'],
        ['B', 'second-value'],
        ['C', 'third-value'],
      ],
      send: 'Save',
    });
    await expectNothing(ext, page, 'not-a-login');
  });

  test('two steps on two pages: username page, then a password page that only shows the username', async ({ ext }) => {
    const page = await submit(ext, {
      path: '/capture/step-username.html',
      fields: [['Email or phone', USERNAME]],
      send: async (p) => {
        await p.getByRole('button', { name: 'Next' }).click();
        await p.waitForURL('**/step-password.html*');
        await p.getByLabel('Enter your password').pressSequentially(PASSWORD);
        await p.getByRole('button', { name: 'Next' }).click();
      },
    });
    await expectOnlyCapture(ext, page, 'login', USERNAME, PASSWORD); // the username step alone is never offered
  });

  test('two steps on one page', async ({ ext }) => {
    const page = await submit(ext, {
      path: '/capture/spa-steps.html',
      fields: [['Email', USERNAME]],
      send: async (p) => {
        await p.getByRole('button', { name: 'Next' }).click();
        await p.getByLabel('Password').pressSequentially(PASSWORD);
        await p.getByRole('button', { name: 'Sign in' }).click();
      },
      until: (p) => expect(p.getByText('Signed in')).toBeVisible(),
    });
    await expectOnlyCapture(ext, page, 'login', USERNAME, PASSWORD);
  });
});

test.describe('one form redrawn for each step (username, e-mail, password; the page sends them with fetch)', () => {
  const STEP_USER = 'ana.souza';
  /** Types each step's value into the step's only input, once the page shows it, and sends it with `next`. */
  async function walkSteps(ext: ExtensionHarness, query: string, next: (page: Page) => Promise<void>, before?: (page: Page) => Promise<void>): Promise<Page> {
    return submit(ext, {
      path: `/capture/steps-redrawn.html${query}`,
      fields: [],
      send: async (page) => {
        await before?.(page);
        for (const [label, value] of [['Username', STEP_USER], ['Email', USERNAME], ['Password', PASSWORD]]) {
          await page.getByLabel(label, { exact: true }).pressSequentially(value);
          await next(page);
        }
      },
      until: (page) => expect(page.getByText('Signed in')).toBeVisible(),
    });
  }
  const nextButton = (page: Page) => page.getByRole('button', { name: /^(Next|Sign in)$/ }).click();

  // The last identifier the user gave (the e-mail) goes with the password: each step was read before the page redrew it.
  test('Enter between steps', async ({ ext }) => {
    const page = await walkSteps(ext, '', pressEnter);
    await expectOnlyCapture(ext, page, 'login', USERNAME, PASSWORD, ext.site.origin);
  });

  test('a "Next" button of type=button, no submit event', async ({ ext }) => {
    const page = await walkSteps(ext, '?next=button', nextButton);
    await expectOnlyCapture(ext, page, 'login', USERNAME, PASSWORD);
  });

  test('the form mounted only after a click on "Show login"', async ({ ext }) => {
    const page = await walkSteps(ext, '?mount=click', pressEnter, (p) => p.getByRole('button', { name: 'Show login' }).click());
    await expectOnlyCapture(ext, page, 'login', USERNAME, PASSWORD);
  });

  test("each step's input removed and a new one inserted", async ({ ext }) => {
    const page = await walkSteps(ext, '?replace=1', nextButton);
    await expectOnlyCapture(ext, page, 'login', USERNAME, PASSWORD);
  });

  test('the steps in a dialog that closes on each submission', async ({ ext }) => {
    const page = await walkSteps(ext, '?dialog=1', pressEnter);
    await expectOnlyCapture(ext, page, 'login', USERNAME, PASSWORD);
  });
});

test.describe('a password change in steps: username, current password, new password (class 15)', () => {
  const CHANGE = '/capture/class-change-steps.html';
  /** Types each step's value into its field once the page shows it, and sends the step with Enter or its button. */
  async function walk(page: Page, values: Array<[string, string]>, next: (page: Page) => Promise<void>): Promise<void> {
    for (const [label, value] of values) {
      const [first, ...more] = label.split('+');
      await page.getByLabel(first, { exact: true }).pressSequentially(value);
      for (const other of more) await page.getByLabel(other, { exact: true }).pressSequentially(value);
      await next(page);
    }
  }
  const clickButton = (page: Page) => page.getByRole('button').click();
  /** The old passwords the background keeps with its captures (the popup does not show them). */
  const oldPasswords = async (ext: ExtensionHarness) =>
    (await ext.serviceWorker()).evaluate(async () => {
      const { 'pending-captures': captures = [] } = await chrome.storage.session.get('pending-captures');
      return (captures as { oldPassword?: string }[]).map((c) => c.oldPassword);
    });

  for (const [title, query, newStep] of [
    ['one form redrawn per step, sent with fetch', '', 'New password'],
    ['one form redrawn per step, with a confirmation', '?confirm=1', 'New password+Confirm new password'],
  ] as const) {
    test(title, async ({ ext }) => {
      const page = await open(ext, `${CHANGE}${query}`);
      await walk(page, [['Username', USERNAME], ['Current password', PASSWORD], [newStep, NEW_PASSWORD]], pressEnter);
      await expect(page.getByText('Password changed')).toBeVisible();
      const card = await onlyCard(ext, page);
      await expectCapture(card, 'change', USERNAME, NEW_PASSWORD);
      expect(await oldPasswords(ext)).toEqual([PASSWORD]);
    });
  }

  test('each step its own page', async ({ ext }) => {
    const page = await open(ext, `${CHANGE}?pages=1&confirm=1`);
    await page.getByLabel('Username').pressSequentially(USERNAME);
    await clickButton(page);
    await page.waitForURL('**step=1*');
    await page.getByLabel('Current password').pressSequentially(PASSWORD);
    await clickButton(page);
    await page.waitForURL('**step=2*');
    await walk(page, [['New password+Confirm new password', NEW_PASSWORD]], clickButton);
    await page.waitForURL('**/capture/done');
    const card = await onlyCard(ext, page);
    await expectCapture(card, 'change', USERNAME, NEW_PASSWORD);
    expect(await oldPasswords(ext)).toEqual([PASSWORD]);
  });

  test('a plain two-step login whose password step looks the same stays one login', async ({ ext }) => {
    const page = await open(ext, `${CHANGE}?pages=1&flow=login`);
    await page.getByLabel('Username').pressSequentially(USERNAME);
    await clickButton(page);
    await page.waitForURL('**step=1*');
    await page.getByLabel('Current password').pressSequentially(PASSWORD);
    await clickButton(page);
    await page.waitForURL('**/capture/done');
    await expectOnlyCapture(ext, page, 'login', USERNAME, PASSWORD);
  });

  test('the same on one redrawn form', async ({ ext }) => {
    const page = await open(ext, `${CHANGE}?flow=login`);
    await walk(page, [['Username', USERNAME], ['Current password', PASSWORD]], pressEnter);
    await expect(page.getByText('Signed in')).toBeVisible();
    await expectOnlyCapture(ext, page, 'login', USERNAME, PASSWORD);
  });
});

test.describe('inputs in the closed shadow root of a form-associated custom element (class 10)', () => {
  for (const [title, query, send] of [
    ['sent with Enter (the element asks its form to submit)', '', (p: Page) => p.keyboard.press('Enter')],
    ["sent with the form's own button", '', (p: Page) => p.getByRole('button', { name: 'Sign in' }).click()],
    ['sent with a button inside the closed root (Tab, Space)', '?button=inner', async (p: Page) => {
      await p.keyboard.press('Tab');
      await p.keyboard.press('Space');
    }],
  ] as const) {
    test(title, async ({ ext }) => {
      const page = await submit(ext, {
        path: `/capture/class-form-associated-closed.html${query}`,
        fields: [], // the closed root hides its fields from locators: the keyboard types them
        send: async (p) => {
          await p.evaluate(() => (window as unknown as { focusInFields(id: string): void }).focusInFields('email'));
          await p.keyboard.type(USERNAME);
          await p.keyboard.press('Tab');
          await p.keyboard.type(PASSWORD);
          await send(p);
        },
      });
      await expectOnlyCapture(ext, page, 'login', USERNAME, PASSWORD);
    });
  }
});

test.describe('classes missed on real sites (issue 25)', () => {
  const bench = (name: string) => (page: Page) => page.locator(`[data-bench="${name}"]`);
  const clickNext = (page: Page) => page.locator('[data-bench="next"]').click();

  test('a password field named like a code but labelled password', async ({ ext }) => {
    const page = await submit(ext, { path: '/capture/class-code-named-password.html', fields: login(bench('username'), bench('password')), send: clickNext });
    await expectOnlyCapture(ext, page, 'login', USERNAME, PASSWORD);
  });

  test('labels after their inputs with a broken `for`: current and new passwords not swapped', async ({ ext }) => {
    const page = await submit(ext, {
      path: '/capture/class-label-after-input.html',
      fields: [[bench('old'), PASSWORD], [bench('new'), NEW_PASSWORD], [bench('confirm'), NEW_PASSWORD]],
      send: clickNext,
    });
    const card = await onlyCard(ext, page);
    await expect(card).toHaveAttribute('data-kind', 'change');
    await expect(card.getByTestId('capture-password')).toHaveValue(NEW_PASSWORD);
  });

  test('a letter-spaced CJK caption on a link "button", hidden decoy inputs beside each field, no form', async ({ ext }) => {
    const page = await submit(ext, { path: '/capture/class-cjk.html', fields: login(bench('username'), bench('password')), send: clickNext });
    await expectOnlyCapture(ext, page, 'login', USERNAME, PASSWORD);
  });

  test('a profile page: the pre-filled e-mail edited with a new password is a change, not a sign-up', async ({ ext }) => {
    const page = await submit(ext, {
      path: '/capture/class-profile-change.html',
      fields: [[bench('old'), PASSWORD], [bench('new'), NEW_PASSWORD], [bench('confirm'), NEW_PASSWORD]],
      send: async (p) => {
        await bench('username')(p).fill('');
        await bench('username')(p).pressSequentially(USERNAME);
        await clickNext(p);
      },
    });
    const card = await onlyCard(ext, page);
    await expect(card).toHaveAttribute('data-kind', 'change');
    await expect(card.getByTestId('capture-password')).toHaveValue(NEW_PASSWORD);
  });

  test('fields whose ids say "login": clicking into the confirmation to type is no click on a "Log in" control', async ({ ext }) => {
    const page = await submit(ext, {
      path: '/capture/class-field-named-login.html',
      fields: [],
      // Clicked into like a person does: a click on the second password field once the first is typed.
      send: async (p) => {
        for (const [name, value] of [['username', USERNAME], ['new', PASSWORD], ['confirm', PASSWORD]]) {
          await bench(name)(p).click();
          await p.keyboard.type(value);
        }
        await clickNext(p);
      },
    });
    await expectOnlyCapture(ext, page, 'signup', USERNAME, PASSWORD);
  });

  test('a bare sign-up form whose only sign-up words are its heading and title', async ({ ext }) => {
    const page = await submit(ext, { path: '/capture/class-bare-signup.html', fields: login(bench('username'), bench('new')), send: clickNext });
    await expectOnlyCapture(ext, page, 'signup', USERNAME, PASSWORD);
  });

  test('a div "button" with a script listener (no role, no onclick) around its caption, sent with fetch', async ({ ext }) => {
    const page = await submit(ext, {
      path: '/capture/class-div-button.html',
      fields: login(bench('username'), bench('password')),
      // The social sign-in beside it is not sending the form; then the real button, clicked on its edge.
      send: async (p) => {
        await bench('social')(p).click();
        await expect(bench('social')(p)).toHaveText('Google indisponível');
        await bench('next')(p).click({ position: { x: 4, y: 4 } });
      },
      until: (p) => expect(p.getByText('Welcome')).toBeVisible(),
    });
    await expectOnlyCapture(ext, page, 'login', USERNAME, PASSWORD);
  });

  test('a div "button" clicked on its caption', async ({ ext }) => {
    const page = await submit(ext, {
      path: '/capture/class-div-button.html',
      fields: login(bench('username'), bench('password')),
      send: (p) => p.getByText('Entrar', { exact: true }).last().click(),
      until: (p) => expect(p.getByText('Welcome')).toBeVisible(),
    });
    await expectOnlyCapture(ext, page, 'login', USERNAME, PASSWORD);
  });

  test('the button in a toolbar far from the form-less fields of a layout table', async ({ ext }) => {
    const page = await submit(ext, {
      path: '/capture/class-far-button.html',
      fields: login(bench('username'), bench('password')),
      send: clickNext,
      until: (p) => expect(p.getByText('Welcome')).toBeVisible(),
    });
    await expectOnlyCapture(ext, page, 'login', USERNAME, PASSWORD);
  });

  test('a social sign-in div "button" beside typed fields does not send them', async ({ ext }) => {
    const page = await submit(ext, {
      path: '/capture/class-div-button.html',
      fields: login(bench('username'), bench('password')),
      send: (p) => bench('social')(p).click(),
      until: (p) => expect(bench('social')(p)).toHaveText('Google indisponível'),
    });
    await expectNoCards(ext, page);
  });

  test('what was typed into an off-screen field reached by Tab does not count next to a visible typed password (class 7)', async ({ ext }) => {
    const page = await submit(ext, {
      path: '/capture/class-invisible-typed.html',
      fields: [[bench('username'), USERNAME]],
      send: async (p) => {
        // Tab from the e-mail lands in the off-screen trap; the user types there, then tabs on to the password.
        await p.keyboard.press('Tab');
        await p.keyboard.type('not-my-name');
        await p.keyboard.press('Tab');
        await p.keyboard.type(PASSWORD);
        await clickNext(p);
      },
    });
    await expectOnlyCapture(ext, page, 'login', USERNAME, PASSWORD);
  });

  test("a label with \"What's\" and \"That's\" is no search box: the login is kept (class 9)", async ({ ext }) => {
    const page = await submit(ext, { path: '/capture/class-apostrophe-label.html', fields: login(bench('username'), bench('password')), send: clickNext });
    await expectOnlyCapture(ext, page, 'login', USERNAME, PASSWORD);
  });

  test('a text field the page masks as its password box, sent with fetch: kept once the box leaves the page', async ({ ext }) => {
    const page = await submit(ext, {
      path: '/capture/class-text-password.html',
      fields: login(bench('username'), bench('password')),
      send: clickNext,
      until: (p) => expect(p.getByText('Welcome')).toBeVisible(),
    });
    await expectOnlyCapture(ext, page, 'login', USERNAME, PASSWORD);
  });

  test('a text password box sent with Enter', async ({ ext }) => {
    const page = await submit(ext, {
      path: '/capture/class-text-password.html',
      fields: login(bench('username'), bench('password')),
      send: pressEnter,
      until: (p) => expect(p.getByText('Welcome')).toBeVisible(),
    });
    await expectOnlyCapture(ext, page, 'login', USERNAME, PASSWORD);
  });

  test('a text password box the site refuses stays on the page: nothing is kept', async ({ ext }) => {
    const page = await submit(ext, {
      path: '/capture/class-text-password.html?refuse',
      fields: login(bench('username'), bench('password')),
      send: clickNext,
      until: (p) => expect(p.getByText('Senha incorreta')).toBeVisible(),
    });
    await expectNoCards(ext, page);
  });

  test('a page script typing into a text password box and sending it: nothing is kept', async ({ ext }) => {
    const page = await open(ext, '/capture/class-text-password.html');
    // The user only searches; the page's script fills the login box and sends it.
    await bench('search')(page).pressSequentially('boletos');
    await page.evaluate(() => {
      for (const [id, value] of [['user', 'planted@example.com'], ['pass', 'Planted-pass-1']]) {
        const field = document.getElementById(id) as HTMLInputElement;
        field.focus();
        document.execCommand('insertText', false, value);
      }
      document.getElementById('entrar')!.click();
    });
    await expect(page.getByText('Welcome')).toBeVisible();
    await expectNoCards(ext, page);
  });

  test("a cookie banner's OK far from the form-less fields does not send them", async ({ ext }) => {
    const page = await submit(ext, {
      path: '/capture/class-far-button.html?banner=1',
      fields: login(bench('username'), bench('password')),
      send: (p) => bench('cookie-ok')(p).click(),
      until: (p) => expect(p.getByText('Cookies accepted')).toBeVisible(),
    });
    await expectNoCards(ext, page);
  });

  test('a far toolbar button sends nothing when two separate groups of passwords were typed', async ({ ext }) => {
    const page = await submit(ext, {
      path: '/capture/class-far-button-two-groups.html',
      fields: [...login(bench('username'), bench('password')), [bench('username2'), 'mail.user'], [bench('password2'), NEW_PASSWORD]],
      send: clickNext,
      until: (p) => expect(p.getByText('Welcome')).toBeVisible(),
    });
    await expectNoCards(ext, page);
  });
});

test.describe('what is left out', () => {
  test('hidden and off-screen honeypot fields', async ({ ext }) => {
    const page = await submit(ext, { path: '/capture/honeypot.html', fields: login('Username', 'Password'), send: 'Log in' });
    await expectOnlyCapture(ext, page, 'login', USERNAME, PASSWORD);
  });

  test('autocomplete="off" does not stop capture', async ({ ext }) => {
    const page = await submit(ext, { path: '/capture/autocomplete-off.html', fields: login('Benutzername', 'Passwort'), send: 'Anmelden' });
    await expectOnlyCapture(ext, page, 'login', USERNAME, PASSWORD);
  });

  test('data-mysafe-ignore does', async ({ ext }) => {
    const page = await submit(ext, { path: '/capture/ignored.html', fields: login('Email', 'Password'), send: 'Sign in' });
    await expectNothing(ext, page, 'ignored');
  });

  test('search boxes, contact forms and one-time codes are not logins', async ({ ext }) => {
    const page = await submit(ext, {
      path: '/capture/not-login.html',
      fields: [['Verification code', '123456']],
      send: (p) => p.getByLabel('Verification code').press('Enter'),
    });
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
    // None of these is anybody's question, so nothing says it was handled: a real login in the same tab afterwards is
    // the one card (the messages of the forms before it were sent, and handled, first).
    await page.goto(ext.site.url('/capture/login.html'));
    await page.getByLabel('Email').pressSequentially(USERNAME);
    await page.getByLabel('Password').pressSequentially(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/capture/done');
    await expectOnlyCapture(ext, page, 'login', USERNAME, PASSWORD);
  });

  test('a code sent to the device, typed into a password field, is not a login', async ({ ext }) => {
    const page = await submit(ext, { path: '/capture/class-device-code.html', fields: [[(p) => p.locator('input[name=field1]'), '834221']], send: 'Verify' });
    await expectNothing(ext, page, 'not-a-login');
  });

  test('one message per submission: button click, submit event and navigation give one card', async ({ ext }) => {
    const page = await submit(ext, {
      path: '/capture/login.html',
      fields: login('Email', 'Password'),
      send: (p) => p.getByLabel('Password').press('Enter'),
    });
    await onlyCard(ext, page);
  });
});
