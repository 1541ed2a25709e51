// Authenticator keys from QR code texts and manual entry, and the live code of a key. Pure: no browser globals.
// otpauth:// URIs are parsed by the `otpauth` library; otpauth-migration:// exports by ./otp-migration.
// Results carry error kinds, never sentences: their words are in the locale files only (src/totp/scan-rules.ts).
import { normaliseSecret } from '../capture/same';
import { Secret, TOTP, URI } from 'otpauth';
import type { TotpKey } from '../capture/types';
import { Algorithm, DigitCount, OtpType, decodeMigrationUri, type MigrationAccount } from './migration';

export type OtpErrorCode =
  /** The secret is not base32. */
  | 'invalid-secret'
  /** A secret typed in by hand, base32 but shorter than a key may be (MIN_SECRET_CHARS). */
  | 'short-secret'
  /** An otpauth:// URI without a secret. */
  | 'missing-secret'
  /** otpauth://<type>/ with a type other than totp or hotp. */
  | 'unknown-type'
  /** An algorithm other than SHA1, SHA256 or SHA512. */
  | 'unsupported-algorithm'
  /** An otpauth:// URI that is malformed otherwise (label, digits, period, counter). */
  | 'invalid-uri'
  /** An otpauth-migration:// URI whose payload cannot be decoded, or that holds no account. */
  | 'invalid-migration'
  /** A QR code (or pasted text) that is something else: a link, Wi-Fi settings, text… `preview` says what. */
  | 'not-authenticator';

export type QrContentKind = 'url' | 'wifi' | 'email' | 'phone' | 'sms' | 'contact' | 'geo' | 'text';

/** What a non-authenticator QR code holds, shortened and without any password or query string. */
export interface QrPreview {
  kind: QrContentKind;
  text: string;
}

export interface OtpReadError {
  error: OtpErrorCode;
  preview?: QrPreview;
}

/** An account of a Google Authenticator export that was left out, and why. */
export interface SkippedAccount {
  issuer: string;
  account: string;
  error: OtpErrorCode;
}

export interface OtpKeys {
  keys: TotpKey[];
  /** Accounts of an export that could not be used (e.g. MD5); the others are still in `keys`. */
  skipped?: SkippedAccount[];
  /** Google Authenticator splits large exports: this was code `index + 1` of `size`. */
  batch?: { index: number; size: number };
}

export type OtpReadResult = OtpKeys | OtpReadError;

export function isOtpError(result: OtpReadResult): result is OtpReadError {
  return 'error' in result;
}

const DEFAULT_PERIOD = 30;
const DEFAULT_DIGITS = 6;
/**
 * A key typed in by hand must have at least 10 bytes (16 base32 characters), as Google Authenticator asks, so a stray
 * word is not taken for a key. Keys from QR codes are not held to it: the site chose them and other apps accept them.
 */
const MIN_SECRET_CHARS = 16;
const PREVIEW_CHARS = 60;
const ALGORITHMS: Record<string, TotpKey['algorithm']> = { SHA1: 'SHA1', SHA256: 'SHA256', SHA512: 'SHA512' };

function fail(error: OtpErrorCode, preview?: QrPreview): OtpReadError {
  return preview ? { error, preview } : { error };
}

/** Parses an otpauth://totp/… or otpauth://hotp/… URI. */
function parseOtpauthUri(uri: string): OtpReadResult {
  const text = uri.trim();
  const type = /^otpauth:\/\/([^/?#]*)/i.exec(text)?.[1].toLowerCase();
  if (type === undefined) return fail('invalid-uri');
  if (type !== 'totp' && type !== 'hotp') return fail('unknown-type');

  const query = text.indexOf('?');
  const params = query < 0 ? [] : text.slice(query + 1).split('&');
  const secretParam = params.find((param) => /^secret=/i.test(param));
  const rawSecret = secretParam ? safeDecode(secretParam.slice('secret='.length)) : '';
  if (rawSecret?.trim() === '') return fail('missing-secret');
  const secret = rawSecret === null ? null : normaliseSecret(rawSecret);
  if (!secret) return fail('invalid-secret');
  const algorithmParam = params.find((param) => /^algorithm=/i.test(param));
  const algorithmName = algorithmParam ? safeDecode(algorithmParam.slice('algorithm='.length))?.toUpperCase() : 'SHA1';
  const algorithm = algorithmName ? ALGORITHMS[algorithmName] : undefined;
  if (!algorithm) return fail('unsupported-algorithm');

  // The library reads the label, issuer, digits, period and counter; give it the secret in the form it accepts.
  const normalised = `${text.slice(0, query)}?${params
    .map((param) => (param === secretParam ? `secret=${secret}` : param))
    .join('&')}`;
  let otp: ReturnType<typeof URI.parse>;
  try {
    otp = URI.parse(normalised);
  } catch {
    return fail('invalid-uri');
  }
  if (otp.digits < 6 || otp.digits > 8) return fail('invalid-uri');
  const key: TotpKey = {
    type,
    issuer: otp.issuer.trim(),
    account: otp.label.trim(),
    secret,
    algorithm,
    digits: otp.digits,
  };
  if (otp instanceof TOTP) key.period = otp.period;
  else key.counter = otp.counter;
  return { keys: [key] };
}

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/** Parses a Google Authenticator export: one key per account, possibly several accounts per code. */
function parseMigrationUri(uri: string): OtpReadResult {
  let migration: ReturnType<typeof decodeMigrationUri>;
  try {
    migration = decodeMigrationUri(uri.trim());
  } catch {
    return fail('invalid-migration');
  }
  const keys: TotpKey[] = [];
  const skipped: SkippedAccount[] = [];
  for (const account of migration.accounts) {
    const key = migrationKey(account);
    if ('error' in key) skipped.push(key);
    else keys.push(key);
  }
  if (keys.length === 0) return skipped.length ? fail(skipped[0].error) : fail('invalid-migration');
  const result: OtpKeys = { keys };
  if (skipped.length) result.skipped = skipped;
  if (migration.batch.size > 1) result.batch = { index: migration.batch.index, size: migration.batch.size };
  return result;
}

const MIGRATION_ALGORITHMS: Record<number, TotpKey['algorithm']> = {
  [Algorithm.UNSPECIFIED]: 'SHA1',
  [Algorithm.SHA1]: 'SHA1',
  [Algorithm.SHA256]: 'SHA256',
  [Algorithm.SHA512]: 'SHA512',
};

function migrationKey(account: MigrationAccount): TotpKey | SkippedAccount {
  // The name is "Issuer:account" when the original URI's label was; the issuer field is the better source.
  const separator = account.name.indexOf(':');
  const prefix = separator < 0 ? '' : account.name.slice(0, separator).trim();
  const issuer = account.issuer.trim() || prefix;
  const name = separator >= 0 && prefix === issuer ? account.name.slice(separator + 1) : account.name;
  const described = { issuer, account: name.trim() };

  const algorithm = MIGRATION_ALGORITHMS[account.algorithm];
  if (!algorithm) return { ...described, error: 'unsupported-algorithm' };
  const secret = normaliseSecret(new Secret({ buffer: account.secret.buffer }).base32);
  if (!secret) return { ...described, error: 'invalid-secret' };
  const digits = account.digits === DigitCount.EIGHT ? 8 : DEFAULT_DIGITS;
  const key: TotpKey = { type: 'totp', ...described, secret, algorithm, digits };
  if (account.type === OtpType.HOTP) {
    key.type = 'hotp';
    key.counter = account.counter;
  } else {
    key.period = DEFAULT_PERIOD;
  }
  return key;
}

/** Reads the text of one QR code. */
export function readQrText(text: string): OtpReadResult {
  const trimmed = text.trim();
  // Any otpauth scheme, even malformed, is answered without a preview: its text may hold a secret.
  if (/^otpauth-migration:/i.test(trimmed)) return parseMigrationUri(trimmed);
  if (/^otpauth:/i.test(trimmed)) return parseOtpauthUri(trimmed);
  return fail('not-authenticator', describeQrText(trimmed));
}

/** Reads every QR code found in one image: the keys of all of them (each key once), and what the others held. */
/** The keys of several QR texts, each once; `sources[i]` is the index of the text `keys[i]` was first read from. */
export function readQrTexts(texts: string[]): { keys: TotpKey[]; sources: number[]; problems: OtpReadError[]; skipped: SkippedAccount[] } {
  const keys: TotpKey[] = [];
  const sources: number[] = [];
  const problems: OtpReadError[] = [];
  const skipped: SkippedAccount[] = [];
  texts.forEach((text, index) => {
    const result = readQrText(text);
    if (isOtpError(result)) {
      problems.push(result);
      return;
    }
    skipped.push(...(result.skipped ?? []));
    for (const key of result.keys) {
      if (keys.some((known) => sameKey(known, key))) continue;
      keys.push(key);
      sources.push(index);
    }
  });
  return { keys, sources, problems, skipped };
}

function sameKey(a: TotpKey, b: TotpKey): boolean {
  return a.secret === b.secret && a.issuer === b.issuer && a.account === b.account;
}

/** Manual entry: an otpauth:// or otpauth-migration:// URI, or a bare base32 secret (spaces allowed). */
export function readManualEntry(text: string): OtpReadResult {
  const trimmed = text.trim();
  if (trimmed.includes(':')) return readQrText(trimmed);
  const secret = normaliseSecret(trimmed);
  if (!secret) return fail('invalid-secret');
  if (secret.length < MIN_SECRET_CHARS) return fail('short-secret');
  return {
    keys: [
      { type: 'totp', issuer: '', account: '', secret, algorithm: 'SHA1', digits: DEFAULT_DIGITS, period: DEFAULT_PERIOD },
    ],
  };
}

/** Says what a non-authenticator QR code holds, in at most PREVIEW_CHARS characters, leaving out anything secret. */
function describeQrText(text: string): QrPreview {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(oneLine)?.[1].toLowerCase();
  if (scheme === 'http' || scheme === 'https') return preview('url', urlWithoutSecrets(oneLine));
  if (scheme === 'wifi') {
    // WIFI:T:WPA;S:<ssid>;P:<password>;; — only the network name is shown.
    const ssid = /[:;]S:((?:\\.|[^;])*)/i.exec(oneLine)?.[1].replace(/\\(.)/g, '$1');
    return preview('wifi', ssid ?? '');
  }
  if (scheme === 'mailto') return preview('email', oneLine.slice('mailto:'.length).split('?')[0]);
  if (scheme === 'tel') return preview('phone', oneLine.slice('tel:'.length));
  if (scheme === 'sms' || scheme === 'smsto') return preview('sms', oneLine.slice(scheme.length + 1).split(/[?:]/)[0]);
  if (scheme === 'geo') return preview('geo', oneLine.slice('geo:'.length).split('?')[0]);
  if (/^BEGIN:VCARD/i.test(text.trim())) return preview('contact', /^FN[^:\n]*:(.*)$/im.exec(text)?.[1].trim() ?? '');
  if (scheme === 'mecard') return preview('contact', /^MECARD:N:([^;]*)/i.exec(oneLine)?.[1] ?? '');
  if (scheme && /^[a-z][a-z0-9+.-]*:\/\//i.test(oneLine)) return preview('url', urlWithoutSecrets(oneLine));
  // A bare base32 key is not taken from a QR code (too easily a product code), but neither is it shown.
  const bareKey = normaliseSecret(oneLine);
  if (bareKey && bareKey.length >= MIN_SECRET_CHARS) return preview('text', '');
  return preview('text', oneLine.replace(/(secret|password|pass|pwd|token)([=:]\s*)\S+/gi, '$1$2…'));
}

function preview(kind: QrContentKind, text: string): QrPreview {
  const chars = [...text];
  return { kind, text: chars.length > PREVIEW_CHARS ? `${chars.slice(0, PREVIEW_CHARS - 1).join('')}…` : text };
}

/** A URL shown without credentials, query or fragment: those often carry tokens. */
function urlWithoutSecrets(text: string): string {
  try {
    const url = new URL(text);
    const host = url.host ? `//${url.host}` : '';
    return `${url.protocol}${host}${url.pathname}`;
  } catch {
    return text.split(/[?#]/)[0].replace(/\/\/[^/@]*@/, '//');
  }
}

/** The code to type now, or, for an HOTP key, a flag: MySafe only generates time-based (TOTP) codes. */
export type LiveCode = { code: string; secondsLeft: number } | { code: null; counterBased: true };

export function currentCode(key: TotpKey, now: number = Date.now()): LiveCode {
  if (key.type === 'hotp') return { code: null, counterBased: true };
  const period = key.period ?? DEFAULT_PERIOD;
  const code = TOTP.generate({
    secret: Secret.fromBase32(key.secret),
    algorithm: key.algorithm,
    digits: key.digits,
    period,
    timestamp: now,
  });
  return { code, secondsLeft: Math.ceil(TOTP.remaining({ period, timestamp: now }) / 1000) };
}

/**
 * What MySafe will not keep: an entry stores only the base32 seed (`secret_key`), so a key with other settings than
 * SHA1 / 6 digits / 30 s gets different codes from MySafe than from the site. The popup warns about these.
 */
export function settingsMySafeIgnores(key: TotpKey): Array<'type' | 'algorithm' | 'digits' | 'period'> {
  const ignored: Array<'type' | 'algorithm' | 'digits' | 'period'> = [];
  if (key.type === 'hotp') ignored.push('type');
  if (key.algorithm !== 'SHA1') ignored.push('algorithm');
  if (key.digits !== DEFAULT_DIGITS) ignored.push('digits');
  if (key.type === 'totp' && (key.period ?? DEFAULT_PERIOD) !== DEFAULT_PERIOD) ignored.push('period');
  return ignored;
}
