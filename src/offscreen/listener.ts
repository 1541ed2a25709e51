import browser from 'webextension-polyfill';
import type { Answer, Request } from '../protocol/messages';
import { messageRouter, type HandlerMaps } from '../protocol/router';
import { workerOfOffscreenDocument } from '../totp/qr/offscreen-document';
import { offscreenSenderKind, readImageToDecode } from '../totp/qr/image-bytes';

// Chromium's offscreen document for QR decoding (see src/totp/qr/decoder.ts; the page is index.html, its entry
// main.ts). It answers `qr-decode` from the worker that opened it only: every extension message reaches
// this page too (the popup's among them), and the others are left to the background.

async function decode(request: Request<'qr-decode'>): Promise<Answer<'qr-decode'>> {
  // Bytes only: this page fetches nothing (see src/totp/qr/image-bytes.ts).
  const image = readImageToDecode(request);
  if (!image) return { error: 'refused' };
  try {
    const { decodeImage } = await import('../totp/qr/decode');
    return { codes: await decodeImage(image) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Answers `qr-decode` requests (called once by main.ts, the page's entry). */
export function register(): void {
  // The worker names itself in this page's URL when it opens it (src/totp/qr/offscreen-document.ts): known before
  // any message.
  const workerUrl = workerOfOffscreenDocument(location.href);
  const handlers = { worker: { 'qr-decode': decode } } satisfies HandlerMaps;
  browser.runtime.onMessage.addListener(messageRouter(handlers, (sender) => offscreenSenderKind(sender, workerUrl)));
}
