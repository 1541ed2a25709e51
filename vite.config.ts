/// <reference types="vitest/config" />
import { build, defineConfig, type Plugin } from 'vite';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import baseManifest from './manifest.json' with { type: 'json' };

type Browser = 'chrome' | 'firefox';

const root = fileURLToPath(new URL('.', import.meta.url));
const POPUP_PAGE = baseManifest.action.default_popup;
const TARGET = 'es2022';

/**
 * The popup, built on its own after the rest (into the same directory), so that its first card waits for one script
 * and one stylesheet: in the extension's build the modules it shares with the options page and the background
 * (Preact, the polyfill, the protocol, HostAccessNotice) are chunks of their own, each one more request before the
 * popup runs. Here they are copied into the popup's one chunk, its CSS (the theme, HostAccessNotice's and its own) into
 * one file; the parts it loads with import() stay chunks of their own (src/popup/lazy.ts). The manifest crxjs writes
 * names no popup (crxjs would build it with the rest); the popup is put back into it here.
 */
function popupOnItsOwn(outDir: string): Plugin {
  return {
    name: 'mysafe:popup-on-its-own',
    apply: 'build',
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler(error?: Error) {
        // The extension's build failed: its error is the one to see.
        if (error) return;
        await build({
          configFile: false,
          root,
          // Its files are listed after the extension's.
          logLevel: 'info',
          plugins: [preact()],
          build: {
            outDir,
            emptyOutDir: false,
            target: TARGET,
            modulePreload: { polyfill: false },
            rolldownOptions: {
              input: POPUP_PAGE,
              // Everything the page imports statically in one chunk: by default the modules the lazy parts share
              // with the page (Preact, the polyfill) would be a chunk the page preloads.
              output: { codeSplitting: { groups: [{ name: 'popup', tags: ['$initial'] }] } },
            },
          },
        });
        const manifestPath = join(root, outDir, 'manifest.json');
        const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
        const { default_title, ...action } = manifest.action ?? {};
        manifest.action = { default_title, default_popup: POPUP_PAGE, ...action };
        writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
      },
    },
  };
}

/** The manifest crxjs builds from: without the popup, which popupOnItsOwn builds. */
function withoutPopup(manifest: ManifestV3Export): ManifestV3Export {
  const { default_popup: _popup, ...action } = (manifest as typeof baseManifest).action;
  return { ...manifest, action } as ManifestV3Export;
}

/** manifest.json is written for Chromium; Firefox MV3 wants background.scripts and a gecko id. */
function manifestFor(browser: Browser): ManifestV3Export {
  if (browser === 'chrome') return baseManifest as ManifestV3Export;
  // storage.managed_schema is Chromium's: Firefox reads the same keys from policies.json (docs/deploying.md).
  const { background, permissions, action, storage: _managedSchema, ...rest } = baseManifest;
  return {
    ...rest,
    // Firefox puts a new extension's button in its extensions menu; in the toolbar its badge shows a waiting capture
    // (the background never opens the popup there: src/platform/open-popup.ts).
    action: { ...action, default_area: 'navbar' },
    // Offscreen documents are Chromium's; Firefox's background is a page and needs none.
    permissions: permissions.filter((permission) => permission !== 'offscreen'),
    background: { scripts: [background.service_worker], type: 'module' },
    browser_specific_settings: {
      gecko: {
        id: 'mysafe-capture@senhasegura.example',
        // The first release that reads data_collection_permissions (an ESR).
        strict_min_version: '140.0',
        // Logins and keys are sent to the MySafe server the user sets, nowhere else.
        data_collection_permissions: { required: ['authenticationInfo'] },
      },
      // Firefox for Android reads data_collection_permissions from 142 on.
      gecko_android: { strict_min_version: '142.0' },
    },
  } as unknown as ManifestV3Export;
}

// `vite build` makes dist/chrome; `vite build --mode firefox` makes dist/firefox; vitest runs in mode "test".
export default defineConfig(({ mode }) => {
  const browser: Browser = mode === 'firefox' ? 'firefox' : 'chrome';
  return {
    plugins:
      mode === 'test'
        ? [preact()]
        : [
            preact(),
            // The content script as one classic file (src/content/index.js), not crxjs's loader importing modules:
            // those have to be web-accessible at fixed URLs, so any page could tell the extension is installed.
            crx({ manifest: withoutPopup(manifestFor(browser)), browser, contentScripts: { standaloneFiles: ['src/content/index.ts'] } }),
            popupOnItsOwn(`dist/${browser}`),
          ],
    build: {
      outDir: `dist/${browser}`,
      emptyOutDir: true,
      target: TARGET,
      // Chromium and Firefox 115+ preload modules themselves: the polyfill would be one more file before the popup runs.
      modulePreload: { polyfill: false },
      // Pages the manifest does not name: Chromium's offscreen document for QR decoding (src/offscreen/, opened by
      // src/totp/qr/decoder.ts).
      rollupOptions: { input: { 'qr-offscreen': 'src/offscreen/index.html' } },
    },
    test: {
      include: ['tests/unit/**/*.test.ts'],
      environment: 'node',
      testTimeout: 20_000,
      // CI adds a JSON report that .ci/summary.mjs counts.
      reporters: process.env.CI ? ['default', 'json'] : ['default'],
      outputFile: process.env.CI ? { json: 'test-results/unit.json' } : undefined,
    },
  };
});
