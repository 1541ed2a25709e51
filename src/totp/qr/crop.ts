// Which pixels of a screenshot an element covers. Pure: shared by the decoder and its tests.
import type { CropRect } from '../types';

/** Room around the element, in CSS pixels, so a code drawn edge to edge keeps some quiet zone. */
const MARGIN_CSS_PX = 8;

export interface PixelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The element's box in the image's pixels. The scale is measured (image width / viewport width), not taken from
 * devicePixelRatio: that also covers page zoom and a screenshot the browser scaled. Clamped to the image; null when
 * nothing of the element is in it.
 */
export function cropBox(rect: CropRect, imageWidth: number, imageHeight: number): PixelBox | null {
  if (!(rect.viewportWidth > 0) || !(rect.width > 0) || !(rect.height > 0)) return null;
  const scale = imageWidth / rect.viewportWidth;
  const left = Math.max(0, Math.floor((rect.x - MARGIN_CSS_PX) * scale));
  const top = Math.max(0, Math.floor((rect.y - MARGIN_CSS_PX) * scale));
  const right = Math.min(imageWidth, Math.ceil((rect.x + rect.width + MARGIN_CSS_PX) * scale));
  const bottom = Math.min(imageHeight, Math.ceil((rect.y + rect.height + MARGIN_CSS_PX) * scale));
  if (right <= left || bottom <= top) return null;
  return { x: left, y: top, width: right - left, height: bottom - top };
}
