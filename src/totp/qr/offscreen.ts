import browser, { type Runtime } from 'webextension-polyfill';
import { typeOf, type Answer, type Request } from '../../protocol/messages';

// Chromium's offscreen document for QR decoding (see decoder.ts). It answers `qr-decode` from the service worker only:
// every extension message reaches this page too (the popup's among them), and the others are left to the background.

// An offscreen document has few extension APIs (no runtime.getManifest): the worker's URL comes from the manifest file.
let workerUrl: Promise<string | undefined> | undefined;
function serviceWorkerUrl(): Promise<string | undefined> {
  workerUrl ??= fetch(new URL('/manifest.json', location.href))
    .then((response) => response.json() as Promise<{ background?: { service_worker?: string } }>)
    .then((manifest) => (manifest.background?.service_worker ? new URL(`/${manifest.background.service_worker}`, location.href).href : undefined))
    .catch(() => undefined);
  return workerUrl;
}

async function fromServiceWorker(sender: Runtime.MessageSender): Promise<boolean> {
  return sender.tab === undefined && !!sender.url && sender.url === (await serviceWorkerUrl());
}

async function decode(request: Request<'qr-decode'>, sender: Runtime.MessageSender): Promise<Answer<'qr-decode'>> {
  if (!(await fromServiceWorker(sender))) return { error: 'refused' };
  try {
    const { decodeImage } = await import('./decode');
    return { texts: await decodeImage(request.image) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (typeOf(message) !== 'qr-decode') return undefined;
  return decode(message as Request<'qr-decode'>, sender);
});
