import browser from 'webextension-polyfill';
import type { Answer, Request } from '../../protocol/messages';
import { workerOfOffscreenDocument } from '../../protocol/otp';
import { messageRouter, type HandlerMaps } from '../../protocol/router';
import { offscreenSenderKind, readImageToDecode } from './image-bytes';

// Chromium's offscreen document for QR decoding (see decoder.ts; the page is offscreen.html, its entry
// offscreen-main.ts). It answers `qr-decode` from the worker that opened it only: every extension message reaches
// this page too (the popup's among them), and the others are left to the background.

async function decode(request: Request<'qr-decode'>): Promise<Answer<'qr-decode'>> {
  // Bytes only: this page fetches nothing (see image-bytes.ts).
  const image = readImageToDecode(request);
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
  // The worker names itself in this page's URL when it opens it (src/protocol/otp.ts): known before any message.
  const workerUrl = workerOfOffscreenDocument(location.href);
  const handlers = { worker: { 'qr-decode': decode } } satisfies HandlerMaps;
  browser.runtime.onMessage.addListener(messageRouter(handlers, (sender) => offscreenSenderKind(sender, workerUrl)));
}
