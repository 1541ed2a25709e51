// Paints QR codes into an RGBA buffer the way they look in a screenshot: not on pure white, next to text-like
// blocks, with pixel noise and a module size that need not be a whole number of pixels.
// Shared by the QR decoder tests and tests/bench/qr.ts.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import QRCode from 'qrcode';
import { setZxingWasm, type RgbaImage } from '../../src/totp/qr/zxing';

export interface PlacedCode {
  text: string;
  /** Top-left corner of the code's quiet zone, in pixels. */
  x: number;
  y: number;
  /** Width of the code including its 4-module quiet zone, in pixels. */
  size: number;
}

/** Small deterministic PRNG (mulberry32), so every run paints the same image. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const QUIET_ZONE = 4;

export function renderScene(width: number, height: number, codes: PlacedCode[], seed = 1): RgbaImage {
  const next = random(seed);
  const data = new Uint8ClampedArray(width * height * 4);
  const setGray = (x: number, y: number, value: number) => {
    const i = (y * width + x) * 4;
    data[i] = value;
    data[i + 1] = value;
    data[i + 2] = Math.min(255, value + 12); // a slightly bluish page
    data[i + 3] = 255;
  };
  // Page background with noise.
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) setGray(x, y, 228 + Math.floor(next() * 20));
  }
  // Lines of "words": dark blocks of random width, like text.
  const unit = Math.max(1, Math.round(height / 1080));
  for (let line = 20 * unit; line < height - 20 * unit; line += 28 * unit) {
    let x = 30 * unit;
    while (x < width - 60 * unit) {
      const word = Math.floor((15 + next() * 70) * unit);
      const shade = 30 + Math.floor(next() * 60);
      for (let y = line; y < line + 12 * unit; y++) {
        for (let dx = 0; dx < word && x + dx < width; dx++) setGray(x + dx, y, shade);
      }
      x += word + Math.floor((6 + next() * 10) * unit);
    }
  }
  for (const code of codes) paintCode(code, setGray, next);
  return { data, width, height };
}

function paintCode(code: PlacedCode, setGray: (x: number, y: number, value: number) => void, next: () => number) {
  const modules = QRCode.create(code.text, { errorCorrectionLevel: 'M' }).modules;
  const count = modules.size + 2 * QUIET_ZONE;
  for (let py = 0; py < code.size; py++) {
    for (let px = 0; px < code.size; px++) {
      const row = Math.floor((py * count) / code.size) - QUIET_ZONE;
      const col = Math.floor((px * count) / code.size) - QUIET_ZONE;
      const inside = row >= 0 && col >= 0 && row < modules.size && col < modules.size;
      const dark = inside && modules.get(row, col) === 1;
      setGray(code.x + px, code.y + py, dark ? 20 + Math.floor(next() * 20) : 240 + Math.floor(next() * 15));
    }
  }
}

/** In Node the .wasm comes from node_modules (never from the network). */
export function useZxingWasmFromNodeModules(): void {
  const path = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
  setZxingWasm({ wasmBinary: Uint8Array.from(readFileSync(path)).buffer });
}
