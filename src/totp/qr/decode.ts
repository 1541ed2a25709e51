/// <reference types="vite/client" />
// The QR decoder of the extension's pages, loaded with import() only when the user scans: never part of the content
// script. The .wasm is bundled into the extension and loaded from the extension's own URL (the CSP allows
// 'wasm-unsafe-eval'); zxing-wasm's default of fetching it from a CDN is overridden here.
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import type { ImageToDecode } from '../types';
import { cropBox, type PixelBox } from './crop';
import { fromBase64 } from './image-bytes';
import { decodeQrCodes, setZxingWasm, type FoundCode } from './zxing';

setZxingWasm({
  locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path),
});

/**
 * Decodes an image given as a Blob, or the part of it that `crop` names; positions are fractions of the whole image.
 */
async function decodeImageBlob(blob: Blob, crop?: ImageToDecode['crop']): Promise<FoundCode[]> {
  const bitmap = await toBitmap(blob);
  try {
    const box: PixelBox | null = crop ? cropBox(crop, bitmap.width, bitmap.height) : { x: 0, y: 0, width: bitmap.width, height: bitmap.height };
    if (!box) return [];
    const canvas = new OffscreenCanvas(box.width, box.height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('2d canvas unavailable');
    // A transparent image (a PNG code on a page's white) must read as dark on light, not dark on black.
    context.fillStyle = '#fff';
    context.fillRect(0, 0, box.width, box.height);
    context.drawImage(bitmap, box.x, box.y, box.width, box.height, 0, 0, box.width, box.height);
    const codes = await decodeQrCodes(context.getImageData(0, 0, box.width, box.height));
    return codes.map(({ text, x, y }) => ({
      text,
      x: (box.x + x * box.width) / bitmap.width,
      y: (box.y + y * box.height) / bitmap.height,
    }));
  } finally {
    bitmap.close();
  }
}

/**
 * createImageBitmap reads PNG, JPEG, GIF and WebP; an SVG image needs an <img> to be drawn, which only a document
 * has (the offscreen document, a Firefox background page).
 */
async function toBitmap(blob: Blob): Promise<ImageBitmap> {
  try {
    return await createImageBitmap(blob);
  } catch (error) {
    if (typeof Image === 'undefined') throw error;
    const url = URL.createObjectURL(blob);
    try {
      const image = new Image();
      image.src = url;
      await image.decode();
      // SVGs without a size get the browser's default; draw them large enough for a decoder.
      const width = image.naturalWidth || 600;
      const height = image.naturalHeight || 600;
      return await createImageBitmap(image, { resizeWidth: width, resizeHeight: height });
    } finally {
      URL.revokeObjectURL(url);
    }
  }
}

/** Decodes an image given as bytes (never a URL: nothing is fetched here). */
export async function decodeImage(image: ImageToDecode): Promise<FoundCode[]> {
  return decodeImageBlob(new Blob([fromBase64(image.base64) as BlobPart], { type: image.type }), image.crop);
}
