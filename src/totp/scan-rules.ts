// Scanning a tab for authenticator QR codes, the parts that need no browser: which pages the browser will not let an
// extension capture, and what a scan came to, in messages the popup translates. (Where a key goes: placement.ts.)
import type { OtpErrorCode, QrPreview, SkippedAccount } from './otpauth';
import type { KeyProvenance } from '../capture/types';
import type { FrameLayout } from './types';
import { hostOf, originOf, sameOrigin } from '../platform/origin';

/** Why a tab cannot be screenshot by an extension. */
export type ScanBlock = 'browser-page' | 'web-store' | 'pdf' | 'file-access' | 'no-page';

const BROWSER_SCHEMES = ['chrome:', 'chrome-extension:', 'chrome-search:', 'chrome-untrusted:', 'edge:', 'brave:', 'opera:', 'vivaldi:',
  'about:', 'moz-extension:', 'view-source:', 'devtools:', 'resource:', 'data:', 'blob:', 'javascript:'];
const STORE_HOSTS = ['chromewebstore.google.com', 'microsoftedge.microsoft.com', 'addons.mozilla.org', 'addons.opera.com'];

/**
 * Why the browser will refuse to capture `url`, or null when it may be captured. `fileAccess`: whether the user let
 * the extension read file:// pages (extension.isAllowedFileSchemeAccess).
 */
export function scanBlockReason(url: string | undefined, fileAccess: boolean): ScanBlock | null {
  if (!url) return 'no-page';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'no-page';
  }
  if (BROWSER_SCHEMES.includes(parsed.protocol)) return 'browser-page';
  if (STORE_HOSTS.includes(parsed.hostname)) return 'web-store';
  if (parsed.hostname === 'chrome.google.com' && parsed.pathname.startsWith('/webstore')) return 'web-store';
  // Chromium shows PDFs in its own viewer, which extensions cannot capture.
  if (/\.pdf$/i.test(parsed.pathname)) return 'pdf';
  if (parsed.protocol === 'file:') return fileAccess ? null : 'file-access';
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'browser-page';
  return null;
}

/** What one scan (or a key typed in) came to; the popup puts it into words. */
export interface ScanSummary {
  /** New authenticator-key captures. */
  added: number;
  /** Keys put on a pending login of the same site. */
  attached: number;
  /** Keys already pending (scanned before). */
  known: number;
  /** QR codes found that held no usable key: an error code each, and what a non-key code holds. */
  problems: Array<{ error: OtpErrorCode; preview?: QrPreview }>;
  /** Accounts of a Google Authenticator export that could not be used. */
  skipped: SkippedAccount[];
  /** Part `index + 1` of `size` of a split export. */
  batch?: { index: number; size: number };
  /** The page could not be scanned at all. */
  blocked?: ScanBlock | 'capture-failed';
  /** How many QR codes the image held. */
  codes: number;
}

export function emptySummary(): ScanSummary {
  return { added: 0, attached: 0, known: 0, problems: [], skipped: [], codes: 0 };
}

/** A locale message (public/_locales) with its substitutions. */
export interface ScanMessage {
  key: string;
  substitutions?: string[];
}

const BLOCK_KEYS: Record<NonNullable<ScanSummary['blocked']>, string> = {
  'browser-page': 'scanBlockedBrowserPage',
  'web-store': 'scanBlockedWebStore',
  pdf: 'scanBlockedPdf',
  'file-access': 'scanBlockedFileAccess',
  'no-page': 'scanBlockedNoPage',
  'capture-failed': 'scanCaptureFailed',
};

const OTP_ERROR_KEYS: Record<OtpErrorCode, string> = {
  'invalid-secret': 'otpErrInvalidSecret',
  'short-secret': 'otpErrShortSecret',
  'missing-secret': 'otpErrMissingSecret',
  'unknown-type': 'otpErrUnknownType',
  'unsupported-algorithm': 'otpErrUnsupportedAlgorithm',
  'invalid-uri': 'otpErrInvalidUri',
  'invalid-migration': 'otpErrInvalidMigration',
  'not-authenticator': 'scanNotKey',
};

const PREVIEW_KEYS: Record<QrPreview['kind'], string> = {
  url: 'qrKindUrl',
  wifi: 'qrKindWifi',
  email: 'qrKindEmail',
  phone: 'qrKindPhone',
  sms: 'qrKindSms',
  contact: 'qrKindContact',
  geo: 'qrKindGeo',
  text: 'qrKindText',
};

/** One message per problem; a code that is not a key says what it holds (its kind is the message key `kindKey`). */
function problemMessage(problem: ScanSummary['problems'][number]): ScanMessage & { kindKey?: string } {
  if (problem.error === 'not-authenticator' && problem.preview?.text) {
    return { key: 'scanNotKeyHolds', kindKey: PREVIEW_KEYS[problem.preview.kind], substitutions: [problem.preview.text] };
  }
  return { key: OTP_ERROR_KEYS[problem.error] };
}

/**
 * What the popup says after a scan, in order. `ok` is false when no key came of it. A `kindKey` is a message to be
 * translated first and put before the substitutions (what a non-key QR code holds: "a link", "a Wi-Fi network").
 */
export function scanMessages(summary: ScanSummary): { ok: boolean; messages: Array<ScanMessage & { kindKey?: string }> } {
  if (summary.blocked) return { ok: false, messages: [{ key: BLOCK_KEYS[summary.blocked] }] };
  const messages: Array<ScanMessage & { kindKey?: string }> = [];
  const keys = summary.added + summary.attached + summary.known;
  if (summary.codes === 0 && keys === 0 && summary.problems.length === 0) messages.push({ key: 'scanNoCode' });
  if (summary.added) messages.push({ key: 'scanAdded', substitutions: [String(summary.added)] });
  if (summary.attached) messages.push({ key: 'scanAttached', substitutions: [String(summary.attached)] });
  if (summary.known) messages.push({ key: 'scanKnown', substitutions: [String(summary.known)] });
  const seen = new Set<string>();
  for (const problem of summary.problems) {
    const message = problemMessage(problem);
    const id = JSON.stringify(message);
    if (!seen.has(id)) messages.push(message);
    seen.add(id);
  }
  if (summary.skipped.length) messages.push({ key: 'scanSkipped', substitutions: [String(summary.skipped.length)] });
  if (summary.batch) messages.push({ key: 'scanBatch', substitutions: [String(summary.batch.index + 1), String(summary.batch.size)] });
  return { ok: keys > 0, messages };
}

/**
 * Who drew a code found at (`x`, `y`) (fractions of the screenshot, which is the top frame's viewport): a frame of
 * another origin when the point falls inside one, else the page; unknown when the page was not measured.
 */
export function provenanceAt(code: { x: number; y: number }, layout: FrameLayout | null): KeyProvenance {
  if (!layout) return { drawnBy: 'unknown' };
  const x = code.x * layout.viewport.width;
  const y = code.y * layout.viewport.height;
  const frame = layout.frames.find((f) => !f.sameOrigin && x >= f.x && x <= f.x + f.width && y >= f.y && y <= f.y + f.height);
  return frame ? { drawnBy: 'frame', host: frame.host } : { drawnBy: 'page' };
}

/** A right-click in a frame: the page's own when the frame is of the tab's origin (both as the browser reports them). */
export function provenanceOfFrame(frameUrl: string | undefined, tabUrl: string | undefined): KeyProvenance {
  if (!frameUrl || !originOf(frameUrl)) return { drawnBy: 'unknown' };
  return tabUrl && sameOrigin(frameUrl, tabUrl) ? { drawnBy: 'page' } : { drawnBy: 'frame', host: hostOf(frameUrl) };
}
