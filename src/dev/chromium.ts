// The system Chromium with the built extension loaded, shared by `npm start` and the browser-test harness.
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = resolve(fileURLToPath(import.meta.url), '../../..');
export const chromeBuildDir = join(projectRoot, 'dist', 'chrome');

/** Flags for a quiet, loopback-only Chromium; `--headless=new` is passed here rather than by Playwright. */
const QUIET_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface ExtensionPages {
  popup: string;
  options: string;
}

/** Popup and options paths as the built manifest names them. */
export function readExtensionPages(buildDir = chromeBuildDir): ExtensionPages {
  const manifestPath = join(buildDir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new Error(`${manifestPath} is missing: run \`npm run build\` first (\`npm run test:browser\` does).`);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const popup: string | undefined = manifest.action?.default_popup;
  const options: string | undefined = manifest.options_ui?.page ?? manifest.options_page;
  if (!popup || !options) throw new Error(`${manifestPath} names no popup or options page`);
  return { popup, options };
}

/**
 * Launches the system Chromium (never a downloaded one) with dist/chrome loaded into `profileDir`. `screenScale`: the
 * screen's scale factor (2 = a HiDPI screen: tab screenshots get twice the CSS pixels).
 */
export function launchWithExtension(
  profileDir: string,
  opts: { headless: boolean; screenScale?: number; args?: readonly string[]; ownSignals?: boolean },
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    headless: false,
    // `ownSignals`: the caller ends the browser on Ctrl+C itself (Playwright's own handler exits 130 at once).
    ...(opts.ownSignals ? { handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false } : {}),
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    viewport: opts.headless ? { width: 1280, height: 800 } : null,
    args: [
      ...(opts.headless ? ['--headless=new'] : []),
      ...QUIET_ARGS,
      ...(opts.screenScale && opts.screenScale !== 1 ? [`--force-device-scale-factor=${opts.screenScale}`] : []),
      `--disable-extensions-except=${chromeBuildDir}`,
      `--load-extension=${chromeBuildDir}`,
      ...(opts.args ?? []),
    ],
  });
}

const isExtensionWorker = (w: Worker) => w.url().startsWith('chrome-extension://');

/**
 * The extension's service worker, waiting for it to start when needed. A stopped worker starts again only on an
 * event: `wakeUrl` (an extension page that messages the background) provides one.
 */
export async function extensionWorker(context: BrowserContext, wakeUrl?: string): Promise<Worker> {
  const running = context.serviceWorkers().find(isExtensionWorker);
  if (running) return running;
  const started = context.waitForEvent('serviceworker', { predicate: isExtensionWorker });
  if (wakeUrl) {
    const page = await context.newPage();
    await page.goto(wakeUrl);
    await started;
    await page.close();
  }
  return started;
}

export interface ConnectionSettings {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
}

/** Fills and saves the options page like a person; returns the resulting `settings-status` state and text. */
export async function configureThroughOptions(
  context: BrowserContext,
  optionsUrl: string,
  settings: ConnectionSettings,
): Promise<{ state: 'ok' | 'error'; message: string }> {
  const page = await context.newPage();
  try {
    await page.goto(optionsUrl);
    await page.getByTestId('server-url').fill(settings.baseUrl);
    await page.getByTestId('client-id').fill(settings.clientId);
    await page.getByTestId('client-secret').fill(settings.clientSecret);
    await page.getByTestId('save-settings').click();
    const status = page.locator('[data-testid="settings-status"][data-state="ok"], [data-testid="settings-status"][data-state="error"]');
    await status.waitFor({ timeout: 20_000 });
    return { state: (await status.getAttribute('data-state')) as 'ok' | 'error', message: (await status.textContent()) ?? '' };
  } finally {
    await page.close();
  }
}

/** The browser's tab id of a Playwright page: the tabs API cannot see pages, so the page's title marks it briefly. */
export async function tabIdOfPage(context: BrowserContext, page: Page, wakeUrl?: string): Promise<number> {
  const marker = `tab-marker-${Math.random().toString(36).slice(2)}`;
  const original = await page.evaluate((m) => {
    const before = document.title;
    document.title = m;
    return before;
  }, marker);
  try {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const worker = await extensionWorker(context, wakeUrl);
      const id = await worker.evaluate(async (m) => (await chrome.tabs.query({ title: m }))[0]?.id ?? -1, marker);
      if (id >= 0) return id;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no tab found for ${page.url()}`);
  } finally {
    await page.evaluate((t) => void (document.title = t), original).catch(() => {});
  }
}
