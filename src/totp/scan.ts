import browser, { type Tabs } from 'webextension-polyfill';
import type { KeyProvenance, SaveValues, TotpKey } from '../capture/types';
import { tabSourceOf } from '../capture/source';
import { CONTEXT_TARGET_KEY, type MenuClick, type TotpValues } from './types';
import { emptySummary, provenanceAt, provenanceOfFrame, scanBlockReason, type ScanSummary } from './scan-rules';
import { captureWithKey, loginForKey } from './placement';
import { issuerElsewhere } from './issuer';
import { isOtpError, readManualEntry, readQrText, readQrTexts } from './otpauth';
import { normaliseSecret } from '../capture/same';
import type { Result, UiError } from '../errors';
import { ALLOWED_FROM, addCapture, listCaptures, transition } from '../capture/store';
import { read, update } from './storage';
import { decodeImageAt, decodeScreenshot } from './qr/decoder';
import type { FoundCode } from './qr/zxing';
import { saveOnce } from '../save/save';
import { describeContextTarget, frameLayout, inTopFrame, painted } from './in-page';

// Authenticator keys from QR codes: screenshot a tab (or take a right-clicked image), decode it, and turn every key
// into a capture — or put it on the pending login of the same site. Also where a key capture is saved into MySafe.

/** The popup shows what the last right-click scan of a tab found, if it is opened soon after. */
const LAST_SCAN_TTL_MS = 5 * 60_000;
/** The longest wait for a tab just made active to paint (pages without the content script wait this long). */
const PAINT_WAIT_MS = 1500;
/** After the page has drawn, a moment for the frame to reach the screen. */
const PRESENT_WAIT_MS = 50;
/** Chromium allows two captureVisibleTab calls a second. */
const CAPTURE_QUOTA_WAIT_MS = 600;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function blockOf(tab: Tabs.Tab): Promise<ScanSummary['blocked'] | null> {
  const fileAccess = await browser.extension.isAllowedFileSchemeAccess().catch(() => false);
  return scanBlockReason(tab.url, fileAccess);
}

async function captureWindow(windowId: number): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await browser.tabs.captureVisibleTab(windowId, { format: 'png' });
    } catch (error) {
      if (attempt < 2 && /MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND/.test(String(error))) {
        await sleep(CAPTURE_QUOTA_WAIT_MS);
        continue;
      }
      throw error;
    }
  }
}

/**
 * A screenshot (data: URL, PNG) of the tab. Only the visible tab of a window can be captured: a tab in the
 * background (the popup opened as a tab with ?tab=…) is made active for the capture, and the tab that was active
 * before is made active again.
 */
async function screenshot(tab: Tabs.Tab): Promise<string> {
  const windowId = tab.windowId!;
  if (tab.active) return captureWindow(windowId);
  const [previous] = await browser.tabs.query({ active: true, windowId });
  await browser.tabs.update(tab.id!, { active: true });
  try {
    // The page says when it has drawn; a page nothing can run in gets the longest wait.
    const answered = inTopFrame(browser, tab.id!, painted).then((done) => done ?? sleep(PAINT_WAIT_MS));
    await Promise.race([answered, sleep(PAINT_WAIT_MS)]);
    await sleep(PRESENT_WAIT_MS);
    return await captureWindow(windowId);
  } finally {
    if (previous?.id !== undefined) await browser.tabs.update(previous.id, { active: true }).catch(() => {});
  }
}

type Placement = 'added' | 'attached' | 'known';

/**
 * A key goes to the pending login of its site when there is one and the page drew it; else (a frame of another
 * origin drew it, or nobody can tell) it becomes a capture of its own, whose card says where it came from.
 */
async function placeKey(tab: Tabs.Tab, found: TotpKey): Promise<Placement> {
  const source = tabSourceOf(tab)!;
  const elsewhere = issuerElsewhere(found.issuer, source.url);
  const key = elsewhere ? { ...found, issuerElsewhere: elsewhere } : found;
  const pending = await listCaptures();
  if (captureWithKey(pending, key)) return 'known';
  // A key naming another site is not slipped into this site's login either: its own card says what it names.
  const drawnByPage = (key.provenance?.drawnBy ?? 'page') === 'page' && !elsewhere;
  const login = drawnByPage ? loginForKey(pending, key, source.origin) : undefined;
  // Only a login still waiting for the user takes the key: one being saved (or saved) would lose it.
  if (login && (await transition(login.id, ALLOWED_FROM.attachKey, (capture) => ({ ...capture, totp: key }))).ok) return 'attached';
  await addCapture({ id: crypto.randomUUID(), kind: 'totp', ...source, username: '', password: '', totp: key, createdAt: Date.now() });
  return 'added';
}

/** Reads the QR codes found on a tab and keeps their keys, each with who drew it. */
async function keepKeys(tab: Tabs.Tab, codes: FoundCode[], provenanceOf: (code: FoundCode) => KeyProvenance): Promise<ScanSummary> {
  const summary = emptySummary();
  const texts = codes.map((code) => code.text);
  summary.codes = texts.length;
  const { keys, sources, problems, skipped } = readQrTexts(texts);
  summary.problems = problems.map(({ error, preview }) => (preview ? { error, preview } : { error }));
  summary.skipped = skipped;
  for (const text of texts) {
    const read = readQrText(text);
    if (!isOtpError(read) && read.batch) summary.batch = read.batch;
  }
  for (const [i, key] of keys.entries()) summary[await placeKey(tab, { ...key, provenance: provenanceOf(codes[sources[i]]) })]++;
  return summary;
}

export async function scanTab(tabId: number): Promise<ScanSummary> {
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  const blocked = tab ? await blockOf(tab) : 'no-page';
  if (!tab || blocked) return { ...emptySummary(), blocked: blocked ?? 'no-page' };
  let image: string;
  try {
    image = await screenshot(tab);
  } catch (error) {
    console.warn('tab not captured:', (error as Error).message);
    return { ...emptySummary(), blocked: 'capture-failed' };
  }
  // The top frame's viewport and frames, for telling which codes a frame drew.
  const layout = await inTopFrame(browser, tab.id!, frameLayout);
  return keepKeys(tab, await decodeScreenshot(image), (code) => provenanceAt(code, layout));
}

export async function addManualKey(tabId: number, text: string): Promise<ScanSummary> {
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  if (!tab?.url || (await blockOf(tab))) return { ...emptySummary(), blocked: 'no-page' };
  const read = readManualEntry(text);
  const summary = { ...emptySummary(), codes: 1 };
  if (isOtpError(read)) {
    summary.problems = [read.preview ? { error: read.error, preview: read.preview } : { error: read.error }];
    return summary;
  }
  summary.skipped = read.skipped ?? [];
  for (const key of read.keys) summary[await placeKey(tab, key)]++;
  return summary;
}

// ---- The right-click menu ----

/**
 * "Add authenticator key to MySafe" on an image or an element: the image's own file first (fetched with the host
 * permission, so a cross-origin image works too); else the element's part of a screenshot (canvas, inline SVG, CSS
 * background); else, when that holds no code, the whole visible tab.
 */
export async function scanClicked(tabId: number, click: MenuClick): Promise<ScanSummary> {
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  const blocked = tab ? await blockOf(tab) : 'no-page';
  if (!tab || blocked) return remember(tabId, { ...emptySummary(), blocked: blocked ?? 'no-page' });

  // A click in a frame: the browser says which frame; its image is that frame's (the page's own if same-origin).
  const inFrame = (click.frameId ?? 0) !== 0;
  const clicked: KeyProvenance = inFrame ? provenanceOfFrame(click.frameUrl, tab.url) : { drawnBy: 'page' };
  let codes: FoundCode[] = [];
  if (click.mediaType === 'image' && click.srcUrl) {
    codes = await decodeImageAt(click.srcUrl).catch(() => []);
  }
  if (codes.length > 0) return remember(tabId, await keepKeys(tab, codes, () => clicked));
  // Rects are relative to the frame's viewport: only the top frame's map onto the screenshot.
  const target = inFrame ? null : await inTopFrame(browser, tabId, describeContextTarget, CONTEXT_TARGET_KEY);
  let image: string;
  try {
    image = await screenshot(tab);
  } catch (error) {
    console.warn('tab not captured:', (error as Error).message);
    return remember(tabId, { ...emptySummary(), blocked: 'capture-failed' });
  }
  if (target && target.element !== 'other') codes = await decodeScreenshot(image, target.rect);
  if (codes.length > 0) return remember(tabId, await keepKeys(tab, codes, () => clicked));
  // The whole visible tab: each code is the page's or a frame's by where it was drawn.
  const layout = await inTopFrame(browser, tabId, frameLayout);
  codes = await decodeScreenshot(image);
  return remember(tabId, await keepKeys(tab, codes, (code) => provenanceAt(code, layout)));
}

async function remember(tabId: number, summary: ScanSummary): Promise<ScanSummary> {
  await update('qr-last-scan', (all) => ({ ...all, [tabId]: { at: Date.now(), summary } }));
  return summary;
}

/** The last right-click scan of the tab, once: the popup shows it when opened soon after. */
export async function takeLastScan(tabId: number): Promise<ScanSummary | null> {
  const last = (await read('qr-last-scan'))?.[tabId];
  if (!last) return null;
  await update('qr-last-scan', (all) => {
    const rest = { ...all };
    delete rest[tabId];
    return rest;
  });
  return Date.now() - last.at < LAST_SCAN_TTL_MS ? last.summary : null;
}

// ---- Saving a key: the one save path (src/save/save.ts) ----

/**
 * An existing entry gets only `secret_key` (and nothing when it already holds this key); a new entry needs the site's
 * username and password as well.
 */
function keySaveValues(values: TotpValues): SaveValues | UiError {
  const secret = normaliseSecret(values.secret);
  if (!secret) return { kind: 'invalid-secret' };
  const { target, name, url, username, password } = values;
  return target === 'new' ? { target, name, url, username, password, secretKey: secret } : { target, secretKey: secret };
}

export async function saveKey(id: string, values: TotpValues): Promise<Result<{ identifier: string }>> {
  const planned = keySaveValues(values);
  if (!('target' in planned)) return { ok: false, error: planned };
  return saveOnce(id, planned, 'person');
}
