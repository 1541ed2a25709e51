// What messages about authenticator keys carry (the messages themselves: src/protocol/messages.ts).

/** A part of a screenshot, in CSS pixels of a viewport `viewportWidth` CSS pixels wide. */
export interface CropRect {
  x: number;
  y: number;
  width: number;
  height: number;
  viewportWidth: number;
}

/** An image to decode: a URL the decoding page may fetch (data:, or http(s) with the host permission). */
export interface ImageToDecode {
  url: string;
  crop?: CropRect;
}

/** What the right-click menu reports, as `contextMenus.OnClickData` has it. */
export interface MenuClick {
  menuItemId: string | number;
  mediaType?: string;
  srcUrl?: string;
  frameId?: number;
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

/** The element under the last right-click, as the content script saw it. */
export interface ContextTarget {
  /** img, canvas, svg, or an element with a CSS background image. */
  element: 'img' | 'canvas' | 'svg' | 'background' | 'other';
  rect: CropRect;
}
