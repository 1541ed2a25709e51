import { describe, expect, it } from 'vitest';
import { cropBox } from '../../src/totp/qr/crop';

describe('cropBox', () => {
  it('maps CSS pixels onto a screenshot at devicePixelRatio 1, with a margin', () => {
    expect(cropBox({ x: 100, y: 50, width: 200, height: 200, viewportWidth: 1280 }, 1280, 800)).toEqual({ x: 92, y: 42, width: 216, height: 216 });
  });

  it('scales by the measured ratio: a 2× screenshot doubles every coordinate', () => {
    expect(cropBox({ x: 100, y: 50, width: 200, height: 200, viewportWidth: 1280 }, 2560, 1600)).toEqual({ x: 184, y: 84, width: 432, height: 432 });
  });

  it('keeps the box inside the image', () => {
    expect(cropBox({ x: -20, y: 700, width: 200, height: 300, viewportWidth: 1280 }, 1280, 800)).toEqual({ x: 0, y: 692, width: 188, height: 108 });
  });

  it('gives nothing for an element outside the screenshot or without a size', () => {
    expect(cropBox({ x: 10, y: 900, width: 100, height: 100, viewportWidth: 1280 }, 1280, 800)).toBeNull();
    expect(cropBox({ x: 10, y: 10, width: 0, height: 100, viewportWidth: 1280 }, 1280, 800)).toBeNull();
    expect(cropBox({ x: 10, y: 10, width: 10, height: 100, viewportWidth: 0 }, 1280, 800)).toBeNull();
  });
});
