// The content script runs in every frame of every page: how much it weighs and what it costs. Prints figures,
// asserts nothing. Run `npm run build` first (the size is read from dist/chrome).
//  1. gzipped size of what is injected: the manifest's content_scripts files and the modules their loader imports;
//  2. time from script start to idle on a page without inputs;
//  3. cost of a submission (finding the form, reading its fields, deciding its kind) and of one keystroke on a
//     generated 10,000-element page with five forms;
//  4. time to the `load` event of a heavy page with and without the extension.
// 2 and 3 run the content script's own code, bundled for the page's main world by this bench (no timing hook
// in the extension itself); the listeners that time it are the bench's.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { build } from 'vite';
import { chromeBuildDir, projectRoot } from '../../src/dev/chromium';

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

/**
 * src/content/index.ts bundled as one classic script for a page, with the extension API replaced by a stub that
 * counts messages in `window.__sent` (bench pages only).
 */
async function bundleContentScript(): Promise<string> {
  const stubDir = mkdtempSync(join(tmpdir(), 'mysafe-bench-stub-'));
  const stub = join(stubDir, 'browser.js');
  writeFileSync(
    stub,
    `export default { runtime: {
      sendMessage: async () => { (window.__sent ??= []).push(performance.now()); },
      onMessage: { addListener() {} },
    } };`,
  );
  try {
    const output = (await build({
      configFile: false,
      logLevel: 'silent',
      resolve: { alias: { 'webextension-polyfill': stub } },
      build: {
        write: false,
        minify: true,
        target: 'es2022',
        lib: { entry: join(projectRoot, 'src', 'content', 'index.ts'), formats: ['iife'], name: 'mysafeCaptureBench' },
      },
    })) as unknown as { output: { code?: string }[] }[];
    return output[0].output[0].code!;
  } finally {
    rmSync(stubDir, { recursive: true, force: true });
  }
}

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

async function serve(pages: Record<string, string>): Promise<{ url(path: string): string; close(): void }> {
  const server = createServer((req, res) => {
    req.resume();
    const html = pages[req.url ?? ''];
    res.writeHead(html ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' }).end(html ?? '');
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
      startTimes.push(await startIn(page, code));
    }
    console.log(`start to idle, page without inputs (2,000 elements): median ${ms(median(startTimes))} over ${startTimes.length} loads`);

    const submitTimes: number[] = [];
    const silent = new Set<string>();
    const keyTimes: number[] = [];
    for (let round = 0; round < 4; round++) {
      await page.goto(server.url('/forms'));
      const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
      if (round === 0) console.log(`generated page: ${elements} elements, ${FORMS.length} forms`);
      await startIn(page, code);
      // The bench's own listeners around the content script's: one on window before it, one after everything.
      await page.evaluate(() => {
        const w = window as unknown as { __t0: number; __keys: number[] };
        w.__keys = [];
        addEventListener('keydown', () => void (w.__t0 = performance.now()), true);
        addEventListener('input', () => void (w.__t0 = performance.now()), true);
        addEventListener('input', () => void w.__keys.push(performance.now() - w.__t0));
        document.querySelectorAll('form').forEach((form) => form.addEventListener('submit', (e) => e.preventDefault()));
      });
      for (let f = 0; f < FORMS.length; f++) {
        const inputs = page.locator(`#f${f} input`);
        const count = await inputs.count();
        for (let i = 0; i < count; i++) {
          const type = await inputs.nth(i).getAttribute('type');
          await inputs.nth(i).pressSequentially(type === 'password' ? (i === 1 && f === 2 ? 'old-Pa55word' : 'Pa55word-x1') : `user${f}@example.com`);
        }
        const before = await page.evaluate(() => ((window as unknown as { __sent?: number[] }).__sent ?? []).length);
        await inputs.nth(count - 1).press('Enter');
        const spent = await page.evaluate((n) => {
          const w = window as unknown as { __t0: number; __sent?: number[] };
          return (w.__sent?.length ?? 0) > n ? w.__sent![n] - w.__t0 : NaN;
        }, before);
        if (Number.isNaN(spent)) silent.add(`#f${f}`);
        else submitTimes.push(spent);
      }
      keyTimes.push(...(await page.evaluate(() => (window as unknown as { __keys: number[] }).__keys)));
    }
    console.log(
      `submission on the 10,000-element page (find the form, read its fields, decide): median ${ms(median(submitTimes))}` +
        ` over ${submitTimes.length} submissions of ${FORMS.length * 4} (target ≤ 5 ms)` +
        (silent.size ? `; nothing sent for ${[...silent].join(', ')}` : ''),
    );
    console.log(`one keystroke in a field: median ${ms(median(keyTimes))} over ${keyTimes.length}`);
  } finally {
    await browser.close();
    server.close();
  }
}

/** Median time to the load event of a heavy page, with and without the extension, loads interleaved. */
async function measureLoad(): Promise<void> {
  const heavyForms = Array.from({ length: 40 }, (_, i) => FORMS[i % FORMS.length].replace(/id="f\d"/, `id="h${i}"`));
  const server = await serve({ '/heavy': generatedPage(30_000, heavyForms) });
  const workDir = mkdtempSync(join(tmpdir(), 'mysafe-bench-content-'));
  const extensionDir = join(workDir, 'extension');
  cpSync(chromeBuildDir, extensionDir, { recursive: true });
  // The same extension whose content script is one empty listener: what Chromium charges for any content script.
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
  const withExt = await launch('with', extensionDir);
  const without = await launch('without');
  const trivial = await launch('trivial', trivialDir);
  try {
    const loadTime = async (context: BrowserContext) => {
      const page = await context.newPage();
      await page.goto(server.url('/heavy'), { waitUntil: 'load' });
      await page.waitForTimeout(50);
      const time = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
      await page.close();
      return time;
    };
    for (const context of [withExt, without, trivial]) await loadTime(context); // warm up
    const a: number[] = [];
    const b: number[] = [];
    const c: number[] = [];
    for (let i = 0; i < 15; i++) {
      a.push(await loadTime(withExt));
      b.push(await loadTime(without));
      c.push(await loadTime(trivial));
    }
    const percent = (value: number) => `${((100 * value) / median(b)).toFixed(1)}%`;
    const added = median(a) - median(b);
    const anyScript = median(c) - median(b);
    console.log(
      `load event of a heavy page (30,000 elements, 40 forms): with the extension ${ms(median(a))}, without ${ms(median(b))}, ` +
        `added ${ms(added)} (${percent(added)}, target ≤ 2%); an empty content script in its place adds ` +
        `${ms(anyScript)} (${percent(anyScript)}): ours costs ${ms(added - anyScript)} (${percent(added - anyScript)}) beyond that`,
    );
  } finally {
    await withExt.close();
    await without.close();
    await trivial.close();
    server.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (!existsSync(join(chromeBuildDir, 'manifest.json'))) throw new Error('dist/chrome is missing: run `npm run build`');
  reportSize();
  await measureInPage(await bundleContentScript());
  await measureLoad();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
