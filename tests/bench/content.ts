// The content script runs in every frame of every page: how much it weighs and what it costs. Prints figures,
// asserts nothing. Run `npm run build` first (the script is read from dist/chrome).
//  1. gzipped size of what is injected: the manifest's content_scripts files (and any module they would import);
//  2. time from script start to idle on a page without inputs;
//  3. on a generated 10,000-element page with five forms: how long Enter holds the page (our share of the keydown
//     and submit events), Enter to the message sent (finding the form, reading its fields, deciding its kind, after
//     the event's own tasks), and one keystroke;
//  4. one interleaved run of three browsers, the extension, the same extension with an empty content script, and no
//     extension, on the same pages: load end, main-thread CPU and heap on a page without inputs and on a heavy page,
//     and from Enter in a login form to the next page's navigation start and DOMContentLoaded.
// 2 and 3 run the shipped script (dist/chrome) in the page's main world with the extension API replaced by a stub
// (no timing hook in the extension itself); the listeners that time it are the bench's.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { chromeBuildDir } from '../../src/dev/chromium';

const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (value: number) => `${value.toFixed(2)} ms`;

/**
 * The files Chromium injects at load: the loader from the manifest, the module it fetches and their static imports.
 * Modules they import dynamically (the engine, on the first focus in a field) are listed apart.
 */
function contentFiles(): { atLoad: string[]; later: string[] } {
  const manifest = JSON.parse(readFileSync(join(chromeBuildDir, 'manifest.json'), 'utf8'));
  const queue: string[] = manifest.content_scripts.flatMap((script: { js: string[] }) => script.js);
  const atLoad = new Set<string>();
  const dynamic: string[] = [];
  while (queue.length) {
    const file = queue.shift()!;
    if (atLoad.has(file)) continue;
    atLoad.add(file);
    const code = readFileSync(join(chromeBuildDir, file), 'utf8');
    for (const match of code.matchAll(/getURL\(\s*["'`]([^"'`]+)["'`]\s*\)/g)) queue.push(match[1]);
    for (const match of code.matchAll(/from\s*["'`](\.{1,2}\/[^"'`]+)["'`]/g)) queue.push(join(dirname(file), match[1]));
    for (const match of code.matchAll(/import\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*\)/g)) dynamic.push(join(dirname(file), match[1]));
  }
  const later = new Set<string>();
  while (dynamic.length) {
    const file = dynamic.shift()!;
    if (atLoad.has(file) || later.has(file)) continue;
    later.add(file);
    const code = readFileSync(join(chromeBuildDir, file), 'utf8');
    for (const match of code.matchAll(/(?:from\s*|import\(\s*)["'`](\.{1,2}\/[^"'`]+)["'`]/g)) dynamic.push(join(dirname(file), match[1]));
  }
  return { atLoad: [...atLoad], later: [...later] };
}

function reportSize(): void {
  const { atLoad, later } = contentFiles();
  for (const [title, files] of [['injected at load', atLoad], ['imported on the first focus in a field', later]] as const) {
    if (files.length === 0) continue;
    let raw = 0;
    let gzipped = 0;
    for (const file of files) {
      const code = readFileSync(join(chromeBuildDir, file));
      const size = gzipSync(code, { level: 9 }).length;
      raw += code.length;
      gzipped += size;
      console.log(`  ${file}: ${(code.length / 1024).toFixed(1)} KB, ${(size / 1024).toFixed(1)} KB gzipped`);
    }
    const target = files === atLoad ? ' (target ≤ 10 KB)' : '';
    console.log(`${title}: ${(raw / 1024).toFixed(1)} KB, ${(gzipped / 1024).toFixed(1)} KB gzipped${target}`);
  }
}

/** The shipped content script: the manifest's classic script(s), as Chromium injects them. */
function shippedContentScript(): string {
  const { atLoad, later } = contentFiles();
  if (later.length) throw new Error(`the content script imports modules (${later.join(', ')}): not one classic script`);
  return atLoad.map((file) => readFileSync(join(chromeBuildDir, file), 'utf8')).join('\n');
}

/**
 * The extension API the content script finds as `globalThis.browser` on bench pages: messages counted in
 * `window.__sent`. A string, so that no helper of the TypeScript loader ends up in the page.
 */
const API_STUB = `window.browser = { runtime: {
  sendMessage: async () => void (window.__sent ??= []).push(performance.now()),
  onMessage: { addListener() {} },
} }`;

/** A page of `count` elements: nested divs, paragraphs and links, plus the given forms spread among them. */
function generatedPage(count: number, forms: string[]): string {
  const parts: string[] = ['<!doctype html><html><head><meta charset="utf-8"><title>Generated</title></head><body>'];
  let made = 0;
  const every = Math.floor(count / (forms.length + 1));
  let next = 0;
  while (made < count) {
    parts.push(`<div class="row r${made}"><p>Item ${made} <a href="#i${made}">link</a> <span>text</span></p></div>`);
    made += 4; // div, p, a, span
    if (next < forms.length && made >= every * (next + 1)) parts.push(forms[next++]);
  }
  parts.push('</body></html>');
  return parts.join('\n');
}

const FORMS = [
  `<form id="f0" action="#"><h2>Sign in</h2><input name="email" type="email"><input name="password" type="password"><button>Sign in</button></form>`,
  `<form id="f1" action="#"><h2>Create account</h2><input name="name"><input name="email" type="email"><input name="password" type="password"><input name="password_confirmation" type="password"><button>Sign up</button></form>`,
  `<form id="f2" action="#"><h2>Change password</h2><input name="old" type="password"><input name="new" type="password"><input name="confirm" type="password"><button>Save</button></form>`,
  `<div id="f3"><h2>Entrar</h2><input name="usuario"><input name="senha" type="password"><div role="button">Entrar</div></div>`,
  `<form id="f4" action="#"><h2>Anmelden</h2><input name="benutzername"><input name="passwort" type="password"><button>Anmelden</button></form>`,
];

/** Serves `pages` by path, to GET and POST alike (a form posted to a path gets its page). */
async function serve(pages: Record<string, string>): Promise<{ url(path: string): string; close(): void }> {
  const server = createServer((req, res) => {
    req.resume();
    const html = pages[req.url ?? ''];
    req.on('end', () => res.writeHead(html ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' }).end(html ?? ''));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: (path) => origin + path, close: () => server.close() };
}

/** Runs the bundled content script in `page` and returns how long it took to evaluate and start. */
async function startIn(page: Page, code: string): Promise<number> {
  return page.evaluate((source) => {
    const started = performance.now();
    // eslint-disable-next-line no-new-func
    new Function(source)();
    return performance.now() - started;
  }, code);
}

async function measureInPage(code: string): Promise<void> {
  const server = await serve({
    '/empty': generatedPage(2000, []),
    '/forms': generatedPage(10_000, FORMS),
  });
  const browser = await chromium.launch({ headless: false, executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const startTimes: number[] = [];
    for (let i = 0; i < 15; i++) {
      await page.goto(server.url('/empty'));
      await page.evaluate(API_STUB);
      startTimes.push(await startIn(page, code));
    }
    console.log(`start to idle, page without inputs (2,000 elements): median ${ms(median(startTimes))} over ${startTimes.length} loads`);

    const submitTimes: number[] = [];
    const heldTimes: number[] = [];
    const silent = new Set<string>();
    const keyTimes: number[] = [];
    for (let round = 0; round < 4; round++) {
      await page.goto(server.url('/forms'));
      const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
      if (round === 0) console.log(`generated page: ${elements} elements, ${FORMS.length} forms`);
      await page.evaluate(API_STUB);
      await startIn(page, code);
      // The bench's own listeners around the content script's (which listens on the document, capturing): one on
      // window before it, one on window after everything. `__held` sums the keydown and submit dispatches.
      await page.evaluate(() => {
        const w = window as unknown as { __t0: number; __keys: number[]; __start: number; __held: number };
        w.__keys = [];
        w.__held = 0;
        addEventListener('keydown', () => void (w.__t0 = performance.now()), true);
        addEventListener('input', () => void (w.__t0 = performance.now()), true);
        addEventListener('input', () => void w.__keys.push(performance.now() - w.__t0));
        for (const type of ['keydown', 'submit']) {
          addEventListener(type, () => void (w.__start = performance.now()), true);
          addEventListener(type, () => void (w.__held += performance.now() - w.__start));
        }
        document.querySelectorAll('form').forEach((form) => form.addEventListener('submit', (e) => e.preventDefault()));
      });
      for (let f = 0; f < FORMS.length; f++) {
        const inputs = page.locator(`#f${f} input`);
        const count = await inputs.count();
        for (let i = 0; i < count; i++) {
          const type = await inputs.nth(i).getAttribute('type');
          await inputs.nth(i).pressSequentially(type === 'password' ? (i === 1 && f === 2 ? 'old-Pa55word' : 'Pa55word-x1') : `user${f}@example.com`);
        }
        const before = await page.evaluate(() => {
          const w = window as unknown as { __sent?: number[]; __held: number };
          w.__held = 0;
          return (w.__sent ?? []).length;
        });
        await inputs.nth(count - 1).press('Enter');
        // The message goes after the event's own tasks: wait for it (or for those tasks, when nothing is sent).
        const { spent, held } = await page.evaluate(async (n) => {
          const w = window as unknown as { __t0: number; __sent?: number[]; __held: number };
          for (let i = 0; i < 20 && (w.__sent?.length ?? 0) <= n; i++) await new Promise((done) => setTimeout(done));
          return { spent: (w.__sent?.length ?? 0) > n ? w.__sent![n] - w.__t0 : NaN, held: w.__held };
        }, before);
        heldTimes.push(held);
        if (Number.isNaN(spent)) silent.add(`#f${f}`);
        else submitTimes.push(spent);
      }
      keyTimes.push(...(await page.evaluate(() => (window as unknown as { __keys: number[] }).__keys)));
    }
    console.log(
      `Enter on the 10,000-element page: held the page (keydown and submit dispatch) ${ms(median(heldTimes))}; ` +
        `to the message sent (find the form, then after the event's tasks read its fields and decide) ` +
        `${ms(median(submitTimes))}; medians over ${submitTimes.length} submissions of ${FORMS.length * 4}` +
        (silent.size ? `; nothing sent for ${[...silent].join(', ')}` : ''),
    );
    console.log(`one keystroke in a field: median ${ms(median(keyTimes))} over ${keyTimes.length}`);
  } finally {
    await browser.close();
    server.close();
  }
}

/** A login page whose form posts to /next; it notes in sessionStorage when Enter was pressed (before any other listener). */
const LOGIN_PAGE = generatedPage(2000, [
  `<form id="login" action="/next" method="post"><h2>Sign in</h2><label>Email <input name="email" type="email"></label>` +
    `<label>Password <input name="password" type="password"></label><button>Sign in</button></form>`,
]).replace(
  '</head>',
  `<script>addEventListener('keydown', (e) => { if (e.key === 'Enter') sessionStorage.enterAt = performance.timeOrigin + performance.now(); }, true);</script></head>`,
);

interface LoadFigures {
  /** loadEventEnd, ms after navigation start. */
  loadEnd: number;
  /** Main-thread CPU time (CDP Performance ThreadTime) and script time, ms, from navigation to idle. */
  cpu: number;
  script: number;
  /** JS heap used after a garbage collection, KB (the page's and the content script's worlds share it). */
  heap: number;
}

/** Loads `url` in a new tab and reads its figures once the page is idle (the content script has run by then). */
async function loadFigures(context: BrowserContext, url: string): Promise<LoadFigures> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(url, { waitUntil: 'load' });
    // document_idle scripts run by the load event at the latest; an idle callback after it comes after them.
    await page.evaluate(() => new Promise((done) => requestIdleCallback(done)));
    const loadEnd = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
    return { loadEnd, cpu: metric('ThreadTime') * 1000, script: metric('ScriptDuration') * 1000, heap: metric('JSHeapUsedSize') / 1024 };
  } finally {
    await page.close();
  }
}

/** Types a login like a person (the engine starts on the first focus), presses Enter and times the next page. */
async function enterFigures(context: BrowserContext, url: string): Promise<{ start: number; domContentLoaded: number }> {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.evaluate(() => new Promise((done) => requestIdleCallback(done)));
    await page.getByLabel('Email').pressSequentially('ana@example.com');
    await page.getByLabel('Password').pressSequentially('Pa55word-x1');
    // The first focus of the password field warms the engine in idle time, as a person's pause before Enter would.
    await page.evaluate(() => new Promise((done) => requestIdleCallback(done)));
    await Promise.all([page.waitForURL('**/next', { waitUntil: 'domcontentloaded' }), page.keyboard.press('Enter')]);
    return await page.evaluate(() => {
      const enterAt = Number(sessionStorage.enterAt);
      const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { start: performance.timeOrigin - enterAt, domContentLoaded: performance.timeOrigin + entry.domContentLoadedEventStart - enterAt };
    });
  } finally {
    await page.close();
  }
}

/**
 * One interleaved run of three browsers on the same pages: the extension, the same extension whose content script
 * is one empty listener (what Chromium charges for any content script), and no extension. Medians; the differences
 * separate our own share from the browser's cost of any content script.
 */
async function measureAgainstBaselines(): Promise<void> {
  const heavyForms = Array.from({ length: 40 }, (_, i) => FORMS[i % FORMS.length].replace(/id="f\d"/, `id="h${i}"`));
  const server = await serve({
    '/plain': generatedPage(2000, []),
    '/heavy': generatedPage(30_000, heavyForms),
    '/login': LOGIN_PAGE,
    '/next': generatedPage(2000, []),
  });
  const workDir = mkdtempSync(join(tmpdir(), 'mysafe-bench-content-'));
  const extensionDir = join(workDir, 'extension');
  cpSync(chromeBuildDir, extensionDir, { recursive: true });
  const trivialDir = join(workDir, 'trivial');
  cpSync(chromeBuildDir, trivialDir, { recursive: true });
  writeFileSync(join(trivialDir, 'trivial.js'), 'document.addEventListener("focusin", () => {}, true);');
  const trivialManifest = JSON.parse(readFileSync(join(trivialDir, 'manifest.json'), 'utf8'));
  trivialManifest.content_scripts[0].js = ['trivial.js'];
  writeFileSync(join(trivialDir, 'manifest.json'), JSON.stringify(trivialManifest));
  const launch = (name: string, extension?: string): Promise<BrowserContext> =>
    chromium.launchPersistentContext(join(workDir, name), {
      headless: false,
      executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
      args: [...CHROMIUM_ARGS, ...(extension ? [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`] : [])],
    });
  const variants = [
    { name: 'no extension', context: await launch('without') },
    { name: 'empty content script', context: await launch('trivial', trivialDir) },
    { name: 'MySafe Capture', context: await launch('with', extensionDir) },
  ];
  type Row = { plain: LoadFigures; heavy: LoadFigures; start: number; domContentLoaded: number };
  const rows = new Map<string, Row[]>(variants.map(({ name }) => [name, []]));
  const rounds = 15;
  try {
    for (const { context } of variants) await loadFigures(context, server.url('/plain')); // warm up
    for (let round = 0; round < rounds; round++) {
      // A different order each round, so that no variant always follows the same one.
      const order = variants.map((_, i) => variants[(i + round) % variants.length]);
      for (const { name, context } of order) {
        const plain = await loadFigures(context, server.url('/plain'));
        const heavy = await loadFigures(context, server.url('/heavy'));
        const enter = await enterFigures(context, server.url('/login'));
        rows.get(name)!.push({ plain, heavy, ...enter });
      }
    }
  } finally {
    for (const { context } of variants) await context.close();
    server.close();
    rmSync(workDir, { recursive: true, force: true });
  }

  const figures: [string, (row: Row) => number, string][] = [
    ['page without inputs (2,000 elements): load end', (r) => r.plain.loadEnd, 'ms'],
    ['  main-thread CPU to idle', (r) => r.plain.cpu, 'ms'],
    ['  script time', (r) => r.plain.script, 'ms'],
    ['  JS heap after GC', (r) => r.plain.heap, 'KB'],
    ['heavy page (30,000 elements, 40 forms): load end', (r) => r.heavy.loadEnd, 'ms'],
    ['  main-thread CPU to idle', (r) => r.heavy.cpu, 'ms'],
    ['  JS heap after GC', (r) => r.heavy.heap, 'KB'],
    ['login: Enter to next page navigation start', (r) => r.start, 'ms'],
    ['  Enter to next page DOMContentLoaded', (r) => r.domContentLoaded, 'ms'],
  ];
  const [none, empty, ours] = variants.map(({ name }) => rows.get(name)!);
  const cell = (value: number, unit: string) => `${value.toFixed(unit === 'KB' ? 0 : 2)} ${unit}`.padStart(11);
  const signed = (value: number, unit: string) => `${value >= 0 ? '+' : ''}${value.toFixed(unit === 'KB' ? 0 : 2)} ${unit}`.padStart(11);
  console.log(`\ninterleaved, ${rounds} rounds, medians; loadavg ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`${''.padEnd(50)}${'none'.padStart(11)}${'empty'.padStart(11)}${'ours'.padStart(11)}${'ours-none'.padStart(11)}${'ours-empty'.padStart(11)}`);
  for (const [title, pick, unit] of figures) {
    const [n, e, o] = [none, empty, ours].map((list) => median(list.map(pick)));
    console.log(`${title.padEnd(50)}${cell(n, unit)}${cell(e, unit)}${cell(o, unit)}${signed(o - n, unit)}${signed(o - e, unit)}`);
  }
  console.log('(targets: Enter to navigation start within 2 ms of none; CPU per frame on a page without inputs ≤ 2 ms above none)');
}

async function main(): Promise<void> {
  if (!existsSync(join(chromeBuildDir, 'manifest.json'))) throw new Error('dist/chrome is missing: run `npm run build`');
  reportSize();
  await measureInPage(shippedContentScript());
  await measureAgainstBaselines();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
