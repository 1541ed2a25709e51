// Issue 10: a web page must not be able to tell that the extension is installed by loading one of its files. The
// attack: a page asks for chrome-extension://<id>/<file>, with fetch() and as a <script>, for every file of the build
// (the content script, whatever the manifest makes web-accessible, everything else); each must fail. The extension's
// own page loads the same URLs, which shows they are right.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { chromeBuildDir } from '../../src/dev/chromium';
import { test, expect } from './harness';

interface Manifest {
  content_scripts?: { js?: string[] }[];
  web_accessible_resources?: { resources: string[]; use_dynamic_url?: boolean }[];
  options_ui: { page: string };
}

const manifest = JSON.parse(readFileSync(join(chromeBuildDir, 'manifest.json'), 'utf8')) as Manifest;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [relative(chromeBuildDir, join(dir, entry.name)).split(sep).join('/')],
  );
}

/**
 * How a page's attempts to load each URL ended: 'loaded' or 'failed', for fetch() and (`asScript`) for a <script>
 * element.
 */
function tryToLoad({ urls, asScript }: { urls: string[]; asScript: boolean }): Promise<{ url: string; fetched: string; script?: string }[]> {
  return Promise.all(
    urls.map(async (url) => {
      const fetched = await fetch(url).then(
        (response) => (response.ok ? 'loaded' : 'failed'),
        () => 'failed',
      );
      if (!asScript) return { url, fetched };
      const script = await new Promise<string>((done) => {
        const element = document.createElement('script');
        element.onload = () => done('loaded');
        element.onerror = () => done('failed');
        element.src = url;
        document.head.append(element);
      });
      return { url, fetched, script };
    }),
  );
}

test('the manifest makes no file web-accessible at a fixed URL', () => {
  const contentScripts = (manifest.content_scripts ?? []).flatMap((script) => script.js ?? []);
  expect(contentScripts).toEqual(['src/content/index.js']);
  const fixed = (manifest.web_accessible_resources ?? []).filter((entry) => entry.use_dynamic_url !== true);
  expect(fixed).toEqual([]);
});

test('a page cannot load the content script, the web-accessible files or any other file of the extension', async ({ ext }) => {
  const contentScripts = (manifest.content_scripts ?? []).flatMap((script) => script.js ?? []);
  const webAccessible = (manifest.web_accessible_resources ?? []).flatMap((entry) => entry.resources);
  const files = [...new Set([...contentScripts, ...webAccessible, ...filesUnder(chromeBuildDir)])];
  const urls = files.map((file) => `chrome-extension://${ext.extensionId}/${file}`);
  expect(urls.length).toBeGreaterThan(10);

  // The extension's own page reaches every one of them by fetch: the ids and paths are right.
  const own = await ext.context.newPage();
  await own.goto(`chrome-extension://${ext.extensionId}/${manifest.options_ui.page}`);
  const ownResults = await own.evaluate(tryToLoad, { urls, asScript: false });
  expect(ownResults.filter((result) => result.fetched !== 'loaded')).toEqual([]);

  const page = await ext.context.newPage();
  await page.goto(ext.site.url('/capture/login.html'));
  const results = await page.evaluate(tryToLoad, { urls, asScript: true });
  expect(results).toHaveLength(urls.length);
  expect(results.filter((result) => result.fetched !== 'failed' || result.script !== 'failed')).toEqual([]);
});
