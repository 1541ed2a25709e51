import type { ImageToDecode } from '../types';
import type { FoundCode } from './zxing';

// Chromium's offscreen document that decodes QR codes (src/offscreen/): where it is, whom it answers, and what the
// worker asks it (decoder.ts sends it; the message table, src/protocol/messages.ts, takes its types from here).

/** The offscreen document, by its path in the extension. */
export const OFFSCREEN_DOCUMENT_PATH = 'src/offscreen/index.html';

/**
 * The offscreen document's URL as the worker opens it: it names the worker, the one sender the document answers (by
 * the `sender.url` of the worker's messages).
 */
export function offscreenDocumentUrl(workerUrl: string): string {
  return `${OFFSCREEN_DOCUMENT_PATH}?worker=${encodeURIComponent(workerUrl)}`;
}

/** The worker an offscreen document answers, from the document's own URL; null when it names none. */
export function workerOfOffscreenDocument(documentUrl: string): string | null {
  return new URL(documentUrl).searchParams.get('worker');
}

/** The worker's request to the offscreen document: the QR codes of an image. */
export interface QrDecodeRequest {
  type: 'qr-decode';
  image: ImageToDecode;
}

/** The offscreen document's answer: the codes found, with where each was drawn, or why there are none. */
export interface QrDecodeAnswer {
  codes?: FoundCode[];
  error?: string;
}
