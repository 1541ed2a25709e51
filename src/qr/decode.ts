/// <reference types="vite/client" />
// The popup's QR decoder, loaded with import() only when the user scans: never part of the content script.
// The .wasm is bundled into the extension and loaded from the extension's own URL (the CSP allows
// 'wasm-unsafe-eval'); zxing-wasm's default of fetching it from a CDN is overridden here.
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { decodeQrTexts, setZxingWasm } from './zxing';

/** Every QR code text in an ImageData-like RGBA image (several codes per image). */
export { decodeQrTexts as decodeImageData, type RgbaImage } from './zxing';

setZxingWasm({
  locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path),
});

/** Decodes an image given as a Blob (a screenshot from captureVisibleTab, a pasted or dropped file). */
export async function decodeImageBlob(blob: Blob): Promise<string[]> {
  const bitmap = await createImageBitmap(blob);
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('2d canvas unavailable');
    context.drawImage(bitmap, 0, 0);
    return await decodeQrTexts(context.getImageData(0, 0, bitmap.width, bitmap.height));
  } finally {
    bitmap.close();
  }
}

/** Decodes an image at a URL, e.g. the data: URL that tabs.captureVisibleTab returns. */
export async function decodeImageUrl(url: string): Promise<string[]> {
  const response = await fetch(url);
  return decodeImageBlob(await response.blob());
}
