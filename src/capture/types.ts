// The shapes every part agrees on: what a content script reports, and what the background keeps and the popup shows.
// Pure types: no browser globals, so logic over them is tested in Node.

/** A form kind as the content script sees it. `username` is the first step of a two-step login. */
export type FormKind = 'login' | 'signup' | 'change' | 'username';

/** What the popup shows; `totp` comes from a scanned QR code, the others from forms. */
export type CaptureKind = 'login' | 'signup' | 'change' | 'totp';

/**
 * What a content script reports when the user submits a form. It carries only what the user typed:
 * where it was typed (tab, frame, origin, URL) is taken by the background from the browser's sender, never from here.
 */
export interface SubmittedForm {
  kind: FormKind;
  username: string;
  /** login: the password typed; signup/change: the new password; username step: empty. */
  password: string;
  /** change: the current password typed, when the form had one. */
  oldPassword?: string;
}

/** An authenticator key read from an otpauth:// or otpauth-migration:// QR code, or typed in. */
export interface TotpKey {
  type: 'totp' | 'hotp';
  issuer: string;
  account: string;
  /** Normalised base32, upper case, no spaces or padding. */
  secret: string;
  algorithm: 'SHA1' | 'SHA256' | 'SHA512';
  digits: number;
  period?: number;
  counter?: number;
}

/** A pending capture, kept by the background until saved or dismissed. */
export interface Capture {
  id: string;
  kind: CaptureKind;
  tabId: number;
  frameId: number;
  /** The origin the values were typed into (the frame's own origin). */
  origin: string;
  /** The frame's URL without query or fragment. */
  url: string;
  /** The tab's top-level origin; differs from `origin` when the form was in a cross-origin frame. */
  topOrigin: string;
  username: string;
  password: string;
  oldPassword?: string;
  totp?: TotpKey;
  createdAt: number;
}
