// Faults of MySafe in Firefox, as tests/browser/faults.spec.ts meets them in Chromium: a login typed on a local page,
// the popup opened, Save pressed. Every fault is said in words in the card, and the end is exactly one entry on the
// local MySafe server, whose log is the judge. Nothing here waits by sleeping: it waits for a state of the card, the
// server's entries or what the background stored.
import type { Page } from 'puppeteer-core';
import { creates, isLookup } from '../support/mysafe-log';
import { test, expect, clickOn, fillIn, until, type FirefoxHarness } from './harness';
import { byTestId, CARD, logIn, PASSWORD, textOf, USERNAME, valueOf, waitForAttribute, waitForCards, waitForText } from './steps';

const UNREADABLE = 'MySafe sent an answer that could not be read. Check the server URL.';
const GATEWAY = 'The gateway in front of MySafe failed.';

/** `id` inside the card `card` (a selector). */
const inCard = (card: string, id: string) => `${card} ${byTestId(id)}`;

/**
 * A login typed on the site, its popup open, and the popup's question settled (the decision asked MySafe what it
 * holds), so that a fault armed afterwards meets the save and nothing else. `card` selects its card in `popup`.
 */
async function loginCard(ext: FirefoxHarness, origin: 'main' | 'alt' = 'main', username = USERNAME): Promise<{ page: Page; popup: Page; card: string }> {
  const page = await logIn(ext, username, PASSWORD, origin);
  await expect.poll(() => ext.badgeOf(page)).toBe('1');
  const popup = await ext.openPopup(page);
  // The popup lists every capture, its tab's first: this one is the only one of its origin.
  const card = `${CARD}[data-origin="${origin === 'main' ? ext.site.origin : ext.site.altOrigin}"]`;
  await waitForText(popup, inCard(card, 'capture-question'), 'Save login to MySafe?');
  await until(
    popup,
    (sel: string, words: string) => {
      const found = document.querySelector(sel);
      return !!found && ![...found.querySelectorAll('p')].some((p) => p.textContent === words);
    },
    [card, 'Checking MySafe for this site…'],
  );
  return { page, popup, card };
}

/** The card says, in words, that the save is queued and will be tried again by itself. */
async function expectQueued(popup: Page, card: string, words: string): Promise<void> {
  await waitForAttribute(popup, inCard(card, 'capture-status'), 'data-state', 'queued');
  expect(await textOf(popup, inCard(card, 'capture-status'))).toContain(words);
  await popup.waitForSelector(inCard(card, 'capture-will-retry'), { visible: true });
}

/** A popup opened again for `page`'s tab still lists the capture, in the state `state`. */
async function expectKept(ext: FirefoxHarness, page: Page, state: 'queued' | 'error'): Promise<void> {
  const again = await ext.openPopup(page);
  await waitForCards(again, 1);
  expect(await valueOf(again, inCard(CARD, 'capture-username'))).toBe(USERNAME);
  await waitForAttribute(again, inCard(CARD, 'capture-status'), 'data-state', state);
  await again.close();
}

/** Exactly one entry, the login as typed; the card says so (with the entry's name when its own Save made it). */
async function expectOneEntry(ext: FirefoxHarness, popup: Page, card: string): Promise<void> {
  await waitForAttribute(popup, inCard(card, 'capture-status'), 'data-state', 'saved');
  expect(await textOf(popup, inCard(card, 'capture-status'))).toMatch(/^(Saved in MySafe\.|Saved to MySafe as “[^”]+”)$/);
  expect(ext.mysafe.entries()).toEqual([expect.objectContaining({ username: USERNAME, password: PASSWORD })]);
}

test('a create applied but answered 200 with an unreadable body: an error in words, and Save again makes no second entry', async ({ ext }) => {
  await ext.configure();
  const { popup, card } = await loginCard(ext);
  ext.mysafe.loseNextAnswer(1, 'unreadable');
  await clickOn(popup, inCard(card, 'capture-save'));
  await waitForAttribute(popup, inCard(card, 'capture-status'), 'data-state', 'error');
  await waitForText(popup, inCard(card, 'capture-status'), UNREADABLE);
  expect(ext.mysafe.entries()).toHaveLength(1);

  await clickOn(popup, inCard(card, 'capture-save'));
  await expectOneEntry(ext, popup, card);
  expect(creates(ext)).toHaveLength(1);
  expect(ext.mysafe.requests().some(isLookup)).toBe(true);
});

test('queued with its create maybe applied, then an error that does not pass, then an edited name saved: one entry', async ({ ext }) => {
  await ext.configure();
  const { page, popup, card } = await loginCard(ext);
  ext.mysafe.loseNextAnswer(1);
  await clickOn(popup, inCard(card, 'capture-save'));
  await expectQueued(popup, card, GATEWAY);
  // The retry's look-up is answered with a page that is not JSON: an error the user has to read.
  ext.mysafe.failNext(1, 'not-json');
  await clickOn(popup, inCard(card, 'capture-retry'));
  await waitForAttribute(popup, inCard(card, 'capture-status'), 'data-state', 'error');
  await waitForText(popup, inCard(card, 'capture-status'), UNREADABLE);
  await expectKept(ext, page, 'error');

  await clickOn(popup, inCard(card, 'capture-details'));
  await fillIn(popup, inCard(card, 'capture-name'), 'My shop, edited');
  await clickOn(popup, inCard(card, 'capture-save'));
  await waitForAttribute(popup, inCard(card, 'capture-status'), 'data-state', 'saved');
  expect(ext.mysafe.entries()).toEqual([expect.objectContaining({ username: USERNAME, password: PASSWORD })]);
  expect(creates(ext)).toHaveLength(1);
});

test('a capture saved by a background retry is shown once as saved, by the next popup, then no more', async ({ ext }) => {
  await ext.configure();
  const { page, popup, card } = await loginCard(ext);
  ext.mysafe.failNext(1, 502);
  await clickOn(popup, inCard(card, 'capture-save'));
  await expectQueued(popup, card, GATEWAY);
  await popup.close();

  // No popup is open when the alarm saves it: the background's store says when.
  const savedUnseen = () =>
    ext.inExtension(async (api) => {
      const { 'pending-captures': captures } = await api.storage.session.get('pending-captures');
      return ((captures ?? []) as { state: { status: string; seen?: boolean } }[]).map((c) => `${c.state.status}:${c.state.seen ?? ''}`);
    }, undefined);
  await expect.poll(savedUnseen, { timeout: 30_000 }).toEqual(['saved:false']);
  expect(ext.mysafe.entries()).toEqual([expect.objectContaining({ username: USERNAME, password: PASSWORD })]);

  const first = await ext.openPopup(page);
  await waitForAttribute(first, inCard(CARD, 'capture-status'), 'data-state', 'saved');
  expect(await textOf(first, inCard(CARD, 'capture-status'))).toBe('Saved in MySafe.');
  await expect.poll(savedUnseen).toEqual(['saved:true']);
  // The popup that showed it keeps showing it while it stays open.
  expect(await waitForCards(first, 1)).toEqual(['login']);
  await first.close();

  const second = await ext.openPopup(page);
  await second.waitForSelector(byTestId('no-captures'), { visible: true });
  expect(await second.$$(CARD)).toHaveLength(0);
});

test('a capture dismissed while its retry is queued is never saved afterwards', async ({ ext }) => {
  await ext.configure();
  const dismissed = await loginCard(ext, 'main', 'ana@example.com');
  ext.mysafe.failNext(1, 502);
  await clickOn(dismissed.popup, inCard(dismissed.card, 'capture-save'));
  await expectQueued(dismissed.popup, dismissed.card, GATEWAY);
  // A second login, queued after it: the retry alarm saves it, and the server's log shows when that run came.
  const kept = await loginCard(ext, 'alt', 'bruno@example.com');
  ext.mysafe.failNext(1, 502);
  await clickOn(kept.popup, inCard(kept.card, 'capture-save'));
  await expectQueued(kept.popup, kept.card, GATEWAY);
  const retryAlarm = () => ext.inExtension(async (api) => !!(await api.alarms.get('mysafe-save-retry')), undefined);
  expect(await retryAlarm()).toBe(true);

  await clickOn(dismissed.popup, inCard(dismissed.card, 'capture-dismiss'));
  await until(dismissed.popup, (sel: string) => document.querySelector(sel) === null, [dismissed.card]);

  // The alarm comes by itself. Retries run one after another in the captures' order, the dismissed one (older)
  // first: by the time the second is saved, the dismissed one would have been created.
  await waitForAttribute(kept.popup, inCard(kept.card, 'capture-status'), 'data-state', 'saved', 30_000);
  expect(ext.mysafe.entries()).toEqual([expect.objectContaining({ username: 'bruno@example.com' })]);
  expect(creates(ext).filter((r) => (r.body as { username?: string }).username === 'ana@example.com')).toHaveLength(1);
  expect(ext.mysafe.requests().some((r) => isLookup(r) && r.query.username === 'ana@example.com')).toBe(false);
  // Nothing is left to retry.
  await expect.poll(retryAlarm).toBe(false);
});
