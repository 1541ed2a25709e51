// The shapes every part agrees on: what a content script reports, and what the background keeps and the popup shows.
// Pure types: no browser globals, so logic over them is tested in Node.
import type { UiError } from '../errors';

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
  /**
   * change: no words told the current password from the new one, so `oldPassword` (the first typed) and `password`
   * are in field order, a guess: the card asks which is the new one.
   */
  orderGuessed?: true;
  /**
   * login or signup from one password: the page said little either way (see `resolvePasswords` in
   * src/capture/fields/form.ts), so `kind` is a guess: the card asks "login or new account?".
   */
  kindGuessed?: true;
  /**
   * login: a lone current-password field was sent with no account name typed beside it. It may be the current-password
   * step of a password change in steps, whose new-password step follows (src/capture/steps.ts joins them).
   */
  step?: 'current-password';
}

/**
 * Where a scanned key was drawn: by the page itself, inside a frame of another origin (the host its address names),
 * or nobody can tell (no content script measured the page). Only a key the page drew may join its pending login or
 * preselect one of its entries; a key typed by hand has none and counts as the page's.
 */
export type KeyProvenance = { drawnBy: 'page' } | { drawnBy: 'frame'; host: string } | { drawnBy: 'unknown' };

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
  provenance?: KeyProvenance;
  /** The site the issuer names when it is not the page's (src/totp/issuer.ts); the card says so. */
  issuerElsewhere?: string;
}

/** What the popup sends when the user saves a capture: the card's values as edited. */
export interface EntryValues {
  name: string;
  url: string;
  username: string;
  password: string;
  notes: string;
  tags: string;
  /** 'new', or the identifier of the entry to update. */
  target: string;
  /** An authenticator key (base32) scanned for this login: saved as the entry's secret_key. */
  secretKey?: string;
  /** Sharing; left out: not edited. */
  users_allowed?: { username: string; can_edit?: boolean }[];
  groups_allowed?: { name: string; can_edit?: boolean }[];
}

/** What a save sends: the card's values; a field left out is not touched (a key card sends only `secretKey`). */
export type SaveValues = Partial<EntryValues> & { target: string };

/**
 * Where a capture is in its life, changed only through transition() of src/capture/store.ts:
 * pending → saving → saved, or → queued (MySafe could not be reached: the background tries again by itself at
 * `nextAt`) → saving …, or → failed (the user reads why and may save again). A capture leaves the store only when the
 * user dismisses it (or its site becomes a never-site), or a while after it was saved.
 *
 * `maybeApplied` (saving, queued, failed): the values of every create sent for this capture that may have reached
 * MySafe (a timeout, a gateway error, a lost or unreadable answer, a worker stopped mid-save). Before creating again,
 * the save looks for each of them, so a name edited since cannot make a second entry.
 */
export type CaptureState =
  | { status: 'pending' }
  | { status: 'saving'; values: SaveValues; maybeApplied: SaveValues[] }
  | { status: 'queued'; values: SaveValues; attempt: number; nextAt: number; error: UiError; maybeApplied: SaveValues[] }
  | { status: 'failed'; error: UiError; maybeApplied: SaveValues[] }
  /**
   * `seen`: a popup has listed it. A save the user watched is seen at once; one made by a background retry is listed
   * by the next popup opened, once (the background marks it seen then), and no popup opened later shows it.
   */
  | { status: 'saved'; identifier: string; at: number; seen: boolean };

export type CaptureStatus = CaptureState['status'];

/** A capture, kept by the background until saved or dismissed. */
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
  /** As in SubmittedForm: which of `password` and `oldPassword` is the new one is for the user to say. */
  orderGuessed?: true;
  /** As in SubmittedForm: login or signup is for the user to say; the card preselects `kind`. */
  kindGuessed?: true;
  totp?: TotpKey;
  createdAt: number;
  state: CaptureState;
}

/** A capture as it is reported, before the store gives it its state. */
export type NewCapture = Omit<Capture, 'state'>;
