// Capture measured on real pages: the built extension (dist/chrome) in the system Chromium, over every page of
// ../shared/corpora/fathom and the project's own fixture pages. Types into the labelled fields like a person,
// submits, and reads what the background kept. Prints per set: correct, wrong, missed, false prompts; and the
// failing files. Run `npm run build` first. Usage: npm run bench:capture [-- filter-substring]
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { chromeBuildDir, extensionWorker, projectRoot } from '../../src/dev/chromium';

const corpusDir = join(projectRoot, '..', 'shared', 'corpora', 'fathom');
const fixturesDir = join(projectRoot, 'tests', 'fixtures', 'capture');

const USERNAME = 'bench.user@example.com';
const PASSWORD = 'Bench-Pa55word!x';
const OLD_PASSWORD = 'Old-Pa55word!y';

type Expected = 'login' | 'username' | 'signup' | 'change';

interface Sample {
  set: string;
  file: string;
  /** What the labelled form is; undefined for a page with no target form. */
  expected?: Expected;
  /** Label attribute: data-fathom for the corpus, data-bench for fixtures. */
  attr: string;
  html: string;
}

interface Kept {
  kind: string;
  username: string;
  password: string;
  oldPassword?: string;
  /** The card asks "Login or new account?" / "Which is the new password?". */
  kindGuessed?: boolean;
  orderGuessed?: boolean;
}

function corpusSamples(filter: string): Sample[] {
  const samples: Sample[] = [];
  for (const set of ['login', 'new-password']) {
    for (const file of readdirSync(join(corpusDir, set)).sort()) {
      if (!file.endsWith('.html') || !`${set}/${file}`.includes(filter)) continue;
      const html = readFileSync(join(corpusDir, set, file), 'utf8');
      let expected: Expected | undefined;
      if (set === 'login' && html.includes('data-fathom="username"')) {
        expected = html.includes('data-fathom="password"') ? 'login' : 'username';
      }
      if (set === 'new-password' && html.includes('data-fathom="new"')) {
        expected = file.includes('_change') ? 'change' : 'signup';
      }
      samples.push({ set, file, expected, attr: 'data-fathom', html });
    }
  }
  return samples;
}

/** Fixture pages that declare what they hold with <meta name="bench-kind" content="login|signup|change|username|none">. */
function fixtureSamples(filter: string): Sample[] {
  if (!existsSync(fixturesDir)) return [];
  const samples: Sample[] = [];
  for (const file of readdirSync(fixturesDir).sort()) {
    if (!file.endsWith('.html') || !`fixtures/${file}`.includes(filter)) continue;
    const html = readFileSync(join(fixturesDir, file), 'utf8');
    const kind = /<meta name="bench-kind" content="([a-z]+)"/.exec(html)?.[1];
    if (!kind) continue;
    samples.push({ set: 'fixtures', file, expected: kind === 'none' ? undefined : (kind as Expected), attr: 'data-bench', html });
  }
  return samples;
}

/** Serves one page at a time under a neutral path (file names would give the answer away). */
async function startServer(): Promise<{ origin: string; serve(html: string): string; close(): void }> {
  let current = '';
  let counter = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    // The page itself at /page/<n>; its relative resources (styles, images, frames of the saved page) are not kept.
    const isPage = req.method === 'GET' && /^\/page\/\d+$/.test(req.url ?? '');
    if (req.method === 'GET' && !isPage) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(isPage ? current : '<!doctype html><title>ok</title><p>ok</p>');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    serve(html) {
      current = html;
      return `${origin}/page/${++counter}`;
    },
    close: () => server.close(),
  };
}

/** Clears a field and types into it with the keyboard; returns what the field then holds. */
async function typeInto(page: Page, selector: string, value: string): Promise<string | undefined> {
  const field = page.locator(selector).first();
  try {
    await field.scrollIntoViewIfNeeded({ timeout: 1000 });
    await field.click({ timeout: 1000 });
  } catch {
    try {
      await field.focus({ timeout: 1000 });
    } catch {
      return undefined;
    }
  }
  const focused = await field.evaluate((el) => el === document.activeElement || el.contains(document.activeElement));
  if (!focused) return undefined;
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(value);
  return field.evaluate((el) => (el as HTMLInputElement).value);
}

interface Typed {
  username?: string;
  password?: string;
  submitted: boolean;
}

/** Fills a labelled page: username/password (login), new/confirm plus any other password field (change). */
async function fillLabelled(page: Page, sample: Sample): Promise<Typed> {
  const label = (name: string) => `[${sample.attr}="${name}"]`;
  const typed: Typed = { submitted: false };
  let last = '';
  // Pages that draw their form after load.
  await page.locator(`[${sample.attr}]`).first().waitFor({ timeout: 3000 }).catch(() => undefined);
  if ((await page.locator(label('username')).count()) > 0) {
    typed.username = await typeInto(page, label('username'), USERNAME);
    last = label('username');
  }
  if (sample.expected === 'login' && (await page.locator(label('password')).count()) > 0) {
    typed.password = await typeInto(page, label('password'), PASSWORD);
    last = label('password');
  }
  if (sample.expected === 'signup' || sample.expected === 'change') {
    if (sample.expected === 'change' && (await page.locator(label('old')).count()) > 0) {
      await typeInto(page, label('old'), OLD_PASSWORD);
    } else if (sample.expected === 'change') {
      // The current password of a change form is not labelled: any other visible password field in the same form.
      const others = await page.locator(`${label('new')}`).evaluate((newField, attr) => {
        const scope = (newField as HTMLInputElement).form ?? document;
        return [...scope.querySelectorAll('input[type=password]')]
          .filter((el) => !el.hasAttribute(attr) && (el as HTMLElement).offsetParent !== null)
          .map((el, i) => (el.setAttribute('data-bench-old', String(i)), i));
      }, sample.attr);
      for (const i of others) await typeInto(page, `[data-bench-old="${i}"]`, OLD_PASSWORD);
    }
    typed.password = await typeInto(page, label('new'), PASSWORD);
    last = label('new');
    if ((await page.locator(label('confirm')).count()) > 0) {
      await typeInto(page, label('confirm'), PASSWORD);
      last = label('confirm');
    }
  }
  if (sample.expected === 'login' && typed.password === undefined) return typed;
  const next = page.locator(label('next')).first();
  // The labelled button, or Enter in the last field when it cannot be clicked (disabled, or covered on the
  // unstyled page).
  let clicked = false;
  if ((await next.count()) > 0 && (await next.isVisible()) && (await next.isEnabled())) {
    clicked = await next.click({ timeout: 2000, noWaitAfter: true }).then(() => true, () => false);
  }
  if (!clicked && last) {
    await page.locator(last).first().press('Enter', { timeout: 2000, noWaitAfter: true }).catch(() => undefined);
  }
  typed.submitted = true;
  return typed;
}

/**
 * A page with no target form: a person fills the form that has a password field (or else the first one with text
 * fields) and presses Enter. Returns whether there was anything to fill.
 */
async function fillUnlabelled(page: Page): Promise<boolean> {
  const count = await page.evaluate(() => {
    // (No named helpers in here: the bundler would wrap them in a function the page does not have.)
    const inputs = [...document.querySelectorAll('input')].filter(
      (el) =>
        /^(text|email|tel|password|)$/.test(el.type) &&
        el.offsetParent !== null &&
        el.getBoundingClientRect().width > 0 &&
        !el.disabled &&
        !el.readOnly,
    );
    const password = inputs.find((el) => el.type === 'password');
    const first = password ?? inputs[0];
    if (!first) return 0;
    const scope: ParentNode = first.form ?? document;
    const chosen = inputs.filter((el) => scope.contains(el)).slice(0, 8);
    chosen.forEach((el, i) => el.setAttribute('data-bench-fill', String(i)));
    return chosen.length;
  });
  if (count === 0) return false;
  let last = '';
  for (let i = 0; i < count; i++) {
    const selector = `[data-bench-fill="${i}"]`;
    const isPassword = await page.locator(selector).evaluate((el) => (el as HTMLInputElement).type === 'password');
    if ((await typeInto(page, selector, isPassword ? PASSWORD : USERNAME)) !== undefined) last = selector;
  }
  if (!last) return false;
  await page.locator(last).press('Enter', { timeout: 2000, noWaitAfter: true }).catch(() => undefined);
  return true;
}

/** The extension's service worker now: it may have been stopped and started again since the last page. */
async function currentWorker(context: BrowserContext): Promise<Worker> {
  return withTimeout(extensionWorker(context), 10_000, 'no service worker');
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} (timeout)`)), ms))]);
}

async function readKept(context: BrowserContext): Promise<{ captures: Kept[]; steps: string[] }> {
  const worker = await currentWorker(context);
  return withTimeout(worker.evaluate(async () => {
    const all = await chrome.storage.session.get(null);
    const captures = (all['pending-captures'] ?? []) as Kept[];
    const steps = JSON.stringify(all['username-steps'] ?? {});
    return { captures, steps: steps.match(/"username":"[^"]*"/g) ?? [] };
  }), 10_000, 'reading the captures');
}

/** How long a submission may take to be kept (the first one waits for the browser's policy service). */
const KEPT_WAIT_MS = 5000;
/** How long a page with no target form is watched for a false prompt. */
const QUIET_WAIT_MS = 1000;

/** What the background kept, read again every 50 ms until something is kept or `ms` have passed. */
async function keptWithin(context: BrowserContext, ms: number): Promise<{ captures: Kept[]; steps: string[] }> {
  const until = Date.now() + ms;
  for (;;) {
    const kept = await readKept(context);
    if (kept.captures.length || kept.steps.length || Date.now() > until) return kept;
    await new Promise((done) => setTimeout(done, 50));
  }
}

async function clearKept(context: BrowserContext): Promise<void> {
  const worker = await currentWorker(context);
  await withTimeout(worker.evaluate(() => chrome.storage.session.clear()), 10_000, 'clearing the captures');
}

interface Tally {
  pages: number;
  labelled: number;
  correct: number;
  wrong: string[];
  missed: string[];
  unlabelled: number;
  falsePrompts: string[];
  /** Pages whose card asks the person (kind or order guessed), among the kept ones. */
  asked: string[];
}

function verdict(sample: Sample, typed: Typed, kept: { captures: Kept[]; steps: string[] }): 'correct' | 'wrong' | 'missed' {
  if (sample.expected === 'username') {
    if (kept.steps.some((s) => s === `"username":"${typed.username}"`)) return 'correct';
    return kept.captures.length || kept.steps.length ? 'wrong' : 'missed';
  }
  if (kept.captures.length === 0) return 'missed';
  const ok = kept.captures.some(
    (c) =>
      c.kind === sample.expected &&
      c.password === typed.password &&
      (sample.expected !== 'login' || c.username === typed.username),
  );
  return ok ? 'correct' : 'wrong';
}

/** On a page without a target form, a prompt of the kind the set looks for is a false one. */
function isFalsePrompt(sample: Sample, kept: { captures: Kept[] }): boolean {
  if (sample.set === 'new-password') return kept.captures.some((c) => c.kind === 'signup' || c.kind === 'change');
  return kept.captures.some((c) => c.kind === 'login');
}

async function main(): Promise<void> {
  if (!existsSync(join(chromeBuildDir, 'manifest.json'))) throw new Error('dist/chrome is missing: run `npm run build`');
  const filter = process.argv[2] ?? '';
  const samples = [...corpusSamples(filter), ...fixtureSamples(filter)];
  const server = await startServer();
  const workDir = mkdtempSync(join(tmpdir(), 'mysafe-bench-capture-'));
  // A copy of the build: a rebuild of dist/ while the bench runs would pull the extension from under it.
  const extensionDir = join(workDir, 'extension');
  cpSync(chromeBuildDir, extensionDir, { recursive: true });
  const context: BrowserContext = await chromium.launchPersistentContext(join(workDir, 'profile'), {
    headless: false,
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    viewport: { width: 1280, height: 800 },
    args: [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`,
    ],
  });
  // Nothing leaves the machine: every request not for the local server gets an empty answer.
  // (chrome-extension:// URLs are not routed.)
  await context.route(/^(https?|wss?|ftp):/, (route) => {
    const url = route.request().url();
    if (url.startsWith(server.origin)) return route.continue();
    return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>stub</title>' });
  });
  // An extension page to ask the background "See why" for a missed page (reasons and roles only, never a value).
  const extensionId = new URL((await currentWorker(context)).url()).host;
  const whyPage = await context.newPage();
  await whyPage.goto(`chrome-extension://${extensionId}/src/options/index.html`);
  const whyOf = async (page: Page): Promise<string> => {
    const url = page.url();
    const report = await whyPage.evaluate(async (url) => {
      const tab = (await chrome.tabs.query({})).find((t) => t.url === url);
      return tab?.id === undefined ? undefined : chrome.runtime.sendMessage({ type: 'why-report', tabId: tab.id });
    }, url).catch(() => undefined) as { rows: { reason: string; kind?: string; roles: string[] }[] } | undefined;
    return report?.rows.map((r) => `${r.reason}${r.kind ? `(${r.kind})` : ''}[${r.roles.join(',')}]`).join(' ') || 'no row';
  };
  const tallies = new Map<string, Tally>();
  /** Submission (click or Enter) → capture kept, per labelled page kept. */
  const latencies: number[] = [];
  const started = Date.now();
  const verbose = !!process.env.BENCH_VERBOSE;
  let done = 0;

  try {
    for (const sample of samples) {
      const tally = tallies.get(sample.set) ?? { pages: 0, labelled: 0, correct: 0, wrong: [], missed: [], unlabelled: 0, falsePrompts: [], asked: [] };
      tallies.set(sample.set, tally);
      tally.pages++;
      if (++done % 50 === 0) console.error(`  … ${done} of ${samples.length} pages, ${((Date.now() - started) / 1000).toFixed(0)} s`);
      const page = await context.newPage();
      // A page that hangs (a dialog, a dead worker) is closed after a minute and counted as missed.
      const guard = setTimeout(() => void page.close().catch(() => undefined), 60_000);
      try {
        await clearKept(context);
        await page.goto(server.serve(sample.html), { waitUntil: 'load', timeout: 15_000 });
        await page.waitForTimeout(100); // the content script starts at document_idle
        if (sample.expected) {
          tally.labelled++;
          const typed = await fillLabelled(page, sample);
          const sentAt = Date.now();
          const kept = await keptWithin(context, KEPT_WAIT_MS);
          const latency = Date.now() - sentAt;
          if (kept.captures.length || kept.steps.length) latencies.push(latency);
          const result = verdict(sample, typed, kept);
          if (kept.captures.some((c) => c.kindGuessed || c.orderGuessed)) tally.asked.push(sample.file);
          if (result === 'correct') tally.correct++;
          else tally[result].push(sample.file);
          if (verbose || result !== 'correct') {
            const seen = kept.captures.map((c) => `${c.kind}:${c.username}/${c.password === typed.password ? 'pw' : c.password ? 'other-pw' : '-'}`);
            const why = result === 'correct' ? '' : ` — why: ${await withTimeout(whyOf(page), 5000, 'see why').catch(() => 'no answer')}`;
            console.log(`  ${result.padEnd(7)} ${sample.set}/${sample.file} expected ${sample.expected} (${latency} ms): ${seen.join(', ') || kept.steps.join(', ') || 'nothing'}${typed.password === undefined && sample.expected !== 'username' ? ' (could not type the password)' : ''}${why}`);
          }
        } else {
          tally.unlabelled++;
          await fillUnlabelled(page);
          const kept = await keptWithin(context, QUIET_WAIT_MS);
          if (isFalsePrompt(sample, kept)) {
            tally.falsePrompts.push(sample.file);
            console.log(`  false   ${sample.set}/${sample.file}: ${kept.captures.map((c) => c.kind).join(', ')}`);
          } else if (verbose) {
            console.log(`  quiet   ${sample.set}/${sample.file}: ${kept.captures.map((c) => c.kind).join(', ') || 'nothing'}`);
          }
        }
      } catch (error) {
        console.log(`  error   ${sample.set}/${sample.file}: ${(error as Error).message.split('\n')[0]}`);
        if (sample.expected) tally.missed.push(sample.file);
      } finally {
        clearTimeout(guard);
        // page.close() has been seen to never return here (Chromium 150) after a form's navigation: not waited for long.
        await withTimeout(page.close(), 5000, 'closing the page').catch(() => undefined);
      }
    }
  } finally {
    await context.close();
    server.close();
    rmSync(workDir, { recursive: true, force: true });
  }

  console.log(`\nCapture on real pages (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  const sorted = latencies.sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  if (sorted.length) console.log(`submitted → kept: median ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${sorted.at(-1)} ms over ${sorted.length} pages`);
  const pct = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1)}%` : '-');
  for (const [set, t] of tallies) {
    console.log(
      `${set}: ${t.pages} pages; labelled ${t.labelled}: correct ${t.correct} (${pct(t.correct, t.labelled)}), ` +
        `wrong ${t.wrong.length}, missed ${t.missed.length}; unlabelled ${t.unlabelled}: false prompts ` +
        `${t.falsePrompts.length} (${pct(t.falsePrompts.length, t.unlabelled)})`,
    );
    if (t.wrong.length) console.log(`  wrong: ${t.wrong.join(' ')}`);
    if (t.missed.length) console.log(`  missed: ${t.missed.join(' ')}`);
    if (t.falsePrompts.length) console.log(`  false prompts: ${t.falsePrompts.join(' ')}`);
    if (t.asked.length) console.log(`  the card asks (login or new account? / which is new?) on ${t.asked.length}: ${t.asked.join(' ')}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
