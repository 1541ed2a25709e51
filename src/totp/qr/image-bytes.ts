// Images for the QR decoder, as bytes (ImageToDecode). Pure: no browser globals; the fetch is the caller's.
//
// The decoder never gets a URL: the worker turns a screenshot's data: URL into bytes here, and fetches a right-clicked
// image (http or https only, the srcUrl the browser gave with the menu click) before handing its bytes over.
import type { CropRect, ImageToDecode } from '../types';

/** The largest image decoded: a QR code needs far less, a screenshot of a 4K screen stays well under. */
export const MAX_IMAGE_BYTES = 16 * 1024 * 1024;
/** Base64 of MAX_IMAGE_BYTES. */
export const MAX_IMAGE_BASE64 = Math.ceil(MAX_IMAGE_BYTES / 3) * 4;

const DATA_URL = /^data:(image\/[a-z0-9.+-]+)(?:;[a-z0-9=.+-]*)*;base64,/i;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A base64 data: URL of an image (what tabs.captureVisibleTab returns, or a right-clicked data: image); else null. */
export function imageFromDataUrl(url: string, crop?: CropRect): ImageToDecode | null {
  const match = DATA_URL.exec(url);
  if (!match) return null;
  const base64 = url.slice(match[0].length);
  if (base64.length > MAX_IMAGE_BASE64 || !BASE64.test(base64)) return null;
  return { base64, type: match[1].toLowerCase(), ...(crop ? { crop } : {}) };
}

/** Whether the worker may fetch a right-clicked image's `srcUrl`: http or https, nothing else (no file:, no extension page). */
export function isFetchableImageUrl(url: string | undefined): url is string {
  if (!url) return false;
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** Bytes in base64, in slices: String.fromCharCode over a whole big array would overflow the stack. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The bytes of an ImageToDecode. */
export function fromBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Who sent a message to the offscreen document: the worker that opened it (no tab, the worker's own URL: a content
 * script's message has a tab, an extension page's another URL), or no one it answers.
 */
export function offscreenSenderKind(sender: { tab?: unknown; url?: string }, workerUrl: string | null): 'worker' | undefined {
  return sender.tab === undefined && !!workerUrl && sender.url === workerUrl ? 'worker' : undefined;
}

/** The image of a `qr-decode` request, if it is bytes within the cap (never a URL to fetch); else null. */
export function readImageToDecode(message: unknown): ImageToDecode | null {
  const image = (message as { image?: unknown } | null)?.image as Partial<ImageToDecode> | undefined;
  if (!image || typeof image !== 'object') return null;
  const { base64, type, crop } = image;
  if (typeof base64 !== 'string' || base64.length > MAX_IMAGE_BASE64 || !BASE64.test(base64)) return null;
  if (typeof type !== 'string' || !/^image\/[a-z0-9.+-]+$/i.test(type)) return null;
  if (crop !== undefined && !isCropRect(crop)) return null;
  return { base64, type, ...(crop ? { crop } : {}) };
}

function isCropRect(value: unknown): value is CropRect {
  if (!value || typeof value !== 'object') return false;
  const rect = value as Record<string, unknown>;
  return ['x', 'y', 'width', 'height', 'viewportWidth'].every((key) => typeof rect[key] === 'number' && Number.isFinite(rect[key]));
}
