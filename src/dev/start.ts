// `npm start`: build, start a local MySafe server and the demo site, and open Chromium with the extension already
// connected, on the demo login page. With no display (or --headless) it runs the same tour scripted and exits
// (with --stay it then keeps running until Ctrl+C, as it does with a display).
// Closing the browser or Ctrl+C ends it with exit code 0 and the temporary profile removed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { BrowserContext } from '@playwright/test';
import { DEMO_CLIENT, startMySafeServer, type MySafeServer } from '../mysafe-server';
import { configureThroughOptions, extensionWorker, launchWithExtension, projectRoot, readExtensionPages, tabIdOfPage } from './chromium';
import { startDemoSite, type DemoSite } from './demo-site';
import { startPreferringPort } from './port';

const { values: args } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    port: { type: 'string', default: '0' },
    stay: { type: 'boolean', default: false },
  },
});
const headless = args.headless || !process.env.DISPLAY;

// What the scripted tour types on the demo site. A made-up demo password, shown only masked.
const TOUR_USERNAME = 'ana@demo.example';
const TOUR_PASSWORD = 'Demo-passw0rd-' + Math.random().toString(36).slice(2, 8);

function build(): void {
  console.log('Building the extension (npm run build)…');
  const result = spawnSync('npm', ['run', 'build'], { cwd: projectRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed');
}

/** Logs in on the demo site, confirms the capture in the popup, and prints what MySafe stored. */
async function tour(context: BrowserContext, site: DemoSite, mysafe: MySafeServer, popupUrl: string): Promise<void> {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(site.loginUrl);
  console.log(`Logging in on ${site.loginUrl} as ${TOUR_USERNAME}…`);
  await page.getByLabel('Username').pressSequentially(TOUR_USERNAME);
  await page.getByLabel('Password').pressSequentially(TOUR_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: /Welcome/ }).waitFor();

  const popup = await context.newPage();
  await popup.goto(`${popupUrl}?tab=${await tabIdOfPage(context, page)}`);
  const card = popup.getByTestId('capture').first();
  await card.waitFor({ timeout: 10_000 }).catch(() => {
    throw new Error('the popup shows no captured login (is the content script reporting the form?)');
  });
  console.log('The popup offers the login; saving it…');
  await card.getByTestId('capture-save').click();
  const status = card.locator('[data-testid="capture-status"][data-state="saved"], [data-testid="capture-status"][data-state="error"]');
  await status.waitFor({ timeout: 20_000 });
  if ((await status.getAttribute('data-state')) !== 'saved') throw new Error(`saving failed: ${await status.textContent()}`);

  const entry = mysafe.entries().at(-1);
  if (!entry) throw new Error('MySafe has no entry after saving');
  console.log('\nMySafe entry created:');
  console.log(`  identifier: ${entry.identifier}`);
  console.log(`  name:       ${entry.name}`);
  console.log(`  url:        ${entry.url}`);
  console.log(`  username:   ${entry.username}`);
  console.log(`  password:   ${'•'.repeat(8)} (${entry.password === TOUR_PASSWORD ? 'as typed' : 'NOT as typed'})`);
  if (entry.username !== TOUR_USERNAME || entry.password !== TOUR_PASSWORD) throw new Error('the entry differs from what was typed');
}

/**
 * Resolves on Ctrl+C, SIGTERM or the terminal closing. Listening from the start keeps a signal during the setup from
 * ending the process at once (with the profile left behind): the setup finishes, then everything is closed.
 */
const stopRequested = new Promise<void>((done) => {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => done());
});

/** Resolves when the browser is closed or the process is asked to stop. */
function untilClosedOrStopped(context: BrowserContext): Promise<void> {
  return Promise.race([new Promise<void>((done) => context.on('close', () => done())), stopRequested]);
}

async function main(): Promise<number> {
  if (!args['no-build']) build();
  const pages = readExtensionPages();
  const mysafe = await startPreferringPort(Number(args.port), (port) => startMySafeServer({ port }), (server) => Number(new URL(server.url).port));
  const site = await startDemoSite();
  const profileDir = mkdtempSync(join(tmpdir(), 'mysafe-capture-start-'));
  let context: BrowserContext | undefined;
  const cleanUp = async () => {
    // Closing a persistent context waits for the browser process to exit; its helpers may still be letting go of the
    // profile for a moment, hence the retries (a window closed by hand left ENOTEMPTY without them).
    await context?.close().catch(() => {});
    await site.close();
    await mysafe.close();
    await rm(profileDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  };

  try {
    // Demo credentials of a local server, not of any real vault: printing them is the point.
    console.log(`\nLocal MySafe server: ${mysafe.url}`);
    console.log(`  Client ID:     ${DEMO_CLIENT.clientId}`);
    console.log(`  Client Secret: ${DEMO_CLIENT.clientSecret}`);
    console.log(`Demo site:         ${site.loginUrl}\n`);

    // Ctrl+C is ours to handle: the browser is closed and the profile removed before exiting.
    context = await launchWithExtension(profileDir, { headless, ownSignals: true });
    const extensionId = new URL((await extensionWorker(context)).url()).host;
    const extUrl = (path: string) => `chrome-extension://${extensionId}/${path}`;
    const { state, message } = await configureThroughOptions(context, extUrl(pages.options), {
      baseUrl: mysafe.url,
      clientId: DEMO_CLIENT.clientId,
      clientSecret: DEMO_CLIENT.clientSecret,
    });
    if (state !== 'ok') throw new Error(`the extension could not connect to the local MySafe server: ${message}`);
    console.log('Extension connected to the local MySafe server.');

    if (headless) {
      console.log('No display: running the tour scripted.');
      await tour(context, site, mysafe, extUrl(pages.popup));
    } else {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(site.loginUrl);
      console.log('Chromium is open on the demo login page: sign in, then open MySafe Capture from the toolbar.');
    }
    if (headless && !args.stay) {
      await cleanUp();
      return 0;
    }
    console.log(headless ? 'Press Ctrl+C to stop.' : 'Close the browser or press Ctrl+C to stop.');
    await untilClosedOrStopped(context);
    console.log('Stopping…');
    await cleanUp();
    return 0;
  } catch (error) {
    console.error(`npm start failed: ${(error as Error).message}`);
    await cleanUp().catch((cleanUpError: Error) => console.error(`Cleaning up failed too: ${cleanUpError.message}`));
    return 1;
  }
}

process.exit(await main());
