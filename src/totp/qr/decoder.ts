import browser from 'webextension-polyfill';
import type { CropRect, ImageToDecode } from '../types';
import { offscreenDocumentUrl, type QrDecodeAnswer, type QrDecodeRequest } from './offscreen-document';
import { imageFromDataUrl, isFetchableImageUrl, MAX_IMAGE_BYTES, toBase64 } from './image-bytes';
import type { FoundCode } from './zxing';

// Where the background decodes QR codes. The decoder (src/totp/qr, zxing-wasm) is loaded with import() on the first scan.
// A Chromium service worker may not import() at all, so there the decoding runs in an offscreen document
// (src/offscreen/) for the time of one scan; Firefox's background is a page and imports the decoder itself.

// `chrome.offscreen` is Chromium's alone and not in webextension-polyfill: used directly where it exists.
const offscreen = typeof chrome !== 'undefined' ? chrome.offscreen : undefined;

let open: Promise<void> | undefined;
let users = 0;

async function openDocument(): Promise<void> {
  const existing = await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as chrome.runtime.ContextType] });
  if (existing.length > 0) return;
  await offscreen!.createDocument({
    // The document answers this worker only: its messages' sender.url is the worker's script URL.
    url: offscreenDocumentUrl(self.location.href),
    reasons: ['BLOBS' as chrome.offscreen.Reason],
    justification: 'Decode QR codes in a screenshot or image the user asked to scan',
  });
}

async function decodeOffscreen(image: ImageToDecode): Promise<FoundCode[]> {
  users++;
  try {
    open ??= openDocument().catch((error) => {
      open = undefined;
      throw error;
    });
    await open;
    const request: QrDecodeRequest = { type: 'qr-decode', image };
    const answer = (await browser.runtime.sendMessage(request)) as QrDecodeAnswer | undefined;
    if (!answer?.codes) throw new Error(answer?.error ?? 'the decoder did not answer');
    return answer.codes;
  } finally {
    // The document is closed once no scan needs it: a scan is rare, and the decoder holds memory.
    if (--users === 0 && open) {
      open = undefined;
      await offscreen!.closeDocument().catch(() => {});
    }
  }
}

/** Every QR code in the image (or in its cropped part), with where it was drawn. */
export async function decodeQrImage(image: ImageToDecode): Promise<FoundCode[]> {
  if (offscreen) return decodeOffscreen(image);
  const { decodeImage } = await import('./decode');
  return decodeImage(image);
}

/** The QR codes of a screenshot (tabs.captureVisibleTab's data: URL), or of the part `crop` names. */
export async function decodeScreenshot(dataUrl: string, crop?: CropRect): Promise<FoundCode[]> {
  const image = imageFromDataUrl(dataUrl, crop);
  if (!image) throw new Error('not an image');
  return decodeQrImage(image);
}

/**
 * The QR codes of a right-clicked image: the `srcUrl` the browser gave with the menu click. A data: image is read
 * as it is; an http(s) one is fetched here, in the worker (with the host permission, so a cross-origin image works
 * too), and only its bytes go to the decoder. Any other scheme (file:, an extension page) is never fetched.
 */
export async function decodeImageAt(srcUrl: string): Promise<FoundCode[]> {
  const inline = imageFromDataUrl(srcUrl);
  if (inline) return decodeQrImage(inline);
  if (!isFetchableImageUrl(srcUrl)) throw new Error('not an image URL');
  const response = await fetch(srcUrl);
  // The status is not told: an answer would make the decoder an oracle for intranet URLs.
  if (!response.ok) throw new Error('image not loaded');
  const type = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (!type.startsWith('image/')) throw new Error('not an image');
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > MAX_IMAGE_BYTES) throw new Error('image too large');
  return decodeQrImage({ base64: toBase64(bytes), type });
}
