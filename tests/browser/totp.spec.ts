// Authenticator keys from QR codes, in the real browser: codes drawn by the `qrcode` package here (never by the
// project's code) as <img> (data: and cross-origin URLs), <canvas>, inline <svg> and CSS backgrounds, at
// devicePixelRatio 1 and 2 (a scale-2 screen, so the tab's screenshot really is twice the size), scanned from the
// popup (`scan-qr`) and saved into the local MySafe server. The code the popup shows is checked against an RFC 6238
// computation made here with node:crypto.
import type { Locator, Page } from '@playwright/test';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import protobuf from 'protobufjs';
import QRCode from 'qrcode';
import { test, expect, type ExtensionHarness } from './harness';
import { badgeText } from './steps';
import { ORG_DOMAIN } from '../support/site';
import { renderScreenPhoto, SCREEN_PHOTOS } from '../unit/qr-photo';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const OTHER_SECRET = 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU';
const THIRD_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const ACCOUNT = 'ana@example.com';
const MENU_ID = 'mysafe-add-totp';

const otpauth = (secret: string, account = ACCOUNT, issuer = 'Example') =>
  `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(account)}?secret=${secret}&issuer=${encodeURIComponent(issuer)}`;

// ---- RFC 6238, independently of the extension ----

function base32Bytes(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of text.replace(/=+$/, '')) bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

function totpAt(secret: string, timeMs: number, digits = 6, period = 30): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(timeMs / 1000 / period)));
  const hmac = createHmac('sha1', base32Bytes(secret)).update(counter).digest();
  const offset = hmac[hmac.length - 1] & 0x0f;
  const binary = hmac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The code a card shows is the one for now (or for the step that just ended, if it turned while reading). */
async function expectLiveCode(card: Locator, secret: string): Promise<void> {
  const before = Date.now();
  const shown = (await card.getByTestId('totp-code').textContent())?.trim();
  expect([totpAt(secret, before - 1500), totpAt(secret, before), totpAt(secret, Date.now())]).toContain(shown);
  await expect(card.getByTestId('totp-countdown')).toHaveText(/^\d+ s left$/);
}

// ---- QR codes, drawn in every way a page may show them ----

const png = (text: string) => QRCode.toDataURL(text, { margin: 4, scale: 6, errorCorrectionLevel: 'M' });
const svg = (text: string) => QRCode.toString(text, { type: 'svg', margin: 4, width: 240 });

/** A <canvas> the page paints module by module from the matrix the qrcode package computed. */
function canvas(text: string, id = 'qr-canvas'): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const cell = 6;
  const quiet = 4;
  const side = (modules.size + 2 * quiet) * cell;
  const dark = Array.from(modules.data as Uint8Array).map(String).join('');
  return `<canvas id="${id}" width="${side}" height="${side}"></canvas>
<script>(() => {
  const c = document.getElementById('${id}').getContext('2d');
  const dark = '${dark}';
  c.fillStyle = '#fff'; c.fillRect(0, 0, ${side}, ${side}); c.fillStyle = '#000';
  for (let i = 0; i < dark.length; i++) if (dark[i] === '1') c.fillRect((${quiet} + i % ${modules.size}) * ${cell}, (${quiet} + Math.floor(i / ${modules.size})) * ${cell}, ${cell}, ${cell});
})();</script>`;
}

const page = (body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Two-factor setup</title>
<style>body { font: 16px sans-serif; margin: 24px; } .row { display: flex; gap: 80px; align-items: flex-start; }</style></head>
<body><h1>Set up two-factor authentication</h1><p>Scan this code with your authenticator app.</p>${body}</body></html>`;

/**
 * Opens `html` as a site page, optionally at devicePixelRatio 2: on a screen of scale 2 (`screenScale`), with the
 * page's device metrics set over CDP (the harness's persistent context emulates a scale-1 viewport otherwise).
 */
async function openSitePage(ext: ExtensionHarness, html: string, opts: { dpr?: number; path?: string; host?: string } = {}): Promise<Page> {
  const path = opts.path ?? '/2fa';
  ext.site.route(path, html);
  const tab = await ext.context.newPage();
  if (opts.dpr && opts.dpr !== 1) {
    const cdp = await ext.context.newCDPSession(tab);
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1280, height: 800, deviceScaleFactor: opts.dpr, mobile: false });
  }
  // A host of corp.example is the test site too (harness.ts): a page on a name with a registrable domain.
  await tab.goto(opts.host ? `http://${opts.host}:${new URL(ext.site.origin).port}${path}` : ext.site.url(path));
  await tab.waitForLoadState('load');
  expect(await tab.evaluate(() => devicePixelRatio)).toBe(opts.dpr ?? 1);
  if (opts.dpr && opts.dpr !== 1) {
    // The screenshot the extension will get really has devicePixelRatio × the CSS pixels.
    const worker = await ext.serviceWorker();
    const width = await worker.evaluate(async () => {
      const shot = await chrome.tabs.captureVisibleTab({ format: 'png' });
      return (await createImageBitmap(await (await fetch(shot)).blob())).width;
    });
    expect(width).toBe((await tab.evaluate(() => innerWidth)) * opts.dpr);
  }
  return tab;
}

/** Opens the popup for `tab` and presses "Scan QR code on this page"; returns the popup once the scan is over. */
async function scan(ext: ExtensionHarness, tab: Page): Promise<Page> {
  const popup = await ext.openPopup(tab);
  await popup.getByTestId('scan-qr').click();
  await expect(popup.getByTestId('scan-status')).toHaveAttribute('data-state', /^(done|error)$/, { timeout: 20_000 });
  // The scanned tab was made active for the screenshot only: the popup's tab is in front again.
  await expect.poll(() => popup.evaluate(() => document.visibilityState)).toBe('visible');
  return popup;
}

const totpCards = (popup: Page) => popup.locator('[data-testid="capture"][data-kind="totp"]');

async function keyOfCard(card: Locator): Promise<string> {
  await card.getByTestId('capture-secret-reveal').click();
  return card.getByTestId('capture-secret').inputValue();
}

test('an <img> code (data: URL) at DPR 1: a key card with a live code, saved as a new entry with username and password', async ({ ext }) => {
  await ext.configure();
  const tab = await openSitePage(ext, page(`<img alt="QR code" src="${await png(otpauth(SECRET))}">`));
  const popup = await scan(ext, tab);
  await expect(popup.getByTestId('scan-status')).toHaveText('Authenticator keys found: 1. Save each one below.');

  const card = totpCards(popup);
  await expect(card).toHaveCount(1);
  await expect(card).toHaveAttribute('data-origin', ext.site.origin);
  await expect(card.getByTestId('totp-issuer')).toHaveText('Example');
  await expect(card.getByTestId('totp-account')).toHaveText(ACCOUNT);
  // The secret stays hidden until revealed.
  await expect(card.getByTestId('capture-secret')).toHaveAttribute('type', 'password');
  expect(await keyOfCard(card)).toBe(SECRET);
  await expect(card.getByTestId('capture-secret')).toHaveAttribute('type', 'text');
  await expectLiveCode(card, SECRET);

  // Nothing stored for this site: a new entry, which needs the site's password.
  await expect(card.getByTestId('totp-question')).toHaveText('Save authenticator key to MySafe?');
  await expect(card.getByTestId('capture-target')).toHaveValue('new');
  await expect(card.getByTestId('capture-username')).toHaveValue(ACCOUNT);
  await card.getByTestId('capture-save').click();
  await expect(card.getByTestId('capture-status')).toHaveAttribute('data-state', 'error');
  await expect(card.getByTestId('capture-status')).toContainText('password');
  expect(ext.mysafe.entries()).toHaveLength(0);

  await card.getByTestId('capture-password').fill('site-Password-1');
  await card.getByTestId('capture-save').click();
  await expect(card.getByTestId('capture-status')).toHaveAttribute('data-state', 'saved');
  expect(ext.mysafe.entries()).toEqual([
    expect.objectContaining({ username: ACCOUNT, password: 'site-Password-1', secret_key: SECRET, url: ext.site.url('/2fa') }),
  ]);
});

test('a cross-origin <img> and a CSS background at DPR 1', async ({ ext }) => {
  await ext.configure();
  ext.site.route('/qr.png', await QRCode.toBuffer(otpauth(SECRET), { margin: 4, scale: 6 }), 'image/png');
  const html = page(`<div class="row"><img alt="QR code" src="${ext.site.altUrl('/qr.png')}">
    <div style="width:240px;height:240px;background-image:url('${await png(otpauth(OTHER_SECRET, 'bob@example.com'))}');background-size:contain"></div></div>`);
  const tab = await openSitePage(ext, html);
  const popup = await scan(ext, tab);
  const cards = totpCards(popup);
  await expect(cards).toHaveCount(2);
  for (const card of await cards.all()) await expect(card).toHaveAttribute('data-origin', ext.site.origin);
  const secrets = [await keyOfCard(cards.nth(0)), await keyOfCard(cards.nth(1))].sort();
  expect(secrets).toEqual([SECRET, OTHER_SECRET].sort());
});

test('a QR code that is not a key, and one with an invalid base32 secret, say so', async ({ ext }) => {
  await ext.configure();
  const tab = await openSitePage(ext, page(`<img alt="menu" src="${await png('https://restaurant.example.com/menu?table=12&token=abc')}">`));
  const popup = await scan(ext, tab);
  const status = popup.getByTestId('scan-status');
  await expect(status).toHaveAttribute('data-state', 'error');
  await expect(status).toHaveText('This QR code holds no authenticator key (it holds a link: https://restaurant.example.com/menu).');
  await expect(totpCards(popup)).toHaveCount(0);

  const invalid = await openSitePage(ext, page(`<img alt="QR" src="${await png('otpauth://totp/Example:ana?secret=NOT-BASE32-1890&issuer=Example')}">`), { path: '/bad' });
  const again = await scan(ext, invalid);
  await expect(again.getByTestId('scan-status')).toHaveText('The secret key is not valid base32 (only letters A–Z and digits 2–7).');
  await expect(totpCards(again)).toHaveCount(0);
  expect(ext.mysafe.entries()).toHaveLength(0);
});

test('a Google Authenticator export with three accounts makes three key cards', async ({ ext }) => {
  await ext.configure();
  const type = protobuf.parse(`
    syntax = "proto3";
    message MigrationPayload {
      message OtpParameters { bytes secret = 1; string name = 2; string issuer = 3; int32 algorithm = 4; int32 digits = 5; int32 type = 6; int64 counter = 7; }
      repeated OtpParameters otp_parameters = 1; int32 version = 2; int32 batch_size = 3; int32 batch_index = 4; int32 batch_id = 5;
    }`).root.lookupType('MigrationPayload');
  const accounts = ['ana@example.com', 'bia@example.com', 'caio@example.com'].map((name, i) => ({ name, secret: Buffer.from(`twenty-byte-seed-#${i}!`) }));
  const bytes = type
    .encode(
      type.fromObject({
        otpParameters: accounts.map((a) => ({ secret: a.secret, name: `Example:${a.name}`, issuer: 'Example', algorithm: 1, digits: 1, type: 2 })),
        version: 1,
        batchSize: 1,
        batchIndex: 0,
        batchId: 7,
      }),
    )
    .finish();
  const uri = `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(bytes).toString('base64'))}`;
  const tab = await openSitePage(ext, page(`<img alt="export" src="${await QRCode.toDataURL(uri, { margin: 4, scale: 5 })}">`));
  const popup = await scan(ext, tab);
  await expect(popup.getByTestId('scan-status')).toHaveText('Authenticator keys found: 3. Save each one below.');
  const cards = totpCards(popup);
  await expect(cards).toHaveCount(3);
  for (const account of accounts) {
    const card = cards.filter({ has: popup.getByTestId('totp-account').getByText(account.name, { exact: true }) });
    const secret = await keyOfCard(card);
    expect(base32Bytes(secret)).toEqual(account.secret);
    await expectLiveCode(card, secret);
  }
});

test("a photo of a phone showing a key (skewed, moiré, glare): found by the decoder's second pass", async ({ ext }) => {
  await ext.configure();
  // The photo's pixels, drawn 1:1 on a <canvas> at DPR 1, so the screenshot holds them unchanged.
  const { data, width, height } = renderScreenPhoto(SCREEN_PHOTOS['skewed, with moiré and glare']);
  const tab = await openSitePage(ext, page(`<canvas id="photo" width="${width}" height="${height}"></canvas>
<script>(() => {
  const bytes = Uint8ClampedArray.from(atob('${Buffer.from(data.buffer).toString('base64')}'), (c) => c.charCodeAt(0));
  document.getElementById('photo').getContext('2d').putImageData(new ImageData(bytes, ${width}, ${height}), 0, 0);
})();</script>`));
  const popup = await scan(ext, tab);
  await expect(popup.getByTestId('scan-status')).toHaveText('Authenticator keys found: 1. Save each one below.');
  const card = totpCards(popup);
  await expect(card.getByTestId('totp-issuer')).toHaveText('Example');
  await expect(card.getByTestId('totp-account')).toHaveText('alice@example.com');
  expect(await keyOfCard(card)).toBe(SECRET);
});

/** Signs in as ACCOUNT on the site's /login page like a person, leaving a pending login of the site. */
async function signIn(ext: ExtensionHarness, password: string): Promise<void> {
  ext.site.route('/login', `<!doctype html><title>Sign in</title><form method="post" action="/session">
    <label>Email <input name="email" type="email" autocomplete="username"></label>
    <label>Password <input name="password" type="password" autocomplete="current-password"></label>
    <button type="submit">Sign in</button></form>`);
  const login = await ext.context.newPage();
  await login.goto(ext.site.url('/login'));
  await login.getByLabel('Email').pressSequentially(ACCOUNT);
  await login.getByLabel('Password').pressSequentially(password);
  await login.getByRole('button', { name: 'Sign in' }).click();
  await login.waitForURL('**/session');
}

test('a key scanned while a login of the site is pending goes on that login and is saved with it', async ({ ext }) => {
  await ext.configure();
  await signIn(ext, 'c0rrect-Horse');

  const tab = await openSitePage(ext, page(`<img alt="QR" src="${await png(otpauth(SECRET))}">`));
  const popup = await scan(ext, tab);
  await expect(popup.getByTestId('scan-status')).toHaveText('Authenticator keys added to the pending login of this site: 1.');
  await expect(totpCards(popup)).toHaveCount(0);
  const card = popup.locator('[data-testid="capture"][data-kind="login"]');
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('capture-secret')).toHaveAttribute('type', 'password');
  expect(await keyOfCard(card)).toBe(SECRET);
  await expectLiveCode(card, SECRET);

  await card.getByTestId('capture-save').click();
  await expect(card.getByTestId('capture-status')).toHaveAttribute('data-state', 'saved');
  expect(ext.mysafe.entries()).toEqual([expect.objectContaining({ username: ACCOUNT, password: 'c0rrect-Horse', secret_key: SECRET })]);
});

test('a key drawn by an ad frame of another origin on a bank page neither joins the pending bank login nor preselects the bank entry', async ({ ext }) => {
  await ext.configure();
  ext.mysafe.addEntry('demo', { name: 'Bank', url: ext.site.url('/login'), username: ACCOUNT, password: 'old-Bank-pass1', secret_key: OTHER_SECRET });
  await signIn(ext, 'n3w-Bank-pass2');

  // The ad, from the site's other origin, draws the attacker's code in a frame of the bank's two-factor page.
  ext.site.route('/ad', page(`<img alt="QR" src="${await png(otpauth(SECRET, ACCOUNT, 'Bank'))}">`));
  const tab = await openSitePage(ext, page(`<iframe src="${ext.site.altUrl('/ad')}" width="700" height="500" style="border:0"></iframe>`));
  await expect(tab.frameLocator('iframe').getByAltText('QR')).toBeVisible();
  const popup = await scan(ext, tab);
  await expect(popup.getByTestId('scan-status')).toHaveText('Authenticator keys found: 1. Save each one below.');
  // Not on the login card...
  const loginCard = popup.locator('[data-testid="capture"][data-kind="login"]');
  await expect(loginCard).toHaveCount(1);
  await expect(loginCard.getByTestId('capture-secret')).toHaveCount(0);
  // ...and its own card preselects a new entry, offers the bank entry, and says where the code came from.
  const card = totpCards(popup);
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('totp-provenance')).toContainText('localhost');
  await expect(card.getByTestId('capture-target').locator('option')).toHaveCount(2);
  await expect(card.getByTestId('capture-target')).toHaveValue('new');
  expect(ext.mysafe.entries()[0].secret_key).toBe(OTHER_SECRET);
});

test('a key whose issuer names another site than the page says so on its own card', async ({ ext }) => {
  await ext.configure();
  const tab = await openSitePage(ext, page(`<img alt="QR" src="${await png(otpauth(SECRET, ACCOUNT, 'PayPal'))}">`), { host: `bank.${ORG_DOMAIN}` });
  const popup = await scan(ext, tab);
  const card = totpCards(popup);
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('totp-issuer-elsewhere')).toHaveText(`This key says it is for “PayPal”, but it was shown on bank.${ORG_DOMAIN}:${new URL(ext.site.origin).port}. Save it only if it is for this site.`);

  // The same page's own key ("Corp") says nothing of the kind.
  const own = await openSitePage(ext, page(`<img alt="QR" src="${await png(otpauth(OTHER_SECRET, ACCOUNT, 'Corp'))}">`), { host: `bank.${ORG_DOMAIN}`, path: '/2fa-own' });
  const again = await scan(ext, own);
  await expect(totpCards(again)).toHaveCount(2);
  await expect(totpCards(again).getByTestId('totp-issuer-elsewhere')).toHaveCount(1);
});

test('an HOTP key is stored, with a word that MySafe will not produce its codes; a key typed by hand makes a card too', async ({ ext }) => {
  await ext.configure();
  const hotp = `otpauth://hotp/Bank:${ACCOUNT}?secret=${OTHER_SECRET}&issuer=Bank&counter=3`;
  const tab = await openSitePage(ext, page(`<img alt="QR" src="${await png(hotp)}">`));
  const popup = await scan(ext, tab);
  const card = totpCards(popup);
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('totp-hotp')).toHaveText('This is a counter-based (HOTP) key. It is stored, but MySafe will not produce codes for it.');
  await expect(card.getByTestId('totp-code')).toHaveCount(0);
  await card.getByTestId('capture-password').fill('bank-Password-1');
  await card.getByTestId('capture-save').click();
  await expect(card.getByTestId('capture-status')).toHaveAttribute('data-state', 'saved');
  expect(ext.mysafe.entries()).toEqual([expect.objectContaining({ name: 'Bank', secret_key: OTHER_SECRET })]);

  // By hand: a bare base32 secret, spaces and lower case allowed; then a malformed one, then one too short.
  await popup.getByTestId('manual-key-toggle').click();
  await popup.getByTestId('manual-key').fill('jbsw y3dp ehpk 3pxp');
  await popup.getByTestId('manual-add').click();
  await expect(popup.getByTestId('scan-status')).toHaveText('Authenticator keys found: 1. Save each one below.');
  const typed = totpCards(popup).filter({ has: popup.getByTestId('totp-issuer').getByText('—') });
  expect(await keyOfCard(typed)).toBe('JBSWY3DPEHPK3PXP');
  await expectLiveCode(typed, 'JBSWY3DPEHPK3PXP');
  await popup.getByTestId('manual-key').fill('otpauth://totp/X?secret=18');
  await popup.getByTestId('manual-add').click();
  await expect(popup.getByTestId('scan-status')).toHaveText('The secret key is not valid base32 (only letters A–Z and digits 2–7).');
  // A word typed by mistake is too short to be a key, and the card says why.
  await popup.getByTestId('manual-key').fill('jbsw y3dp');
  await popup.getByTestId('manual-add').click();
  await expect(popup.getByTestId('scan-status')).toHaveText('A secret key typed in has at least 16 characters (letters A–Z and digits 2–7).');
});

test('pages the browser will not let an extension capture get a clear message', async ({ ext }) => {
  await ext.configure();
  for (const url of ['about:blank', 'chrome://version/']) {
    const tab = await ext.context.newPage();
    await tab.goto(url);
    const popup = await scan(ext, tab);
    await expect(popup.getByTestId('scan-status')).toHaveAttribute('data-state', 'error');
    await expect(popup.getByTestId('scan-status')).toContainText('The browser does not let extensions capture its own pages');
  }
});

test.describe('on a HiDPI screen (scale 2): screenshots have twice the CSS pixels', () => {
  test.use({ screenScale: 2 });

  test('a <canvas> code at DPR 2 goes to the entry of this site and account, which gets only secret_key', async ({ ext }) => {
    await ext.configure();
    ext.mysafe.addEntry('demo', { name: 'Example', url: ext.site.url('/login'), username: ACCOUNT, password: 'stored-Password-1' });
    ext.mysafe.addEntry('demo', { name: 'Example (other)', url: ext.site.url('/login'), username: 'someone@example.com', password: 'x-Password-2' });
    const [entry] = ext.mysafe.entries().filter((e) => e.username === ACCOUNT);

    const tab = await openSitePage(ext, page(canvas(otpauth(SECRET))), { dpr: 2 });
    const popup = await scan(ext, tab);
    const card = totpCards(popup);
    await expect(card).toHaveCount(1);
    expect(await keyOfCard(card)).toBe(SECRET);
    await expectLiveCode(card, SECRET);
    await expect(card.getByTestId('totp-question')).toHaveText(`Add the authenticator key to ${ACCOUNT}?`);
    await expect(card.getByTestId('capture-target')).toHaveValue(entry.identifier);
    await expect(card.getByTestId('capture-password')).toHaveCount(0);

    await card.getByTestId('capture-save').click();
    await expect(card.getByTestId('capture-status')).toHaveAttribute('data-state', 'saved');
    const updates = ext.mysafe.requests().filter((r) => r.method === 'PUT');
    expect(updates).toHaveLength(1);
    expect(updates[0].path).toBe(`/api/mysafe/password/update/${entry.identifier}`);
    expect(Object.keys(updates[0].body as object)).toEqual(['secret_key']);
    const after = ext.mysafe.entries();
    expect(after.find((e) => e.identifier === entry.identifier)).toMatchObject({ password: 'stored-Password-1', secret_key: SECRET });
    expect(after.find((e) => e.username !== ACCOUNT)?.secret_key ?? '').toBe('');
  });

  test('two codes on one page at DPR 2, an inline <svg> and a CSS background: two key cards', async ({ ext }) => {
    await ext.configure();
    const second = otpauth(OTHER_SECRET, 'bob@example.com', 'Other');
    const html = page(`<div class="row">${await svg(otpauth(SECRET))}
      <div style="width:240px;height:240px;background:url('${await png(second)}') center/contain no-repeat"></div></div>`);
    const tab = await openSitePage(ext, html, { dpr: 2 });
    const popup = await scan(ext, tab);
    await expect(popup.getByTestId('scan-status')).toHaveText('Authenticator keys found: 2. Save each one below.');
    const cards = totpCards(popup);
    await expect(cards).toHaveCount(2);
    const ana = cards.filter({ has: popup.getByTestId('totp-account').getByText(ACCOUNT, { exact: true }) });
    const bob = cards.filter({ has: popup.getByTestId('totp-account').getByText('bob@example.com', { exact: true }) });
    expect(await keyOfCard(ana)).toBe(SECRET);
    expect(await keyOfCard(bob)).toBe(OTHER_SECRET);
    await expectLiveCode(ana, SECRET);
    await expectLiveCode(bob, OTHER_SECRET);

    // Scanning again adds nothing.
    await popup.getByTestId('scan-qr').click();
    await expect(popup.getByTestId('scan-status')).toHaveText('Already listed below: 2.');
    await expect(cards).toHaveCount(2);
  });

  test('right-click menu: the handler decodes the clicked cross-origin image, or crops the clicked canvas out of a page with two codes', async ({ ext }) => {
    // The browser's own context menu cannot be clicked from a test: the test right-clicks the element (so the content
    // script records it), then fires the worker's contextMenus.onClicked with the click data the menu would give
    // (Chromium's events have dispatch()), so that the extension's own listener runs.
    await ext.configure();
    ext.site.route('/qr.png', await QRCode.toBuffer(otpauth(SECRET), { margin: 4, scale: 6 }), 'image/png');
    // The image is shown far too small to be read from a screenshot: its own file must be fetched and decoded.
    // A second, readable canvas beside it: a crop to the clicked one finds one key where the whole tab would give two.
    const html = page(`<div class="row"><img alt="QR code" style="width:20px" src="${ext.site.altUrl('/qr.png')}">${canvas(otpauth(OTHER_SECRET, 'bob@example.com'))}${canvas(otpauth(THIRD_SECRET, 'carol@example.com'), 'qr-canvas-2')}</div>`);
    const tab = await openSitePage(ext, html, { dpr: 2 });
    const tabId = await ext.tabIdOf(tab);
    const popup = await ext.openPopup(tab);
    type Dispatchable = { dispatch(info: object, tab: chrome.tabs.Tab): void };
    const menuClick = async (click: object) =>
      (await ext.serviceWorker()).evaluate(
        async ({ tabId, info }) => (chrome.contextMenus.onClicked as unknown as Dispatchable).dispatch(info, await chrome.tabs.get(tabId)),
        { tabId, info: { menuItemId: MENU_ID, frameId: 0, editable: false, pageUrl: tab.url(), ...click } },
      );

    // The menu item exists (updating an unknown item fails).
    await (await ext.serviceWorker()).evaluate((id) => chrome.contextMenus.update(id, {}), MENU_ID);

    await tab.getByAltText('QR code').click({ button: 'right' });
    await menuClick({ mediaType: 'image', srcUrl: ext.site.altUrl('/qr.png') });
    const cards = totpCards(popup);
    await expect(cards).toHaveCount(1);
    expect(await keyOfCard(cards.first())).toBe(SECRET);
    // The popup cannot open itself for a synthetic click; the toolbar badge counts the new capture.
    const badge = () => badgeText(ext, tabId);
    await expect.poll(badge).toBe('1');

    await tab.locator('#qr-canvas').click({ button: 'right' });
    await menuClick({});
    await expect(cards).toHaveCount(2);
    await expect.poll(badge).toBe('2');
    const bob = cards.filter({ has: popup.getByTestId('totp-account').getByText('bob@example.com', { exact: true }) });
    expect(await keyOfCard(bob)).toBe(OTHER_SECRET);
    await expectLiveCode(bob, OTHER_SECRET);
  });
});

test('a content script\'s qr-decode message gets no answer from the offscreen decoder, which answers the worker: no codes, and nothing fetched', async ({ ext }) => {
  // A probe server counts every request: the decoder must fetch nothing for a message that names a URL.
  let fetched = 0;
  const probe = createServer((_req, res) => {
    fetched++;
    res.writeHead(200, { 'Content-Type': 'image/png' }).end();
  });
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const probeUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/probe.png`;
  try {
    const qr = await png(otpauth(SECRET));
    const tab = await openSitePage(ext, page('<p>Nothing to scan here.</p>'));
    // The offscreen document, open as during a scan (a scan closes it when done), to receive the page's message. The
    // worker opens it with its own URL in the query: the one sender it answers (src/totp/qr/offscreen-document.ts).
    const worker = await ext.serviceWorker();
    await worker.evaluate(() =>
      chrome.offscreen.createDocument({
        url: `src/offscreen/index.html?worker=${encodeURIComponent(self.location.href)}`,
        reasons: [chrome.offscreen.Reason.BLOBS],
        justification: 'test',
      }),
    );
    await expect.poll(() => worker.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT] })).length)).toBe(1);

    // The content script's own world on the page, as a page that compromised it would use it.
    const cdp = await ext.context.newCDPSession(tab);
    const worlds: { id: number; origin: string; auxData?: { type?: string } }[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => worlds.push(context));
    await cdp.send('Runtime.enable');
    await expect.poll(() => worlds.some((w) => w.auxData?.type === 'isolated' && w.origin.includes(ext.extensionId))).toBe(true);
    const world = worlds.find((w) => w.auxData?.type === 'isolated' && w.origin.includes(ext.extensionId))!;
    const message = { type: 'qr-decode', image: { url: probeUrl, srcUrl: probeUrl, base64: qr.split(',')[1], type: 'image/png' } };
    const { result } = await cdp.send('Runtime.evaluate', {
      contextId: world.id,
      expression: `chrome.runtime.sendMessage(${JSON.stringify(message)}).then((answer) => JSON.stringify(answer ?? null), (error) => 'error: ' + error.message)`,
      awaitPromise: true,
      returnByValue: true,
    });
    const answer = String(result.value);
    // No context answered it (the decoder answers the worker only, the background no qr-decode): never the codes.
    expect(answer).toBe('null');
    expect(fetched).toBe(0);
    // The same image from the worker is decoded: the document was there to answer, and chose not to.
    const fromWorker = await worker.evaluate((image) => chrome.runtime.sendMessage({ type: 'qr-decode', image }), { base64: qr.split(',')[1], type: 'image/png' });
    expect(fromWorker).toMatchObject({ codes: [expect.objectContaining({ text: otpauth(SECRET) })] });
  } finally {
    probe.close();
  }
});
