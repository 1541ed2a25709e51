// Faults of MySafe and of the extension's own life, each met like a person meets it: a login typed on a local page,
// the popup opened, Save pressed. Every fault must be said in words in the card, keep the capture (a popup opened
// again still lists it) and, once retried, end in exactly one entry. The local MySafe server injects the faults and
// its log is the judge; nothing here waits by sleeping: it waits for a request the server logged, a state of the card
// or what the background stored.
import type { Locator, Page } from '@playwright/test';
import { creates, isCreate, isLookup, isTokenRequest } from '../support/mysafe-log';
import { test, expect, type ExtensionHarness } from './harness';
import { badgeOf, logIn, PASSWORD, USERNAME } from './steps';

/** The client gives MySafe 15 s to answer (src/mysafe/client.ts); no setting shortens it. */
const CLIENT_TIMEOUT_MS = 15_000;

/**
 * A login typed on the site, its popup open, and the popup's question settled (the decision asked MySafe what it
 * holds), so that a fault armed afterwards meets the save and nothing else.
 */
async function loginCard(ext: ExtensionHarness, origin: 'main' | 'alt' = 'main', username = USERNAME): Promise<{ page: Page; popup: Page; card: Locator }> {
  const page = await logIn(ext, username, PASSWORD, origin);
  await expect.poll(() => badgeOf(ext, page)).toBe('1');
  const popup = await ext.openPopup(page);
  // The popup lists every capture, its tab's first: this one is the only one of its origin.
  const card = popup.locator(`[data-testid="capture"][data-origin="${origin === 'main' ? ext.site.origin : ext.site.altOrigin}"]`);
  await expect(card.getByTestId('capture-question')).toHaveText('Save login to MySafe?');
  await expect(card.getByText('Checking MySafe for this site…')).toHaveCount(0);
  return { page, popup, card };
}

/** The card says, in words, that the save is queued and will be tried again by itself. */
async function expectQueued(card: Locator, words: string, timeout?: number): Promise<void> {
  await expect(card.getByTestId('capture-status')).toHaveAttribute('data-state', 'queued', { timeout });
  await expect(card.getByTestId('capture-status')).toContainText(words);
  await expect(card.getByTestId('capture-will-retry')).toBeVisible();
}

/** A popup opened again for `page`'s tab still lists the capture, in the state `state`. */
async function expectKept(ext: ExtensionHarness, page: Page, state: 'queued' | 'error'): Promise<void> {
  const again = await ext.openPopup(page);
  const card = again.getByTestId('capture');
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('capture-username')).toHaveValue(USERNAME);
  await expect(card.getByTestId('capture-status')).toHaveAttribute('data-state', state);
  await again.close();
}

/** Exactly one entry, the login as typed; the card says so (with the entry's name when its own Save made it). */
async function expectOneEntry(ext: ExtensionHarness, card: Locator): Promise<void> {
  await expect(card.getByTestId('capture-status')).toHaveAttribute('data-state', 'saved');
  await expect(card.getByTestId('capture-status')).toHaveText(/^(Saved in MySafe\.|Saved to MySafe as “[^”]+”)$/);
  expect(ext.mysafe.entries()).toEqual([expect.objectContaining({ username: USERNAME, password: PASSWORD })]);
}

/** A fault on the create that MySafe did not apply: queued, kept, and made once by the user's Retry. */
async function retryableFault(ext: ExtensionHarness, arm: () => void | Promise<void>, words: string, end?: () => void | Promise<void>, timeout?: number) {
  await ext.configure();
  const { page, card } = await loginCard(ext);
  await arm();
  await card.getByTestId('capture-save').click();
  await expectQueued(card, words, timeout);
  await expect(card.getByTestId('capture-status')).toContainText('Your login is kept here; try again.');
  expect(ext.mysafe.entries()).toHaveLength(0);
  await expectKept(ext, page, 'queued');

  await end?.();
  await card.getByTestId('capture-retry').click();
  await expectOneEntry(ext, card);
  expect(creates(ext).filter((r) => r.status === 201)).toHaveLength(1);
  await expect.poll(() => badgeOf(ext, page)).toBe('');
}

test('500: queued, kept, and saved once by Retry', async ({ ext }) => {
  await retryableFault(ext, () => ext.mysafe.failNext(1, 500), 'MySafe had an unexpected error.');
});

test('502: queued, kept, and saved once by Retry after looking for the create that may have gone through', async ({ ext }) => {
  await retryableFault(ext, () => ext.mysafe.failNext(1, 502), 'The gateway in front of MySafe failed.');
  // A gateway error on a create may hide an applied one: the retry looked first.
  const log = ext.mysafe.requests();
  expect(log.findIndex(isLookup)).toBeGreaterThan(log.findIndex(isCreate));
});

test('504: queued, kept, and saved once by Retry', async ({ ext }) => {
  await retryableFault(ext, () => ext.mysafe.failNext(1, 504), 'The gateway in front of MySafe failed.');
  expect(ext.mysafe.requests().some(isLookup)).toBe(true);
});

test('a create MySafe never answers: after the client timeout it is queued, kept, and saved once by Retry', async ({ ext }) => {
  test.setTimeout(60_000 + CLIENT_TIMEOUT_MS);
  await retryableFault(ext, () => ext.mysafe.failNext(1, 'hang'), 'MySafe did not answer in time.', undefined, CLIENT_TIMEOUT_MS + 10_000);
  expect(ext.mysafe.requests().some(isLookup)).toBe(true);
});

test('connection refused: queued, kept, and saved once by Retry when MySafe listens again', async ({ ext }) => {
  await retryableFault(
    ext,
    () => ext.mysafe.refuseConnections(),
    'The MySafe server cannot be reached.',
    () => ext.mysafe.acceptConnections(),
  );
});

test('an answer that is not JSON (a captive portal): an error in words, kept, and saved once by Save again', async ({ ext }) => {
  await ext.configure();
  const { page, card } = await loginCard(ext);
  ext.mysafe.failNext(1, 'not-json');
  await card.getByTestId('capture-save').click();
  await expect(card.getByTestId('capture-status')).toHaveAttribute('data-state', 'error');
  await expect(card.getByTestId('capture-status')).toHaveText('MySafe sent an answer that could not be read. Check the server URL.');
  // Not a fault that passes by itself: nothing is queued.
  await expect(card.getByTestId('capture-will-retry')).toHaveCount(0);
  await expectKept(ext, page, 'error');

  await card.getByTestId('capture-save').click();
  await expectOneEntry(ext, card);
  expect(creates(ext)).toHaveLength(2);
});

test('a login whose create was applied but its answer lost: queued, and Retry finds it instead of making a second', async ({ ext }) => {
  await ext.configure();
  const { page, card } = await loginCard(ext);
  ext.mysafe.loseNextAnswer(1);
  await card.getByTestId('capture-save').click();
  await expectQueued(card, 'The gateway in front of MySafe failed.');
  expect(ext.mysafe.entries()).toHaveLength(1);
  await expectKept(ext, page, 'queued');

  await card.getByTestId('capture-retry').click();
  await expectOneEntry(ext, card);
  expect(creates(ext)).toHaveLength(1);
  expect(ext.mysafe.requests().some(isLookup)).toBe(true);
});

test('a lost answer to a create with an edited name, retried from a popup opened again: still one entry', async ({ ext }) => {
  await ext.configure();
  const { page, popup, card } = await loginCard(ext);
  await card.getByTestId('capture-details').click();
  await card.getByTestId('capture-name').fill('My shop');
  ext.mysafe.loseNextAnswer(1);
  await card.getByTestId('capture-save').click();
  await expectQueued(card, 'The gateway in front of MySafe failed.');
  await popup.close();

  // A new popup shows the capture's own values, not the name typed in the closed one; its Retry saves once.
  const again = await ext.openPopup(page);
  const kept = again.getByTestId('capture');
  await expect(kept.getByTestId('capture-status')).toHaveAttribute('data-state', 'queued');
  await kept.getByTestId('capture-retry').click();
  await expect(kept.getByTestId('capture-status')).toHaveAttribute('data-state', 'saved');
  expect(ext.mysafe.entries()).toEqual([expect.objectContaining({ name: 'My shop', username: USERNAME, password: PASSWORD })]);
  expect(creates(ext)).toHaveLength(1);
});

test('an authenticator key saved as a new entry, its create applied but its answer lost: one entry, and the card says saved', async ({ ext }) => {
  await ext.configure();
  const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
  ext.site.route('/2fa', '<!doctype html><title>Two-factor setup</title><h1>Set up two-factor authentication</h1>');
  const page = await ext.context.newPage();
  await page.goto(ext.site.url('/2fa'));
  const popup = await ext.openPopup(page);
  await popup.getByTestId('manual-key-toggle').click();
  await popup.getByTestId('manual-key').fill(`otpauth://totp/Example:${encodeURIComponent(USERNAME)}?secret=${SECRET}&issuer=Example`);
  await popup.getByTestId('manual-add').click();
  const card = popup.locator('[data-testid="capture"][data-kind="totp"]');
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('capture-target')).toHaveValue('new');
  await expect(card.getByTestId('capture-username')).toHaveValue(USERNAME);
  await card.getByTestId('capture-password').fill(PASSWORD);

  ext.mysafe.loseNextAnswer(1);
  await card.getByTestId('capture-save').click();
  await expectQueued(card, 'The gateway in front of MySafe failed.');
  expect(ext.mysafe.entries()).toHaveLength(1);
  const again = await ext.openPopup(page);
  await expect(again.locator('[data-testid="capture"][data-kind="totp"]').getByTestId('capture-status')).toHaveAttribute('data-state', 'queued');
  await again.close();

  await card.getByTestId('capture-save').click();
  await expect(card.getByTestId('capture-status')).toHaveAttribute('data-state', 'saved');
  await expect(card.getByTestId('capture-status')).toHaveText('Authenticator key saved');
  expect(ext.mysafe.entries()).toEqual([expect.objectContaining({ name: 'Example', username: USERNAME, password: PASSWORD, secret_key: SECRET })]);
  expect(creates(ext)).toHaveLength(1);
});

test('the token expiring between capture and save: one new token, and the save goes through', async ({ ext }) => {
  await ext.configure();
  const { card } = await loginCard(ext);
  const before = ext.mysafe.requests().length;
  ext.mysafe.expireTokens();
  await card.getByTestId('capture-save').click();
  // Nothing for the user to read: a refused token is replaced once and the call made again.
  await expectOneEntry(ext, card);
  const after = ext.mysafe.requests().slice(before);
  expect(after.filter(isTokenRequest)).toHaveLength(1);
  expect(after.filter(isCreate).map((r) => r.status)).toEqual([401, 201]);
});

test('the token endpoint down when a new token is needed: queued, kept, and saved once by Retry when it is back', async ({ ext }) => {
  await retryableFault(
    ext,
    () => {
      ext.mysafe.expireTokens();
      ext.mysafe.setTokenEndpointDown(true);
    },
    'The gateway in front of MySafe failed.',
    () => ext.mysafe.setTokenEndpointDown(false),
  );
  // The create refused for its token was not applied: no look for it was needed.
  expect(ext.mysafe.requests().some(isLookup)).toBe(false);
});

test('two tabs saving at once share one token request', async ({ ext }) => {
  await ext.configure();
  const first = await loginCard(ext, 'main', 'ana@example.com');
  const second = await loginCard(ext, 'alt', 'bruno@example.com');
  const before = ext.mysafe.requests().length;
  // The token both hold is refused, and answers come late enough that both saves are sent with it before the first
  // refusal: each needs a new token at the same moment.
  // Late enough that two clicks in two popups land within one answer's time on a loaded machine too (at 1.5 s, CI once
  // saw the second save start after the first had its new token: one 401, not two).
  ext.mysafe.expireTokens();
  ext.mysafe.setLatency(3000);
  await Promise.all([first.card.getByTestId('capture-save').click(), second.card.getByTestId('capture-save').click()]);
  // Refused, a new token, created: three answers of 3 s each.
  await expect(first.card.getByTestId('capture-status')).toHaveAttribute('data-state', 'saved', { timeout: 20_000 });
  await expect(second.card.getByTestId('capture-status')).toHaveAttribute('data-state', 'saved', { timeout: 20_000 });
  const after = ext.mysafe.requests().slice(before);
  expect(after.filter(isCreate).map((r) => r.status).sort()).toEqual([201, 201, 401, 401]);
  expect(after.filter(isTokenRequest)).toHaveLength(1);
  expect(ext.mysafe.entries().map((e) => e.username).sort()).toEqual(['ana@example.com', 'bruno@example.com']);
});

/** Stops the extension's service worker over CDP and waits for the stop (see save-update.spec.ts). */
async function stopServiceWorker(ext: ExtensionHarness, page: Page): Promise<void> {
  const cdp = await ext.context.newCDPSession(page);
  const states: string[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) if (v.scriptURL.includes(ext.extensionId)) states.push(v.runningStatus);
  });
  await cdp.send('ServiceWorker.enable');
  await expect.poll(() => states.at(-1)).toBe('running');
  const stopAt = states.length;
  await cdp.send('ServiceWorker.stopAllWorkers');
  await expect.poll(() => states.slice(stopAt).includes('stopped')).toBe(true);
  await cdp.detach();
}

/**
 * The popup page outlives the worker: from now on it records every state the background stores for its captures
 * (read back with seenStates).
 */
async function recordStates(popup: Page): Promise<void> {
  await popup.evaluate(() => {
    const seen: unknown[] = [];
    (window as unknown as { seenStates: unknown[] }).seenStates = seen;
    chrome.storage.onChanged.addListener((changes, area) => {
      const captures = changes['pending-captures']?.newValue as { state: { status: string; error?: { kind: string }; maybeApplied?: unknown[] } }[] | undefined;
      if (area === 'session' && captures) {
        for (const c of captures) seen.push({ status: c.state.status, error: c.state.error?.kind, maybeApplied: (c.state.maybeApplied?.length ?? 0) > 0 });
      }
    });
  });
}

const seenStates = (popup: Page) => popup.evaluate(() => (window as unknown as { seenStates: unknown[] }).seenStates);

test('the service worker stopped while MySafe holds the create: the capture comes back queued and ends in one entry', async ({ ext }) => {
  await ext.configure();
  const { page, popup, card } = await loginCard(ext);
  await recordStates(popup);
  ext.mysafe.failNext(1, 'hang');
  await card.getByTestId('capture-save').click();
  await ext.mysafe.waitForRequest(isCreate);
  await stopServiceWorker(ext, page);

  // The next event starts the worker again (here a popup opened), and it takes up the save it was stopped in.
  const again = await ext.openPopup(page);
  await expect(again.getByTestId('capture')).toHaveCount(1);
  await expect.poll(() => seenStates(popup)).toContainEqual({ status: 'queued', error: 'interrupted', maybeApplied: true });
  // Its retry comes by itself, looks for the create first, and saves once.
  await expect(card.getByTestId('capture-status')).toHaveAttribute('data-state', 'saved', { timeout: 30_000 });
  await expectOneEntry(ext, card);
  await expect(again.getByTestId('capture-status')).toHaveAttribute('data-state', 'saved');
  const log = ext.mysafe.requests();
  expect(log.filter(isCreate).map((r) => r.status)).toEqual([0, 201]);
  expect(log.findIndex(isLookup)).toBeGreaterThan(log.findIndex(isCreate));
});

test('the service worker stopped while MySafe applies the create: its retry finds the entry, and makes no second', async ({ ext }) => {
  await ext.configure();
  const { page, popup, card } = await loginCard(ext);
  await recordStates(popup);
  // Every answer late: the create is received, the worker stopped, and MySafe applies it with no one left to answer.
  // A request of a worker started meanwhile is as late, so MySafe handles it after the create.
  ext.mysafe.setLatency(5000);
  await card.getByTestId('capture-save').click();
  await ext.mysafe.waitForRequest(isCreate);
  await stopServiceWorker(ext, page);
  await expect.poll(() => ext.mysafe.entries().length).toBe(1);
  ext.mysafe.setLatency(0);

  const again = await ext.openPopup(page);
  await expect(again.getByTestId('capture')).toHaveCount(1);
  await expect.poll(() => seenStates(popup)).toContainEqual({ status: 'queued', error: 'interrupted', maybeApplied: true });
  await expect(card.getByTestId('capture-status')).toHaveAttribute('data-state', 'saved', { timeout: 30_000 });
  await expectOneEntry(ext, card);
  expect(creates(ext)).toHaveLength(1);
  expect(ext.mysafe.requests().some(isLookup)).toBe(true);
});

test('a capture dismissed while its retry is queued is never saved afterwards', async ({ ext }) => {
  await ext.configure();
  const dismissed = await loginCard(ext, 'main', 'ana@example.com');
  ext.mysafe.failNext(1, 502);
  await dismissed.card.getByTestId('capture-save').click();
  await expectQueued(dismissed.card, 'The gateway in front of MySafe failed.');
  // A second login, queued after it: the retry alarm saves it, and the server's log shows when that run came.
  const kept = await loginCard(ext, 'alt', 'bruno@example.com');
  ext.mysafe.failNext(1, 502);
  await kept.card.getByTestId('capture-save').click();
  await expectQueued(kept.card, 'The gateway in front of MySafe failed.');
  const worker = await ext.serviceWorker();
  expect(await worker.evaluate(() => chrome.alarms.get('mysafe-save-retry'))).toBeTruthy();

  await dismissed.card.getByTestId('capture-dismiss').click();
  await expect(dismissed.card).toHaveCount(0);

  // The alarm comes by itself. Retries run one after another in the captures' order, the dismissed one (older)
  // first: by the time the second is saved, the dismissed one would have been created.
  await expect(kept.card.getByTestId('capture-status')).toHaveAttribute('data-state', 'saved', { timeout: 30_000 });
  expect(ext.mysafe.entries()).toEqual([expect.objectContaining({ username: 'bruno@example.com' })]);
  expect(creates(ext).filter((r) => (r.body as { username?: string }).username === 'ana@example.com')).toHaveLength(1);
  expect(ext.mysafe.requests().some((r) => isLookup(r) && r.query.username === 'ana@example.com')).toBe(false);
  // Nothing is left to retry.
  await expect.poll(() => worker.evaluate(() => chrome.alarms.get('mysafe-save-retry'))).toBeFalsy();
});

test('a create applied but answered 200 with an unreadable body: an error in words, and Save again makes no second entry', async ({ ext }) => {
  await ext.configure();
  const { card } = await loginCard(ext);
  ext.mysafe.loseNextAnswer(1, 'unreadable');
  await card.getByTestId('capture-save').click();
  await expect(card.getByTestId('capture-status')).toHaveAttribute('data-state', 'error');
  await expect(card.getByTestId('capture-status')).toHaveText('MySafe sent an answer that could not be read. Check the server URL.');
  expect(ext.mysafe.entries()).toHaveLength(1);

  await card.getByTestId('capture-save').click();
  await expectOneEntry(ext, card);
  expect(creates(ext)).toHaveLength(1);
  expect(ext.mysafe.requests().some(isLookup)).toBe(true);
});

test('queued with its create maybe applied, then an error that does not pass, then an edited name saved: one entry', async ({ ext }) => {
  await ext.configure();
  const { page, card } = await loginCard(ext);
  ext.mysafe.loseNextAnswer(1);
  await card.getByTestId('capture-save').click();
  await expectQueued(card, 'The gateway in front of MySafe failed.');
  // The retry's look-up is answered with a page that is not JSON: an error the user has to read.
  ext.mysafe.failNext(1, 'not-json');
  await card.getByTestId('capture-retry').click();
  await expect(card.getByTestId('capture-status')).toHaveAttribute('data-state', 'error');
  await expectKept(ext, page, 'error');

  await card.getByTestId('capture-details').click();
  await card.getByTestId('capture-name').fill('My shop, edited');
  await card.getByTestId('capture-save').click();
  await expect(card.getByTestId('capture-status')).toHaveAttribute('data-state', 'saved');
  expect(ext.mysafe.entries()).toEqual([expect.objectContaining({ username: USERNAME, password: PASSWORD })]);
  expect(creates(ext)).toHaveLength(1);
});

test('a capture saved by a background retry is shown once as saved, by the next popup, then no more', async ({ ext }) => {
  await ext.configure();
  const { page, popup, card } = await loginCard(ext);
  ext.mysafe.failNext(1, 502);
  await card.getByTestId('capture-save').click();
  await expectQueued(card, 'The gateway in front of MySafe failed.');
  await popup.close();

  // No popup is open when the alarm saves it: the background's store says when.
  const worker = await ext.serviceWorker();
  const savedUnseen = () =>
    worker.evaluate(async () => {
      const { 'pending-captures': captures } = await chrome.storage.session.get('pending-captures');
      return (captures as { state: { status: string; seen?: boolean } }[]).map((c) => `${c.state.status}:${c.state.seen ?? ''}`);
    });
  await expect.poll(savedUnseen, { timeout: 30_000 }).toEqual(['saved:false']);
  expect(ext.mysafe.entries()).toHaveLength(1);

  const first = await ext.openPopup(page);
  await expect(first.getByTestId('capture-status')).toHaveAttribute('data-state', 'saved');
  await expect(first.getByTestId('capture-status')).toHaveText('Saved in MySafe.');
  await expect.poll(savedUnseen).toEqual(['saved:true']);
  // The popup that showed it keeps showing it while it stays open.
  await expect(first.getByTestId('capture')).toHaveCount(1);
  await first.close();

  const second = await ext.openPopup(page);
  await expect(second.getByTestId('no-captures')).toBeVisible();
  await expect(second.getByTestId('capture')).toHaveCount(0);
});
