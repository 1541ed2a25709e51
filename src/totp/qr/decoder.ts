import browser from 'webextension-polyfill';
import { send } from '../../protocol/messages';
import type { ImageToDecode } from '../../protocol/otp';

// Where the background decodes QR codes. The decoder (src/totp/qr, zxing-wasm) is loaded with import() on the first scan.
// A Chromium service worker may not import() at all, so there the decoding runs in an offscreen document
// (offscreen.html) for the time of one scan; Firefox's background is a page and imports the decoder itself.

const OFFSCREEN_PATH = 'src/totp/qr/offscreen.html';

// `chrome.offscreen` is Chromium's alone and not in webextension-polyfill: used directly where it exists.
const offscreen = typeof chrome !== 'undefined' ? chrome.offscreen : undefined;

let open: Promise<void> | undefined;
let users = 0;

async function openDocument(): Promise<void> {
  const existing = await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as chrome.runtime.ContextType] });
  if (existing.length > 0) return;
  await offscreen!.createDocument({
    url: OFFSCREEN_PATH,
    reasons: ['BLOBS' as chrome.offscreen.Reason],
    justification: 'Decode QR codes in a screenshot or image the user asked to scan',
  });
}

async function decodeOffscreen(image: ImageToDecode): Promise<string[]> {
  users++;
  try {
    open ??= openDocument().catch((error) => {
      open = undefined;
      throw error;
    });
    await open;
    const answer = await send(browser, { type: 'qr-decode', image });
    if (!answer?.texts) throw new Error(answer?.error ?? 'the decoder did not answer');
    return answer.texts;
  } finally {
    // The document is closed once no scan needs it: a scan is rare, and the decoder holds memory.
    if (--users === 0 && open) {
      open = undefined;
      await offscreen!.closeDocument().catch(() => {});
    }
  }
}

/** The texts of every QR code in the image (or in its cropped part). */
export async function decodeQrImage(image: ImageToDecode): Promise<string[]> {
  if (offscreen) return decodeOffscreen(image);
  const { decodeImage } = await import('./decode');
  return decodeImage(image);
}
