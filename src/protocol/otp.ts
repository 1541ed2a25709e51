// Messages about authenticator keys between the extension's pages and the background, and the background's request
// to the page that decodes images. Like src/protocol/ui.ts, the background accepts them only from its own pages.
import type { Result } from './ui';
import type { ScanSummary } from '../totp/scan-rules';

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

export type OtpRequest =
  /** Screenshot the tab (the visible one of its window, or made so for a moment) and read its QR codes. */
  | { type: 'otp-scan-tab'; tabId: number }
  /** A key typed or pasted in the popup, for the tab's site. */
  | { type: 'otp-add-manual'; tabId: number; text: string }
  | { type: 'otp-save'; id: string; values: TotpValues }
  /** The last scan made from the right-click menu on this tab, for the popup to show what it found. */
  | { type: 'otp-last-scan'; tabId: number }
  /**
   * The right-click menu's handler, for extension pages: browser tests cannot click the browser's own menu, so they
   * hand the background the click data the menu would.
   */
  | { type: 'otp-menu-click'; tabId: number; click: MenuClick };

export interface OtpResponses {
  'otp-scan-tab': ScanSummary;
  'otp-add-manual': ScanSummary;
  'otp-save': Result<{ identifier: string }>;
  'otp-last-scan': ScanSummary | null;
  'otp-menu-click': ScanSummary;
}

const OTP_TYPES = ['otp-scan-tab', 'otp-add-manual', 'otp-save', 'otp-last-scan', 'otp-menu-click'];

export function isOtpRequest(value: unknown): value is OtpRequest {
  return !!value && typeof value === 'object' && OTP_TYPES.includes((value as { type?: unknown }).type as string);
}

/** The background asks its decoding page (Chromium's offscreen document) for the QR code texts of an image. */
export interface DecodeRequest {
  type: 'qr-decode';
  image: ImageToDecode;
}

export function isDecodeRequest(value: unknown): value is DecodeRequest {
  return !!value && typeof value === 'object' && (value as { type?: unknown }).type === 'qr-decode';
}

/** The background asks a tab's content script what the user last right-clicked. */
export interface ContextTargetRequest {
  type: 'qr-context-target';
}

/** The background asks a tab it made active for a screenshot to say when it has painted. */
export interface PaintedRequest {
  type: 'qr-painted';
}

/** The element under the last right-click, as the content script saw it. */
export interface ContextTarget {
  /** img, canvas, svg, or an element with a CSS background image. */
  element: 'img' | 'canvas' | 'svg' | 'background' | 'other';
  rect: CropRect;
}
