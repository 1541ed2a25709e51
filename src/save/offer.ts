import browser from 'webextension-polyfill';
import type { Capture, NewCapture } from '../capture/types';
import { hostOf } from '../platform/origin';
import { tabSourceOf } from '../capture/source';
import { addCapture, getCapture, removeCaptures } from '../capture/store';
import { decideCapture } from './entries';
import { clientFor } from './connection';
import { isNeverSite, setNeverSite } from './preferences';
import { loadSettings } from './settings';

// Which captures are offered at all: none from a never-site, none that MySafe already holds (same username and
// password: dropped silently). When MySafe cannot tell in time, the capture is kept and the popup decides again.

/** How long a new capture waits for MySafe's answer before it is kept anyway. */
const DECIDE_WAIT_MS = 4000;

async function alreadyInMySafe(capture: NewCapture): Promise<boolean> {
  const settings = await loadSettings();
  if (!settings) return false;
  const timeout = new Promise<false>((done) => setTimeout(() => done(false), DECIDE_WAIT_MS));
  const decided = decideCapture(clientFor(settings), capture).then(
    ({ decision }) => decision.action === 'none',
    () => false,
  );
  return Promise.race([decided, timeout]);
}

/** Keeps a capture from a form unless its site is a never-site or MySafe already has it: the kept capture, or why not. */
export async function offerCapture(capture: NewCapture): Promise<Capture | 'never-site' | 'already-in-mysafe'> {
  if (await isNeverSite(capture.origin)) return 'never-site';
  if (await alreadyInMySafe(capture)) return 'already-in-mysafe';
  return addCapture(capture);
}

/** Drops the capture, every pending capture of its site, and stops offering captures for that site. */
export async function neverForSite(id: string): Promise<boolean> {
  const capture = await getCapture(id);
  const host = capture && hostOf(capture.origin);
  if (!host) return false;
  await setNeverSite(host, true);
  // Saved ones stay: they say what was done.
  await removeCaptures((c) => c.state.status !== 'saved' && hostOf(c.origin) === host);
  return true;
}

/** "Save this site": a capture of the tab's page for the user to fill in, when nothing was captured there. */
export async function addSiteCapture(tabId: number): Promise<Capture | undefined> {
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  const source = tab && tabSourceOf(tab);
  // Web pages only: a file has no site to save a login for.
  if (!source || source.origin === 'file://') return undefined;
  return addCapture({
    id: crypto.randomUUID(),
    kind: 'login',
    ...source,
    username: '',
    password: '',
    createdAt: Date.now(),
  });
}
