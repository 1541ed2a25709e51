import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readBarcodes } from 'zxing-wasm/reader';
import { decodeQrTexts } from '../../src/totp/qr/zxing';
import { readQrText } from '../../src/totp/otpauth';
import { renderScene, useZxingWasmFromNodeModules } from './qr-image';
import { PHOTO_URI, renderScreenPhoto, SCREEN_PHOTOS } from './qr-photo';

// Counts the decoder's passes: each is one readBarcodes call.
vi.mock('zxing-wasm/reader', async (importOriginal) => {
  const original = await importOriginal<typeof import('zxing-wasm/reader')>();
  return { ...original, readBarcodes: vi.fn(original.readBarcodes) };
});
const passes = vi.mocked(readBarcodes);

beforeAll(() => {
  useZxingWasmFromNodeModules();
});

describe('QR codes in photos of a screen', () => {
  for (const [name, photo] of Object.entries(SCREEN_PHOTOS)) {
    it(`finds the key in a photo: ${name}`, async () => {
      const image = renderScreenPhoto(photo);
      // What the first pass alone finds: nothing, so the photo needs the second pass.
      expect(await readBarcodes(image as ImageData, { formats: ['QRCode'], tryHarder: true })).toEqual([]);
      passes.mockClear();
      const texts = await decodeQrTexts(image);
      expect(texts).toEqual([PHOTO_URI]);
      expect(passes.mock.calls.length).toBeGreaterThan(1);
      expect(readQrText(texts[0])).toMatchObject({ keys: [{ issuer: 'Example', account: 'alice@example.com' }] });
    });
  }

  it('decodes a clean code in the first pass alone', async () => {
    passes.mockClear();
    expect(await decodeQrTexts(renderScene(1920, 1080, [{ text: PHOTO_URI, x: 1210, y: 430, size: 200 }]))).toEqual([PHOTO_URI]);
    expect(passes).toHaveBeenCalledTimes(1);
  });

  it('finds nothing on a page without codes, within a second pass bounded by pixels, not by the clock', async () => {
    passes.mockClear();
    expect(await decodeQrTexts(renderScene(1920, 1080, [], 6))).toEqual([]);
    // The first pass, then every second-pass attempt.
    expect(passes).toHaveBeenCalledTimes(4);
    passes.mockClear();
    expect(await decodeQrTexts(renderScene(3840, 2160, [], 6))).toEqual([]);
    // A 4K screenshot: the first pass and one attempt.
    expect(passes).toHaveBeenCalledTimes(2);
  });
});
