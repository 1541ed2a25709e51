// A hostile page tries to make the extension capture what the user did not submit, or did not type. Each test performs
// the attack and passes because it fails; the user's own login afterwards still counts.
import type { Page } from '@playwright/test';
import { test, expect, type ExtensionHarness } from './harness';
import { badgeOf, logIn, PASSWORD, USERNAME } from './steps';

/** What the background keeps: every capture's tab, username and password (read in the service worker). */
interface Stored {
  captures: { tabId: number; username: string; password?: string }[];
  popupOpened: number[];
}
async function stored(ext: ExtensionHarness): Promise<Stored> {
  return (await ext.serviceWorker()).evaluate(async () => {
    const got = await chrome.storage.session.get(['pending-captures', 'popup-opened-tabs']);
    return { captures: got['pending-captures'] ?? [], popupOpened: got['popup-opened-tabs'] ?? [] } as Stored;
  });
}

/** Types a login like a person into the fixture's form and sends it with the button. */
async function typeAndSignIn(page: Page, username = USERNAME, password = PASSWORD): Promise<void> {
  await page.getByLabel('Email').pressSequentially(username);
  await page.getByLabel('Password').pressSequentially(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/capture/done');
}

/** The popup offers one card for `page`: the username and password the user typed. */
async function expectTypedLogin(ext: ExtensionHarness, page: Page): Promise<void> {
  const card = (await ext.openPopup(page)).getByTestId('capture');
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('capture-username')).toHaveValue(USERNAME);
  await expect(card.getByTestId('capture-password')).toHaveValue(PASSWORD);
}

test('a script that types a login and calls requestSubmit() 300 times makes no capture and opens no popup; the user\'s login afterwards is kept', async ({ ext }) => {
  const hostile = await ext.context.newPage();
  await hostile.goto(ext.site.url('/capture/hostile.html?flood=300'));
  await expect(hostile.getByText('Flooded 300')).toBeVisible();
  const hostileTab = await ext.tabIdOf(hostile);

  // A real login in another tab: once it is kept, the flood's messages (sent long before) have been handled.
  const other = await logIn(ext);
  await expect.poll(() => badgeOf(ext, other)).toBe('1');
  let state = await stored(ext);
  expect(state.captures.filter((c) => c.tabId === hostileTab)).toEqual([]);
  expect(state.popupOpened).not.toContain(hostileTab);

  // The user signs in on the hostile page itself: that one counts.
  await hostile.bringToFront();
  await typeAndSignIn(hostile);
  await expect.poll(() => badgeOf(ext, hostile)).toBe('1');
  state = await stored(ext);
  expect(state.captures.filter((c) => c.tabId === hostileTab).map((c) => c.username)).toEqual([USERNAME]);
  expect(state.captures.length).toBeLessThanOrEqual(20);
  const popup = await ext.openPopup(hostile);
  await expect(popup.getByTestId('capture').first().getByTestId('capture-username')).toHaveValue(USERNAME);
});

for (const plant of ['hidden', 'opacity', 'offscreen', 'clip', 'tiny', 'input']) {
  for (const typed of plant === 'input' ? [false] : [false, true]) {
    test(`a planted field (${plant}${typed ? ', typed into by the page' : ''}) loses to the username the user typed`, async ({ ext }) => {
      const page = await ext.context.newPage();
      await page.goto(ext.site.url(`/capture/hostile.html?plant=${plant}${typed ? '&typed=1' : ''}`));
      await typeAndSignIn(page);
      await expectTypedLogin(ext, page);
    });
  }
}

test('a script re-typing the password after the user loses: the typed password is captured', async ({ ext }) => {
  const page = await ext.context.newPage();
  await page.goto(ext.site.url('/capture/hostile.html?retype=1'));
  await typeAndSignIn(page);
  await expectTypedLogin(ext, page);
});

test('repeated real submissions on one page open the popup by itself once', async ({ ext }) => {
  await ext.configure();
  // Count the background's calls to action.openPopup (the polyfill looks the function up at each call).
  const worker = await ext.serviceWorker();
  await worker.evaluate(() => {
    const scope = globalThis as unknown as { opened: number };
    scope.opened = 0;
    const action = chrome.action as unknown as { openPopup: (...args: unknown[]) => unknown };
    const open = action.openPopup.bind(action);
    action.openPopup = (...args) => {
      scope.opened++;
      return open(...args);
    };
  });
  const page = await ext.context.newPage();
  await page.goto(ext.site.url('/capture/hostile.html?stay=1'));
  for (const [n, password] of [[1, PASSWORD], [2, 'An0ther-Passw0rd']] as const) {
    await page.getByLabel('Email').pressSequentially(`user${n}@example.com`);
    await page.getByLabel('Password').pressSequentially(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText(`Sent ${n}`)).toBeVisible();
    await expect.poll(() => badgeOf(ext, page)).toBe(String(n));
  }
  expect(await worker.evaluate(() => (globalThis as unknown as { opened: number }).opened)).toBe(1);
});

test('a cross-origin frame whose POSTs to the top site are refused (401) leaves the top site\'s capture alone', async ({ ext }) => {
  // The frame is on the other origin, and its failing POSTs go to the top site's own URL, inside the watch window.
  const frame = ext.site.altUrl(`/capture/refusing-frame.html?count=20&api=${encodeURIComponent(ext.site.url('/refuse/login'))}`);
  const page = await ext.context.newPage();
  await page.goto(ext.site.url(`/capture/login-beside-frame.html?frame=${encodeURIComponent(frame)}`));
  await page.getByLabel('Email').pressSequentially(USERNAME);
  await page.getByLabel('Password').pressSequentially(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Welcome')).toBeVisible();
  await expect(page.frameLocator('#ad').getByText('Refused 20')).toBeVisible();
  await expect.poll(() => badgeOf(ext, page)).toBe('1');
  await expectTypedLogin(ext, page);
});

test("a tab whose login waits for MySafe does not hold up another tab's submission: each tab has its own queue", async ({ ext }) => {
  await ext.configure();
  // The hostile page floods scripted submissions (none counts), then the user signs in there; MySafe never answers
  // the look-up, so that login waits for it (up to 4 s, src/save/offer.ts).
  const hostile = await ext.context.newPage();
  await hostile.goto(ext.site.url('/capture/hostile.html?flood=50'));
  await expect(hostile.getByText('Flooded 50')).toBeVisible();
  const hostileTab = await ext.tabIdOf(hostile);
  ext.mysafe.failNext(1, 'hang');
  await typeAndSignIn(hostile);
  await expect.poll(() => ext.mysafe.requests().some((r) => r.status === 0)).toBe(true);

  // Meanwhile the user sends a username step in another tab: it is staged while the hostile tab's login still waits.
  const other = await ext.context.newPage();
  await other.goto(ext.site.url('/capture/step-username.html'));
  const otherTab = await ext.tabIdOf(other);
  await other.getByLabel('Email or phone').pressSequentially(USERNAME);
  await other.getByRole('button', { name: 'Next' }).click();
  const worker = await ext.serviceWorker();
  const stagedTabs = () => worker.evaluate(async () => Object.keys((await chrome.storage.session.get('username-steps'))['username-steps'] ?? {}));
  await expect.poll(stagedTabs).toContainEqual(expect.stringMatching(new RegExp(`^${otherTab}:`)));
  expect((await stored(ext)).captures.filter((c) => c.tabId === hostileTab)).toEqual([]);

  // The hostile tab's login is kept once MySafe's answer is given up on.
  await expect.poll(() => badgeOf(ext, hostile)).toBe('1');
});
