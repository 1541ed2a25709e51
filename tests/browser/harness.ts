// Browser-test harness: the built extension (dist/chrome) in the system Chromium, a fresh local MySafe server and a
// small static site per test. Specs import `test` and `expect` from here and use the `ext` fixture.
import { test as base, expect, chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMySafeServer, DEMO_CLIENT } from '../../src/mysafe-server';

type MySafeServer = Awaited<ReturnType<typeof startMySafeServer>>;

export interface TestSite {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** http://localhost:<port>: the same server under a different origin, for cross-origin frames. */
  altOrigin: string;
  url(path: string): string;
  altUrl(path: string): string;
  /** Serves `html` at `path` (both origins) until the end of the test. */
  route(path: string, html: string): void;
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

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const distDir = join(root, 'dist', 'chrome');
const fixturesDir = join(root, 'tests', 'fixtures');

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

interface ExtensionPages {
  popup: string;
  options: string;
}

function readExtensionPages(): ExtensionPages {
  const manifestPath = join(distDir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new Error(`${manifestPath} is missing: run \`npm run build\` first (\`npm run test:browser\` does).`);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const popup: string | undefined = manifest.action?.default_popup;
  const options: string | undefined = manifest.options_ui?.page ?? manifest.options_page;
  if (!popup || !options) throw new Error('dist/chrome/manifest.json names no popup or options page');
  return { popup, options };
}

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

/** Static server for tests/fixtures/** plus ad-hoc routes; any POST gets a plain 200 page. */
async function startSite(): Promise<TestSite & { close(): Promise<void> }> {
  const routes = new Map<string, string>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (req.method === 'POST') {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end('<!doctype html><title>ok</title><p>ok</p>');
      });
      return;
    }
    const routed = routes.get(path);
    if (routed !== undefined) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(routed);
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
    route: (path, html) => void routes.set(withSlash(path), html),
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** Launches the system Chromium with dist/chrome loaded in a fresh profile. */
export async function launchWithExtension(profileDir: string, headless = true): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    headless: false,
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: [
      ...(headless ? CHROMIUM_ARGS : CHROMIUM_ARGS.filter((a) => a !== '--headless=new')),
      `--disable-extensions-except=${distDir}`,
      `--load-extension=${distDir}`,
    ],
  });
}

async function extensionWorker(context: BrowserContext): Promise<Worker> {
  const running = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  return running ?? context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith('chrome-extension://') });
}

export const test = base.extend<{ ext: ExtensionHarness }>({
  // eslint-disable-next-line no-empty-pattern
  ext: async ({}, use) => {
    const pages = readExtensionPages();
    const profileDir = mkdtempSync(join(tmpdir(), 'mysafe-capture-profile-'));
    const mysafe = await startMySafeServer({ port: 0 });
    const site = await startSite();
    const context = await launchWithExtension(profileDir);
    try {
      const extensionId = new URL((await extensionWorker(context)).url()).host;
      const extUrl = (path: string) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`;

      const serviceWorker = () => extensionWorker(context);

      const tabIdOf = async (page: Page): Promise<number> => {
        // The tabs API cannot see a Playwright Page, so mark the page's title and look the tab up by it.
        const marker = `harness-tab-${Math.random().toString(36).slice(2)}`;
        const original = await page.evaluate((m) => {
          const before = document.title;
          document.title = m;
          return before;
        }, marker);
        try {
          const deadline = Date.now() + 10_000;
          while (Date.now() < deadline) {
            const worker = await serviceWorker();
            const id = await worker.evaluate(
              async (m) => (await chrome.tabs.query({ title: m }))[0]?.id ?? -1,
              marker,
            );
            if (id >= 0) return id;
            await new Promise((r) => setTimeout(r, 50));
          }
          throw new Error(`no tab found for ${page.url()}`);
        } finally {
          await page.evaluate((t) => void (document.title = t), original).catch(() => {});
        }
      };

      const openPopup = async (forPage?: Page): Promise<Page> => {
        const query = forPage ? `?tab=${await tabIdOf(forPage)}` : '';
        const popup = await context.newPage();
        await popup.goto(extUrl(pages.popup) + query);
        return popup;
      };

      const configure = async (opts: { clientSecret?: string } = {}): Promise<void> => {
        const secret = opts.clientSecret ?? DEMO_CLIENT.clientSecret;
        const page = await context.newPage();
        await page.goto(extUrl(pages.options));
        await page.getByTestId('server-url').fill(mysafe.url);
        await page.getByTestId('client-id').fill(DEMO_CLIENT.clientId);
        await page.getByTestId('client-secret').fill(secret);
        await page.getByTestId('save-settings').click();
        const expected = secret === DEMO_CLIENT.clientSecret ? 'ok' : 'error';
        await expect(page.getByTestId('settings-status')).toHaveAttribute('data-state', expected);
        await page.close();
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
