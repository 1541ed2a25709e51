// Firefox test harness: the built extension (dist/firefox) as a temporary add-on in the system Firefox, driven by
// puppeteer-core over WebDriver BiDi; the local MySafe server and the static site of the Chromium suite.
// One Firefox per worker (a fresh profile per worker). Each test installs the add-on again, which restarts it with an
// empty storage.session, after the previous test emptied its storage.local (uninstalling would forget the fixed
// moz-extension:// host), so no setting, capture or cached token crosses from one test to the next.
// Specs import `test` and `expect` from here.
import { test as base, expect } from '@playwright/test';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import type * as WebExt from 'webextension-polyfill';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../src/dev/chromium';
import { startMySafeServer, DEMO_CLIENT, type MySafeServer } from '../../src/mysafe-server';
import { startSite, type TestSite } from '../support/site';

/** The WebExtension API of an extension page. */
export type ExtensionApi = WebExt.Browser;

export const firefoxBuildDir = join(projectRoot, 'dist', 'firefox');
const firefoxPath = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

/** The add-on's moz-extension:// host, fixed by a preference (Firefox picks a random one per profile otherwise). */
const EXTENSION_HOST = '3a4e9f0c-6b1d-4c8e-9f27-5d0b8c1e7a42';

interface FirefoxBuild {
  id: string;
  popup: string;
  options: string;
}

function readFirefoxBuild(): FirefoxBuild {
  const manifestPath = join(firefoxBuildDir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new Error(`${manifestPath} is missing: run \`npm run build\` first (\`npm run test:firefox\` does).`);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  return { id: manifest.browser_specific_settings.gecko.id, popup: manifest.action.default_popup, options: manifest.options_ui.page };
}

export interface FirefoxHarness {
  browser: Browser;
  mysafe: MySafeServer;
  site: TestSite;
  /** moz-extension://<host>/<path> */
  extUrl(path: string): string;
  /** A new tab at `url`; extension pages send no load event, so none is awaited for them. */
  open(url: string): Promise<Page>;
  /** Fills the options page with the local server's demo client and waits for "Connected" (or an error). */
  configure(opts?: { clientSecret?: string }): Promise<void>;
  /** The popup's URL opened as an ordinary tab, acting on `forPage`'s tab when given. */
  openPopup(forPage?: Page): Promise<Page>;
  tabIdOf(page: Page): Promise<number>;
  /** The toolbar badge text of `page`'s tab. */
  badgeOf(page: Page): Promise<string>;
  /** Runs `fn` in an extension page with its `browser` global and `arg` (JSON). `fn` takes nothing else along. */
  inExtension<A, R>(fn: (api: ExtensionApi, arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Whether the background page is running now (asking does not start it). */
  backgroundRunning(): Promise<boolean>;
  /** Crash reports Firefox has written in the profile since this test began. */
  crashReports(): string[];
}

/**
 * Waits until `predicate`, run in the page with `args`, is true. Puppeteer's waitForFunction builds its predicate with
 * `new Function` inside the page, which an extension page's CSP refuses in Firefox 140.12 ESR; a plain evaluate() is
 * a WebDriver BiDi call the CSP does not see. Polls, as waitForFunction does, for the state it waits for.
 */
export async function until<A extends unknown[]>(page: Page | Frame, predicate: (...args: A) => unknown, args?: A, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await page.evaluate(predicate as (...a: unknown[]) => unknown, ...(args ?? [])).catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${page.url()}: still false after ${timeout} ms: ${predicate.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Clicks the element `selector` finds once there is one (puppeteer's locators poll with `new Function`: see until). */
export async function clickOn(page: Page, selector: string): Promise<void> {
  const element = await page.waitForSelector(selector);
  await element!.click();
}

/**
 * Types `value` into the empty field `selector` finds, key by key, like a person: once it can be typed into. (The
 * options page keeps its fields disabled until the stored settings are read, then shows them: keys typed before land
 * nowhere, and the stored value replaces what was typed; a loaded machine once saved half a server URL so.)
 */
export async function fillIn(page: Page, selector: string, value: string): Promise<void> {
  await until(page, (sel: string) => document.querySelector(sel)?.matches(':enabled') === true, [selector]);
  const element = await page.waitForSelector(selector);
  await element!.evaluate((input) => void ((input as HTMLInputElement).value = ''));
  await element!.type(value);
}

/** The extension's policy (3rdparty.Extensions.<id> of policies.json); MYSAFE_URL in a value becomes the local server's URL. */
export type ExtensionPolicy = Record<string, unknown>;
export const MYSAFE_URL = '$MYSAFE_URL';

/** A port free now, for a server that has to be known before Firefox starts. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface FirefoxWorker {
  browser: Browser;
  profileDir: string;
  /** The fixed port of the local MySafe server when a policy names it (see firefoxPolicy). */
  mysafePort?: number;
}

export const test = base.extend<
  { ext: FirefoxHarness },
  { firefox: FirefoxWorker; firefoxPrefs: Record<string, unknown>; firefoxPolicy: ExtensionPolicy | undefined }
>({
  /** Preferences on top of puppeteer's automation defaults, for a whole spec file: `test.use({ firefoxPrefs })`. */
  firefoxPrefs: [{}, { option: true, scope: 'worker' }],
  /**
   * An administrator's policy for the extension, for a whole spec file: `test.use({ firefoxPolicy })`. Written as a
   * policies.json in the worker's temp dir (never a system dir) that Firefox reads at startup from the pref
   * browser.policies.alternatePath, which Firefox 140 honours only "in automation": the pref
   * security.turn_off_all_security_so_that_viruses_can_take_over_this_computer with MOZ_DISABLE_NONLOCAL_CONNECTIONS=1
   * (and only while no distribution/policies.json exists). The local MySafe server then gets a port fixed beforehand.
   */
  firefoxPolicy: [undefined, { option: true, scope: 'worker' }],
  firefox: [
    async ({ firefoxPrefs, firefoxPolicy }, use) => {
      const build = readFirefoxBuild();
      const profileDir = mkdtempSync(join(tmpdir(), 'mysafe-capture-firefox-'));
      let policyPrefs: Record<string, unknown> = {};
      let mysafePort: number | undefined;
      if (firefoxPolicy) {
        mysafePort = await freePort();
        const policyDir = mkdtempSync(join(profileDir, 'policies-'));
        const policiesPath = join(policyDir, 'policies.json');
        const policies = { policies: { '3rdparty': { Extensions: { [build.id]: firefoxPolicy } } } };
        writeFileSync(policiesPath, JSON.stringify(policies, null, 2).replaceAll(MYSAFE_URL, `http://127.0.0.1:${mysafePort}`));
        policyPrefs = {
          'browser.policies.alternatePath': policiesPath,
          'security.turn_off_all_security_so_that_viruses_can_take_over_this_computer': true,
        };
      }
      const browser = await puppeteer.launch({
        browser: 'firefox',
        executablePath: firefoxPath,
        headless: true,
        userDataDir: profileDir,
        // Lets the tests open moz-extension:// pages (refused to a remote agent otherwise).
        args: ['--remote-allow-system-access'],
        ...(firefoxPolicy ? { env: { ...process.env, MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1' } } : {}),
        extraPrefsFirefox: {
          'extensions.webextensions.uuids': JSON.stringify({ [build.id]: EXTENSION_HOST }),
          ...policyPrefs,
          ...firefoxPrefs,
        },
      });
      try {
        await use({ browser, profileDir, mysafePort });
      } finally {
        await browser.close().catch(() => {});
        rmSync(profileDir, { recursive: true, force: true, maxRetries: 3 });
      }
    },
    { scope: 'worker' },
  ],
  ext: async ({ firefox }, use) => {
    const { browser, profileDir, mysafePort } = firefox;
    const build = readFirefoxBuild();
    const mysafe = await startMySafeServer({ port: mysafePort ?? 0 });
    const site = await startSite();
    await browser.installExtension(firefoxBuildDir);
    const extUrl = (path: string) => `moz-extension://${EXTENSION_HOST}/${path.replace(/^\//, '')}`;

    const open = async (url: string): Promise<Page> => {
      const page = await browser.newPage();
      await page.goto(url, url.startsWith('moz-extension:') ? { waitUntil: [] } : {});
      return page;
    };

    // One extension tab per test for the tests' own calls to the extension APIs.
    let apiPage: Page | undefined;
    const inExtension = async <A, R>(fn: (api: ExtensionApi, arg: A) => R | Promise<R>, arg: A): Promise<R> => {
      if (!apiPage || apiPage.isClosed()) {
        apiPage = await open(extUrl(build.options));
        await until(apiPage, () => typeof (globalThis as { browser?: unknown }).browser === 'object');
      }
      // An expression, as the remote agent evaluates it: the page's CSP would refuse an eval() of the page's own.
      return (await apiPage.evaluate(`(${fn.toString()})(globalThis.browser, ${JSON.stringify(arg ?? null)})`)) as R;
    };

    // Tab ids through the page's title: Firefox's tabs.query({ url }) does not match loopback URLs.
    const tabIdOf = async (page: Page): Promise<number> => {
      const marker = `tab-marker-${Math.random().toString(36).slice(2)}`;
      const original = await page.evaluate((m) => {
        const before = document.title;
        document.title = m;
        return before;
      }, marker);
      try {
        const deadline = Date.now() + 10_000;
        while (Date.now() < deadline) {
          const id = await inExtension(async (api, m) => (await api.tabs.query({})).find((tab) => tab.title === m)?.id ?? -1, marker);
          if (id >= 0) return id;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        throw new Error(`no tab found for ${page.url()}`);
      } finally {
        await page.evaluate((t) => void (document.title = t), original).catch(() => {});
      }
    };

    const openPopup = async (forPage?: Page): Promise<Page> => {
      const query = forPage ? `?tab=${await tabIdOf(forPage)}` : '';
      return open(extUrl(build.popup) + query);
    };

    const configure = async (opts: { clientSecret?: string } = {}): Promise<void> => {
      const clientSecret = opts.clientSecret ?? DEMO_CLIENT.clientSecret;
      const page = await open(extUrl(build.options));
      try {
        await fillIn(page, '[data-testid="server-url"]', mysafe.url);
        await fillIn(page, '[data-testid="client-id"]', DEMO_CLIENT.clientId);
        await fillIn(page, '[data-testid="client-secret"]', clientSecret);
        await clickOn(page, '[data-testid="save-settings"]');
        const status = await page.waitForSelector('[data-testid="settings-status"]:is([data-state="ok"], [data-state="error"])', { timeout: 20_000 });
        const { state, message } = await status!.evaluate((el) => ({ state: el.getAttribute('data-state'), message: el.textContent }));
        expect(state, `settings-status after saving the options: "${message}"`).toBe(clientSecret === DEMO_CLIENT.clientSecret ? 'ok' : 'error');
      } finally {
        await page.close();
      }
    };

    const badgeOf = async (page: Page): Promise<string> =>
      inExtension((api, tabId) => api.action.getBadgeText({ tabId }), await tabIdOf(page));

    const backgroundRunning = () => inExtension((api) => api.extension.getBackgroundPage() !== null, undefined);

    const minidumps = join(profileDir, 'minidumps');
    const allCrashReports = () => (existsSync(minidumps) ? readdirSync(minidumps).filter((name) => name.endsWith('.dmp')) : []);
    const earlierCrashReports = new Set(allCrashReports());
    const crashReports = () => allCrashReports().filter((name) => !earlierCrashReports.has(name));

    try {
      await use({ browser, mysafe, site, extUrl, open, configure, openPopup, tabIdOf, badgeOf, inExtension, backgroundRunning, crashReports });
    } finally {
      await inExtension((api) => api.storage.local.clear(), undefined).catch(() => {});
      // Every tab but the first: Firefox quits with its last window.
      for (const page of (await browser.pages()).slice(1)) await page.close().catch(() => {});
      await site.close();
      await mysafe.close();
    }
  },
});

export { expect };
