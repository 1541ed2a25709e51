// QR decoding with ZXing-C++ compiled to WebAssembly (zxing-wasm). Pure: no browser globals, so Node tests and the
// bench drive the same code as the popup. Where the .wasm comes from is set by the caller (see decode.ts).
import { prepareZXingModule, readBarcodes, type ReaderOptions, type ZXingModuleOverrides } from 'zxing-wasm/reader';

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

const FIRST_PASS: ReaderOptions = { formats: ['QRCode'], maxNumberOfSymbols: MAX_CODES, tryHarder: true };

/**
 * Tried one after the other when the first pass finds nothing: a photo of a screen (moiré, glare, a skew). The first
 * pass already tries rotations, inversion and a downscaled copy (zxing-wasm's defaults); these change how the image is
 * made black and white, where a moiré's ripples and uneven light mislead the first pass's local threshold.
 */
const SECOND_PASS: ReaderOptions[] = [
  // One threshold for the whole image, from its histogram: ripples of moiré do not move it.
  { binarizer: 'GlobalHistogram' },
  // Mid-grey: where glare lifts a whole region, neither of the others finds an edge.
  { binarizer: 'FixedThreshold' },
  // A copy at half size (a moiré's fine ripples average out) and a closing filter against the screen's pixel grid.
  { downscaleFactor: 2, downscaleThreshold: 200, tryDenoise: true },
];
/**
 * How many pixels the second pass may read in all when the first finds nothing (the common case: a page without a
 * code), each attempt counting the whole image: a 1920×1080 or a 2560×1600 (1280×800 at DPR 2) screenshot gets every
 * attempt, a 3840×2160 one. Counted in pixels, not in measured time, so a busy computer decodes the same way.
 */
const SECOND_PASS_PIXELS = 3 * 2560 * 1600;

/** Every QR code found in the image, in reading order, each text once, with where it was drawn. */
export async function decodeQrCodes(image: RgbaImage): Promise<FoundCode[]> {
  const codes = await readCodes(image, FIRST_PASS);
  const attempts = Math.floor(SECOND_PASS_PIXELS / Math.max(1, image.width * image.height));
  for (const options of SECOND_PASS.slice(0, attempts)) {
    if (codes.length > 0) break;
    codes.push(...(await readCodes(image, { ...FIRST_PASS, ...options })));
  }
  return codes;
}

async function readCodes(image: RgbaImage, options: ReaderOptions): Promise<FoundCode[]> {
  const results = await readBarcodes(image as ImageData, options);
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
