import browser, { type Runtime } from 'webextension-polyfill';
import { typeOf, type Answer } from '../../protocol/messages';
import { acceptDecodeRequest } from './image-bytes';

// Chromium's offscreen document for QR decoding (see decoder.ts; the page is offscreen.html, its entry
// offscreen-main.ts). It answers `qr-decode` from the service worker only: every extension message reaches this page
// too (the popup's among them), and the others are left to the background.

// An offscreen document has few extension APIs (no runtime.getManifest): the worker's URL comes from the manifest file.
let workerUrl: Promise<string | undefined> | undefined;
function serviceWorkerUrl(): Promise<string | undefined> {
  workerUrl ??= fetch(new URL('/manifest.json', location.href))
    .then((response) => response.json() as Promise<{ background?: { service_worker?: string } }>)
    .then((manifest) => (manifest.background?.service_worker ? new URL(`/${manifest.background.service_worker}`, location.href).href : undefined))
    .catch(() => undefined);
  return workerUrl;
}

async function decode(message: unknown, sender: Runtime.MessageSender): Promise<Answer<'qr-decode'>> {
  // From the service worker only, and bytes only: this page fetches nothing (see image-bytes.ts).
  const image = acceptDecodeRequest(message, sender, await serviceWorkerUrl());
  if (!image) return { error: 'refused' };
  try {
    const { decodeImage } = await import('./decode');
    return { codes: await decodeImage(image) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Answers `qr-decode` requests (called once by offscreen-main.ts, the page's entry). */
export function register(): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (typeOf(message) !== 'qr-decode') return undefined;
    return decode(message, sender);
  });
}
