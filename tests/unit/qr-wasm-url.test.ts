// The popup's decoder entry must load the .wasm bundled in the extension, never zxing-wasm's CDN default.
import { describe, expect, it, vi } from 'vitest';

const prepared = vi.hoisted(() => [] as Array<{ overrides?: { locateFile?: (path: string, prefix: string) => string } }>);

vi.mock('zxing-wasm/reader', () => ({
  prepareZXingModule: (options: (typeof prepared)[number]) => prepared.push(options),
  readBarcodes: async () => [],
}));

describe('src/totp/qr/decode.ts', () => {
  it('points zxing-wasm at the bundled .wasm before any decoding', async () => {
    await import('../../src/totp/qr/decode');
    expect(prepared).toHaveLength(1);
    const locateFile = prepared[0].overrides?.locateFile;
    expect(locateFile).toBeTypeOf('function');
    const url = locateFile!('zxing_reader.wasm', 'https://fastly.jsdelivr.net/npm/zxing-wasm/dist/reader/');
    // Vite's ?url import: a path inside the package (dev/test) or the emitted asset (build), on the extension's origin.
    expect(url).toMatch(/^\/.*zxing_reader.*\.wasm$/);
    expect(url).not.toMatch(/^[a-z]+:/i);
  });
});
