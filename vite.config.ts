/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import baseManifest from './manifest.json' with { type: 'json' };

type Browser = 'chrome' | 'firefox';

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
            crx({ manifest: manifestFor(browser), browser, contentScripts: { standaloneFiles: ['src/content/index.ts'] } }),
          ],
    build: {
      outDir: `dist/${browser}`,
      emptyOutDir: true,
      target: 'es2022',
      // Chromium and Firefox 115+ preload modules themselves: the polyfill would be one more file before the popup runs.
      modulePreload: { polyfill: false },
      // Pages the manifest does not name: Chromium's offscreen document for QR decoding (src/totp/qr/decoder.ts).
      rollupOptions: { input: { 'qr-offscreen': 'src/totp/qr/offscreen.html' } },
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
