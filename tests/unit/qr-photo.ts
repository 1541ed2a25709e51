// Paints a QR code the way a phone's camera sees another phone's screen showing it: the screen's pixel grid with its
// red, green and blue stripes and dark gaps (the screen door), seen at an angle (a perspective skew and a slight
// rotation) and sampled at about the grid's own pitch, so the grid beats against the camera's pixels (moiré); then
// lens blur, a glare and a vignette (uneven lighting) and sensor noise. Deterministic: the same options paint the
// same image. Shared by the QR decoder tests, tests/bench/qr.ts and the browser test.
import QRCode from 'qrcode';
import type { RgbaImage } from '../../src/totp/qr/zxing';
import { random } from './qr-image';

export interface ScreenPhoto {
  text: string;
  /** Size of the photo, in camera pixels. */
  width: number;
  height: number;
  /** Screen pixels per QR module. */
  module: number;
  /** Where the corners of the code with its quiet zone (top-left, top-right, bottom-right, bottom-left) land in the photo. */
  corners: [number, number][];
  /** Light modules on a dark background, as an authenticator app's dark theme shows them. */
  inverted?: boolean;
  /** Where the glare is (fractions of the photo) and how strong (1: white at its centre). */
  glare?: { x: number; y: number; strength: number };
  /** Width in pixels over which each pixel gathers light (default 1.6): the wider, the weaker the moiré. */
  footprint?: number;
  /** Box-blur passes of radius 1 (the lens out of focus). */
  blur?: number;
  /** Standard deviation of the sensor noise, in 0–255 levels. */
  noise?: number;
  seed?: number;
}

const QUIET_ZONE = 4;
/** Fraction of a screen pixel, and of each colour stripe, that gives light: the rest is the dark screen door. */
const FILL = 0.7;
/** The phone's screen around the code (the app), and its bezel, as fractions of the code's side. */
const SCREEN_MARGIN = 0.35;
const BEZEL = 0.1;

/**
 * The perspective map from a photo pixel to the code's square, (0,0) top-left to (1,1) bottom-right: the inverse of
 * the homography that sends the unit square onto `corners` (Heckbert's square-to-quad).
 */
function photoToSquare(corners: [number, number][]): (x: number, y: number) => [number, number] {
  const [[x0, y0], [x1, y1], [x2, y2], [x3, y3]] = corners;
  const dx1 = x1 - x2, dx2 = x3 - x2, dy1 = y1 - y2, dy2 = y3 - y2;
  const sx = x0 - x1 + x2 - x3, sy = y0 - y1 + y2 - y3;
  const det = dx1 * dy2 - dx2 * dy1;
  const g = (sx * dy2 - dx2 * sy) / det;
  const h = (dx1 * sy - sx * dy1) / det;
  const [a, b, c] = [x1 - x0 + g * x1, x3 - x0 + h * x3, x0];
  const [d, e, f] = [y1 - y0 + g * y1, y3 - y0 + h * y3, y0];
  // The adjugate of [[a b c] [d e f] [g h 1]]: its inverse up to a scale the division removes.
  const [A, B, C] = [e - f * h, c * h - b, b * f - c * e];
  const [D, E, F] = [f * g - d, a - c * g, c * d - a * f];
  const [G, H, I] = [d * h - e * g, b * g - a * h, a * e - b * d];
  return (x, y) => {
    const w = G * x + H * y + I;
    return [(A * x + B * y + C) / w, (D * x + E * y + F) / w];
  };
}

export function renderScreenPhoto(photo: ScreenPhoto): RgbaImage {
  const { width, height } = photo;
  const next = random(photo.seed ?? 1);
  const modules = QRCode.create(photo.text, { errorCorrectionLevel: 'M' }).modules;
  const count = modules.size + 2 * QUIET_ZONE;
  const side = count * photo.module; // the code's side in screen pixels
  const [dark, light] = photo.inverted ? [0.93, 0.07] : [0.04, 0.95];
  const level = (sx: number, sy: number): number => {
    const row = Math.floor(sy / photo.module) - QUIET_ZONE;
    const col = Math.floor(sx / photo.module) - QUIET_ZONE;
    const inside = row >= 0 && col >= 0 && row < modules.size && col < modules.size;
    return inside && modules.get(row, col) === 1 ? dark : light;
  };
  // Lit stripes are FILL² of a pixel's area, each channel a third of that: the gain makes a full-on pixel read ~0.9.
  const gain = (0.9 * 3) / (FILL * FILL);
  const toSquare = photoToSquare(photo.corners);
  const rgb = new Float32Array(width * height * 3);
  // 4×4 samples over a footprint wider than a pixel (the lens and the sensor's low-pass filter): the screen's grid is
  // softened but not removed, and what is left beats against the pixel grid as moiré.
  const footprint = photo.footprint ?? 1.6;
  const SUB = [0, 1, 2, 3].map((k) => 0.5 + (k / 3 - 0.5) * footprint);
  const share = 1 / SUB.length ** 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      for (const dy of SUB) {
        for (const dx of SUB) {
          const [u, v] = toSquare(x + dx, y + dy);
          const out = Math.max(-u, u - 1, -v, v - 1); // how far outside the code's square, in code sides
          if (out > SCREEN_MARGIN + BEZEL) {
            // A desk: brownish, lit from the top left.
            const shade = 0.55 - 0.2 * ((x / width + y / height) / 2);
            rgb[o] += shade * 1.1 * share;
            rgb[o + 1] += shade * 0.9 * share;
            rgb[o + 2] += shade * 0.7 * share;
          } else if (out > SCREEN_MARGIN) {
            for (let ch = 0; ch < 3; ch++) rgb[o + ch] += 0.02 * share;
          } else {
            const sx = u * side;
            const sy = v * side;
            const fx = sx - Math.floor(sx);
            const fy = sy - Math.floor(sy);
            const stripe = fx * 3;
            const channel = Math.floor(stripe);
            if (fy < FILL && stripe - channel < FILL) rgb[o + channel] += level(sx, sy) * gain * share;
          }
        }
      }
    }
  }
  for (let pass = 0; pass < (photo.blur ?? 0); pass++) boxBlur(rgb, width, height);
  const data = new Uint8ClampedArray(width * height * 4);
  const glare = photo.glare ?? { x: 0, y: 0, strength: 0 };
  const sigma = photo.noise ?? 0;
  const radius = Math.hypot(width, height) / 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const vignette = 1 - 0.45 * (Math.hypot(x - width / 2, y - height / 2) / radius) ** 2;
      const g = glare.strength * Math.exp(-((x / width - glare.x) ** 2 + (y / height - glare.y) ** 2) / 0.03);
      for (let ch = 0; ch < 3; ch++) {
        // Sum of three uniforms: close enough to a Gaussian for sensor noise.
        const noise = sigma * (next() + next() + next() - 1.5) * 2;
        data[i * 4 + ch] = (rgb[i * 3 + ch] * vignette + g) * 255 + noise;
      }
      data[i * 4 + 3] = 255;
    }
  }
  return { data, width, height };
}

/** One box blur of radius 1 over each channel, in place (edges clamped). */
function boxBlur(rgb: Float32Array, width: number, height: number): void {
  const copy = rgb.slice();
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let ch = 0; ch < 3; ch++) {
        let sum = 0;
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const xx = Math.min(width - 1, Math.max(0, x + dx));
            const yy = Math.min(height - 1, Math.max(0, y + dy));
            sum += copy[(yy * width + xx) * 3 + ch];
          }
        }
        rgb[(y * width + x) * 3 + ch] = sum / 9;
      }
    }
  }
}

/** An authenticator key, as a setup page's QR code holds it. */
export const PHOTO_URI = 'otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Example';

const photo = (options: Omit<ScreenPhoto, 'text' | 'width' | 'height' | 'noise' | 'blur'>): ScreenPhoto => ({
  text: PHOTO_URI,
  width: 640,
  height: 480,
  noise: 6,
  blur: 1,
  ...options,
});

/**
 * Photos of a phone's screen that the decoder's first pass misses (checked by tests/unit/qr-photo.test.ts), each
 * found by another attempt of the second pass.
 */
export const SCREEN_PHOTOS: Record<string, ScreenPhoto> = {
  'skewed, with moiré': photo({ module: 6, footprint: 1.6, seed: 1, corners: [[170, 90], [470, 110], [490, 400], [150, 380]] }),
  'skewed, with moiré and glare': photo({ module: 5, footprint: 1.9, seed: 33, glare: { x: 0.44, y: 0.58, strength: 0.33 }, corners: [[192, 105], [481, 103], [465, 400], [176, 363]] }),
  'dark theme (inverted), skewed, with moiré': photo({ module: 8, footprint: 1.9, seed: 7, inverted: true, corners: [[155, 118], [474, 135], [469, 380], [178, 391]] }),
};
