// The authenticator-key capability's own types: what the right-click menu and the page report, what a key card saves,
// and the images the QR decoder takes. The messages that carry them (src/protocol/messages.ts) import them from here.

/** A part of a screenshot, in CSS pixels of a viewport `viewportWidth` CSS pixels wide. */
export interface CropRect {
  x: number;
  y: number;
  width: number;
  height: number;
  viewportWidth: number;
}

/**
 * An image to decode, as bytes: never a URL. The decoding page (Chromium's offscreen document) fetches nothing; the
 * service worker reads a screenshot's data: URL or fetches a right-clicked image itself (src/totp/qr/image-bytes.ts).
 * Base64, because extension messages carry JSON only.
 */
export interface ImageToDecode {
  /** The file's bytes in base64. */
  base64: string;
  /** Its media type: `image/png`, `image/svg+xml`, … */
  type: string;
  crop?: CropRect;
}

/** What the right-click menu reports, as `contextMenus.OnClickData` has it. */
export interface MenuClick {
  menuItemId: string | number;
  mediaType?: string;
  srcUrl?: string;
  frameId?: number;
  /** The address of the frame clicked in, when not the top frame (the browser's word, not the page's). */
  frameUrl?: string;
}

/** A frame element of the top document: its box in the viewport (CSS pixels), and whose it is. */
export interface FrameBox {
  x: number;
  y: number;
  width: number;
  height: number;
  /** The top document can reach into it: the site's own frame. */
  sameOrigin: boolean;
  /** The host its address names ('' when it has none): for the card to say, not to decide on. */
  host: string;
}

/** The top frame's viewport and the frames drawn in it, as measured in the page (src/totp/in-page.ts). */
export interface FrameLayout {
  viewport: { width: number; height: number };
  frames: FrameBox[];
}

/** The values of an authenticator-key card when the user saves it. */
export interface TotpValues {
  /** 'new', or the identifier of the entry that gets the key. */
  target: string;
  secret: string;
  /** For a new entry only. */
  name: string;
  url: string;
  username: string;
  password: string;
}

/**
 * Where the top frame's content script keeps the element under the last right-click (a property of its document in
 * the content-script world, read by src/totp/in-page.ts).
 */
export const CONTEXT_TARGET_KEY = 'mysafeContextTarget';

/** The element under the last right-click and its box in the viewport. */
export interface ContextTarget {
  /** img, canvas, svg, or an element with a CSS background image. */
  element: 'img' | 'canvas' | 'svg' | 'background' | 'other';
  rect: CropRect;
}
