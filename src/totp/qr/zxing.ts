// QR decoding with ZXing-C++ compiled to WebAssembly (zxing-wasm). Pure: no browser globals, so Node tests and the
// bench drive the same code as the popup. Where the .wasm comes from is set by the caller (see decode.ts).
import { prepareZXingModule, readBarcodes, type ZXingModuleOverrides } from 'zxing-wasm/reader';

/** The shape of a DOM ImageData: RGBA bytes, row by row. */
export interface RgbaImage {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** More than any page shows at once; a Google Authenticator export of many accounts spans several codes. */
const MAX_CODES = 16;

/**
 * Tells zxing-wasm where its .wasm is. Without this it fetches the file from a CDN, which the extension must never do,
 * so every entry point calls this before decoding.
 */
export function setZxingWasm(overrides: ZXingModuleOverrides): void {
  prepareZXingModule({ overrides });
}

/** Every QR code text found in the image, in reading order, each once. */
export async function decodeQrTexts(image: RgbaImage): Promise<string[]> {
  const results = await readBarcodes(image as ImageData, {
    formats: ['QRCode'],
    maxNumberOfSymbols: MAX_CODES,
    tryHarder: true,
  });
  const texts = results.filter((result) => result.isValid).map((result) => result.text);
  return [...new Set(texts)];
}
