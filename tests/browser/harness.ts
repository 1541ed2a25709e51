// Browser-test harness: the built extension (dist/chrome) in the system Chromium, a fresh local MySafe server and a
// small static site per test. Specs import `test` and `expect` from here and use the `ext` fixture.
import { test as base, expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  configureThroughOptions,
  extensionWorker,
  launchWithExtension,
  readExtensionPages,
  tabIdOfPage,
} from '../../src/dev/chromium';
import { startMySafeServer, DEMO_CLIENT } from '../../src/mysafe-server';
import { ORG_DOMAIN, startSite, type TestSite } from '../support/site';

type MySafeServer = Awaited<ReturnType<typeof startMySafeServer>>;

export interface ExtensionHarness {
  context: BrowserContext;
  extensionId: string;
  mysafe: MySafeServer;
  site: TestSite;
  /** Fills the options page with the local server's demo client; waits for "Connected" (or an error for a wrong secret). */
  configure(opts?: { clientSecret?: string }): Promise<void>;
  tabIdOf(page: Page): Promise<number>;
  /** The popup's URL opened as an ordinary tab, acting on `forPage`'s tab when given. */
  openPopup(forPage?: Page): Promise<Page>;
  serviceWorker(): Promise<Worker>;
}

export const test = base.extend<{ ext: ExtensionHarness; screenScale: number }>({
  /**
   * The screen's scale factor, `test.use({ screenScale: 2 })` for a HiDPI screen. Pages still report
   * devicePixelRatio 1 (Playwright's viewport emulation) unless a test overrides the device metrics over CDP.
   */
  screenScale: [1, { option: true }],
  ext: async ({ screenScale }, use) => {
    const pages = readExtensionPages();
    const profileDir = mkdtempSync(join(tmpdir(), 'mysafe-capture-profile-'));
    const mysafe = await startMySafeServer({ port: 0 });
    const site = await startSite();
    // *.corp.example is the test site too: the hosts of one organisation's domain (tests/browser/org-vault.spec.ts).
    const context = await launchWithExtension(profileDir, { headless: true, screenScale, args: [`--host-resolver-rules=MAP *.${ORG_DOMAIN} 127.0.0.1`] });
    try {
      const extensionId = new URL((await extensionWorker(context)).url()).host;
      const extUrl = (path: string) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`;

      // The options page asks the background for the settings, which starts a stopped worker.
      const serviceWorker = () => extensionWorker(context, extUrl(pages.options));

      const tabIdOf = (page: Page) => tabIdOfPage(context, page, extUrl(pages.options));

      const openPopup = async (forPage?: Page): Promise<Page> => {
        const query = forPage ? `?tab=${await tabIdOf(forPage)}` : '';
        const popup = await context.newPage();
        await popup.goto(extUrl(pages.popup) + query);
        return popup;
      };

      const configure = async (opts: { clientSecret?: string } = {}): Promise<void> => {
        const clientSecret = opts.clientSecret ?? DEMO_CLIENT.clientSecret;
        const { state, message } = await configureThroughOptions(context, extUrl(pages.options), {
          baseUrl: mysafe.url,
          clientId: DEMO_CLIENT.clientId,
          clientSecret,
        });
        expect(state, `settings-status after saving the options: "${message}"`).toBe(clientSecret === DEMO_CLIENT.clientSecret ? 'ok' : 'error');
      };

      await use({ context, extensionId, mysafe, site, configure, tabIdOf, openPopup, serviceWorker });
    } finally {
      await context.close().catch(() => {});
      await site.close();
      await mysafe.close();
      rmSync(profileDir, { recursive: true, force: true });
    }
  },
});

export { expect };
