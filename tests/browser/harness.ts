// Browser-test harness: the built extension (dist/chrome) in the system Chromium, a fresh local MySafe server and a
// small static site per test. Specs import `test` and `expect` from here and use the `ext` fixture.
import { test as base, expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import {
  configureThroughOptions,
  extensionWorker,
  launchWithExtension,
  projectRoot,
  readExtensionPages,
  tabIdOfPage,
} from '../../src/dev/chromium';
import { startMySafeServer, DEMO_CLIENT } from '../../src/mysafe-server';

type MySafeServer = Awaited<ReturnType<typeof startMySafeServer>>;

export interface TestSite {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** http://localhost:<port>: the same server under a different origin, for cross-origin frames. */
  altOrigin: string;
  url(path: string): string;
  altUrl(path: string): string;
  /** Serves `body` at `path` (both origins) until the end of the test; HTML unless `contentType` says otherwise. */
  route(path: string, body: string | Uint8Array, contentType?: string): void;
}

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

const fixturesDir = join(projectRoot, 'tests', 'fixtures');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.gif': 'image/gif',
};

/** Static server for tests/fixtures/** plus ad-hoc routes; a POST gets a plain 200 page (401 under /refuse/). */
async function startSite(): Promise<TestSite & { close(): Promise<void> }> {
  const routes = new Map<string, { body: string | Uint8Array; contentType: string }>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (req.method === 'POST') {
      req.resume();
      req.on('end', () => {
        // A login API of the site that refuses every attempt (wrong password).
        res.writeHead(path.startsWith('/refuse/') ? 401 : 200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end('<!doctype html><title>ok</title><p>ok</p>');
      });
      return;
    }
    const routed = routes.get(path);
    if (routed !== undefined) {
      res.writeHead(200, { 'Content-Type': routed.contentType });
      res.end(routed.body);
      return;
    }
    const file = normalize(join(fixturesDir, path));
    if (file.startsWith(fixturesDir + sep) && existsSync(file) && statSync(file).isFile()) {
      res.writeHead(200, { 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(readFileSync(file));
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const altOrigin = `http://localhost:${port}`;
  const withSlash = (path: string) => (path.startsWith('/') ? path : `/${path}`);
  return {
    origin,
    altOrigin,
    url: (path) => origin + withSlash(path),
    altUrl: (path) => altOrigin + withSlash(path),
    route: (path, body, contentType = 'text/html; charset=utf-8') => void routes.set(withSlash(path), { body, contentType }),
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
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
    const context = await launchWithExtension(profileDir, { headless: true, screenScale });
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
