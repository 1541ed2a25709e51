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

/** A QR code found in an image: its text, and where its centre is, as fractions of the image's width and height. */
export interface FoundCode {
  text: string;
  x: number;
  y: number;
}

/** Every QR code found in the image, in reading order, each text once, with where it was drawn. */
export async function decodeQrCodes(image: RgbaImage): Promise<FoundCode[]> {
  const results = await readBarcodes(image as ImageData, {
    formats: ['QRCode'],
    maxNumberOfSymbols: MAX_CODES,
    tryHarder: true,
  });
  const codes: FoundCode[] = [];
  for (const { isValid, text, position: p } of results) {
    if (!isValid || codes.some((code) => code.text === text)) continue;
    const x = (p.topLeft.x + p.topRight.x + p.bottomLeft.x + p.bottomRight.x) / 4 / image.width;
    const y = (p.topLeft.y + p.topRight.y + p.bottomLeft.y + p.bottomRight.y) / 4 / image.height;
    codes.push({ text, x, y });
  }
  return codes;
}

/** Every QR code text found in the image, in reading order, each once. */
export async function decodeQrTexts(image: RgbaImage): Promise<string[]> {
  return (await decodeQrCodes(image)).map((code) => code.text);
}
