import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import type { TotpKey } from '../../src/capture/types';
import {
  currentCode,
  isOtpError,
  readManualEntry,
  readQrText,
  readQrTexts,
  settingsMySafeIgnores,
  type OtpReadResult,
} from '../../src/totp/otpauth';
import { normaliseSecret, sameSecret } from '../../src/capture/same';

const SECRET = 'JBSWY3DPEHPK3PXP';

function keysOf(result: OtpReadResult): TotpKey[] {
  if (isOtpError(result)) throw new Error(`expected keys, got ${result.error}`);
  return result.keys;
}

function errorOf(result: OtpReadResult) {
  if (!isOtpError(result)) throw new Error(`expected an error, got ${result.keys.length} keys`);
  return result;
}

/** RFC 4648 base32, written here independently of the code under test. */
function base32(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const byte of bytes) bits += byte.toString(2).padStart(8, '0');
  let out = '';
  for (let i = 0; i < bits.length; i += 5) out += alphabet[parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
  return out;
}

/** RFC 6238 TOTP with node:crypto, independent of the otpauth library. */
function referenceTotp(secret: Buffer, algorithm: string, digits: number, period: number, nowMs: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(nowMs / 1000 / period)));
  const hmac = createHmac(algorithm, secret).update(counter).digest();
  const offset = hmac[hmac.length - 1] & 0xf;
  const value = hmac.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 10 ** digits).padStart(digits, '0');
}

describe('otpauth:// URIs', () => {
  it('reads a TOTP URI with issuer parameter and label prefix', () => {
    const [key] = keysOf(
      readQrText(`otpauth://totp/ACME%20Co:john.doe@email.com?secret=${SECRET}&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30`),
    );
    expect(key).toEqual({
      type: 'totp',
      issuer: 'ACME Co',
      account: 'john.doe@email.com',
      secret: SECRET,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    });
  });

  it('takes the issuer from the label prefix when there is no parameter', () => {
    const [key] = keysOf(readQrText(`otpauth://totp/GitHub:octocat?secret=${SECRET}`));
    expect(key.issuer).toBe('GitHub');
    expect(key.account).toBe('octocat');
  });

  it('prefers the issuer parameter over the label prefix, and reads a label without prefix', () => {
    expect(keysOf(readQrText(`otpauth://totp/Old%20Name:alice?secret=${SECRET}&issuer=New%20Name`))[0]).toMatchObject({
      issuer: 'New Name',
      account: 'alice',
    });
    expect(keysOf(readQrText(`otpauth://totp/alice@example.com?secret=${SECRET}&issuer=Example`))[0]).toMatchObject({
      issuer: 'Example',
      account: 'alice@example.com',
    });
    expect(keysOf(readQrText(`otpauth://totp/alice?secret=${SECRET}`))[0]).toMatchObject({ issuer: '', account: 'alice' });
  });

  it('defaults to SHA1, 6 digits and 30 seconds', () => {
    const [key] = keysOf(readQrText(`otpauth://totp/Example:alice?secret=${SECRET}`));
    expect(key).toMatchObject({ algorithm: 'SHA1', digits: 6, period: 30 });
    expect(key.counter).toBeUndefined();
  });

  it('reads algorithm, digits and period', () => {
    const [key] = keysOf(readQrText(`OTPAUTH://TOTP/Example:alice?secret=${SECRET}&algorithm=sha512&digits=8&period=60`));
    expect(key).toMatchObject({ type: 'totp', algorithm: 'SHA512', digits: 8, period: 60 });
  });

  it('reads an HOTP URI with its counter', () => {
    const [key] = keysOf(readQrText(`otpauth://hotp/Example:alice?secret=${SECRET}&issuer=Example&counter=42&algorithm=SHA256`));
    expect(key).toEqual({
      type: 'hotp',
      issuer: 'Example',
      account: 'alice',
      secret: SECRET,
      algorithm: 'SHA256',
      digits: 6,
      counter: 42,
    });
    expect(errorOf(readQrText(`otpauth://hotp/Example:alice?secret=${SECRET}`)).error).toBe('invalid-uri');
  });

  it('normalises lower-case, spaced and padded secrets', () => {
    const spaced = 'jbsw y3dp ehpk 3pxp';
    expect(keysOf(readQrText(`otpauth://totp/a?secret=${encodeURIComponent(spaced)}`))[0].secret).toBe(SECRET);
    expect(keysOf(readQrText(`otpauth://totp/a?secret=jbswy3dpehpk3pxp`))[0].secret).toBe(SECRET);
    // 20 characters of base32 are padded to 24 with "=".
    expect(keysOf(readQrText('otpauth://totp/a?secret=GEZDGNBVGY3TQOJQGEZA%3D%3D%3D%3D'))[0].secret).toBe('GEZDGNBVGY3TQOJQGEZA');
    expect(keysOf(readQrText('otpauth://totp/a?secret=GEZDGNBVGY3TQOJQGEZA===='))[0].secret).toBe('GEZDGNBVGY3TQOJQGEZA');
    expect(normaliseSecret(' jbsw-y3dp-ehpk-3pxp== ')).toBe(SECRET);
    // A short key from a QR code is the site's choice: accepted.
    expect(keysOf(readQrText('otpauth://totp/a?secret=JBSWY3DP'))[0].secret).toBe('JBSWY3DP');
  });

  it('rejects a secret that is not base32 with that kind alone: no words, nothing of the secret', () => {
    for (const bad of ['JBSWY3DPEHPK3PX1', 'JBSWY3DPEHPK3PX8', 'JBSWY3DP!HPK3PXP', 'JBSWY3DPEHPK3PXPJ', 'JBSWY3DPEHPK3PXPJBS', 'JBSWY3DP%ZZ']) {
      expect(readQrText(`otpauth://totp/Example:alice?secret=${bad}`)).toEqual({ error: 'invalid-secret' });
    }
  });

  it('rejects an unknown type, a missing secret and an unsupported algorithm', () => {
    expect(errorOf(readQrText(`otpauth://motp/Example:alice?secret=${SECRET}`)).error).toBe('unknown-type');
    expect(errorOf(readQrText('otpauth://totp/Example:alice?issuer=Example')).error).toBe('missing-secret');
    expect(errorOf(readQrText('otpauth://totp/Example:alice?secret=&issuer=Example')).error).toBe('missing-secret');
    expect(errorOf(readQrText('otpauth://totp/Example:alice')).error).toBe('missing-secret');
    expect(errorOf(readQrText(`otpauth://totp/Example:alice?secret=${SECRET}&algorithm=MD5`)).error).toBe('unsupported-algorithm');
  });

  it('rejects malformed digits, period or label', () => {
    expect(errorOf(readQrText(`otpauth://totp/a?secret=${SECRET}&digits=x`)).error).toBe('invalid-uri');
    expect(errorOf(readQrText(`otpauth://totp/a?secret=${SECRET}&digits=4`)).error).toBe('invalid-uri');
    expect(errorOf(readQrText(`otpauth://totp/a?secret=${SECRET}&period=0`)).error).toBe('invalid-uri');
    expect(errorOf(readQrText(`otpauth://totp/?secret=${SECRET}`)).error).toBe('invalid-uri');
  });
});

// The schema as published with Google Authenticator export tools, written as .proto text, independent of the decoder's.
const MIGRATION_PROTO = `
syntax = "proto3";
message MigrationPayload {
  enum Algorithm { ALGORITHM_UNSPECIFIED = 0; ALGORITHM_SHA1 = 1; ALGORITHM_SHA256 = 2; ALGORITHM_SHA512 = 3; ALGORITHM_MD5 = 4; }
  enum DigitCount { DIGIT_COUNT_UNSPECIFIED = 0; DIGIT_COUNT_SIX = 1; DIGIT_COUNT_EIGHT = 2; }
  enum OtpType { OTP_TYPE_UNSPECIFIED = 0; OTP_TYPE_HOTP = 1; OTP_TYPE_TOTP = 2; }
  message OtpParameters {
    bytes secret = 1; string name = 2; string issuer = 3; Algorithm algorithm = 4;
    DigitCount digits = 5; OtpType type = 6; int64 counter = 7;
  }
  repeated OtpParameters otp_parameters = 1;
  int32 version = 2; int32 batch_size = 3; int32 batch_index = 4; int32 batch_id = 5;
}`;
const Payload = protobuf.parse(MIGRATION_PROTO, { keepCase: true }).root.lookupType('MigrationPayload');

function migrationUri(payload: Record<string, unknown>, { encode = true } = {}): string {
  const bytes = Payload.encode(Payload.fromObject(payload)).finish();
  const base64 = Buffer.from(bytes).toString('base64');
  return `otpauth-migration://offline?data=${encode ? encodeURIComponent(base64) : base64}`;
}

describe('otpauth-migration:// (Google Authenticator export)', () => {
  const secrets = [
    Buffer.from('12345678901234567890'),
    Buffer.from('another secret key 32 bytes long'),
    Buffer.from([0xfb, 0xff, 0xfe, 0x00, 0x10, 0x20, 0x3e, 0x3f, 0xf8, 0xfa, 0xfb, 0xfc]), // makes "+" and "/" in base64
  ];
  const threeAccounts = {
    otp_parameters: [
      { secret: secrets[0], name: 'alice@example.com', issuer: 'Example', algorithm: 1, digits: 1, type: 2 },
      { secret: secrets[1], name: 'GitHub:octocat', issuer: 'GitHub', algorithm: 2, digits: 2, type: 2 },
      { secret: secrets[2], name: 'Bank:bob', issuer: '', algorithm: 0, digits: 0, type: 1, counter: 7 },
    ],
    version: 1,
    batch_size: 1,
    batch_index: 0,
    batch_id: 123456,
  };

  it('reads three accounts from one code', () => {
    const keys = keysOf(readQrText(migrationUri(threeAccounts)));
    expect(keys).toEqual([
      { type: 'totp', issuer: 'Example', account: 'alice@example.com', secret: base32(secrets[0]), algorithm: 'SHA1', digits: 6, period: 30 },
      { type: 'totp', issuer: 'GitHub', account: 'octocat', secret: base32(secrets[1]), algorithm: 'SHA256', digits: 8, period: 30 },
      { type: 'hotp', issuer: 'Bank', account: 'bob', secret: base32(secrets[2]), algorithm: 'SHA1', digits: 6, counter: 7 },
    ]);
  });

  it('accepts base64 that was not percent-encoded, and reports the batch of a split export', () => {
    const uri = migrationUri({ ...threeAccounts, batch_size: 3, batch_index: 1 }, { encode: false });
    expect(uri).toMatch(/[+/]/);
    const result = readQrText(uri);
    expect(keysOf(result)).toHaveLength(3);
    expect(result).toMatchObject({ batch: { index: 1, size: 3 } });
  });

  it('skips an account it cannot use and keeps the others', () => {
    const payload = {
      otp_parameters: [
        { secret: secrets[0], name: 'old', issuer: 'Legacy', algorithm: 4, digits: 1, type: 2 },
        { secret: secrets[1], name: 'ok', issuer: 'Fine', algorithm: 1, digits: 1, type: 2 },
      ],
    };
    const result = readQrText(migrationUri(payload));
    expect(keysOf(result).map((key) => key.issuer)).toEqual(['Fine']);
    expect(result).toMatchObject({ skipped: [{ issuer: 'Legacy', account: 'old', error: 'unsupported-algorithm' }] });
    const onlyMd5 = { otp_parameters: [payload.otp_parameters[0]] };
    expect(errorOf(readQrText(migrationUri(onlyMd5))).error).toBe('unsupported-algorithm');
  });

  it('decodes where code generation from strings is refused, as under the extension CSP (no unsafe-eval)', () => {
    const module = fileURLToPath(new URL('../../src/totp/otpauth.ts', import.meta.url));
    const script = `const { readQrText } = await import(${JSON.stringify(module)});
      process.stdout.write(JSON.stringify(readQrText(process.argv[1])));`;
    const output = execFileSync(
      process.execPath,
      ['--disallow-code-generation-from-strings', '--import', 'tsx', '--input-type=module', '-e', script, migrationUri(threeAccounts)],
      { encoding: 'utf8' },
    );
    expect(keysOf(JSON.parse(output) as OtpReadResult).map((key) => key.issuer)).toEqual(['Example', 'GitHub', 'Bank']);
  });

  it('rejects a payload that is missing, not protobuf or empty', () => {
    expect(errorOf(readQrText('otpauth-migration://offline')).error).toBe('invalid-migration');
    expect(errorOf(readQrText('otpauth-migration://offline?data=%%%')).error).toBe('invalid-migration');
    expect(errorOf(readQrText('otpauth-migration://offline?data=' + encodeURIComponent(Buffer.from([0xff, 0xff, 0xff]).toString('base64')))).error).toBe('invalid-migration');
    expect(errorOf(readQrText(migrationUri({ version: 1 }))).error).toBe('invalid-migration');
  });
});

describe('QR codes that hold no authenticator key', () => {
  it('says what a link holds, without its query string or credentials', () => {
    const result = errorOf(readQrText('https://user:pw@shop.example.com/promo/summer?token=SECRETTOKEN#x'));
    expect(result.error).toBe('not-authenticator');
    expect(result.preview).toEqual({ kind: 'url', text: 'https://shop.example.com/promo/summer' });
  });

  it('shows a Wi-Fi network name, never its password', () => {
    const result = errorOf(readQrText('WIFI:T:WPA;S:Home\\;Net;P:hunter2-secret;;'));
    expect(result.preview).toEqual({ kind: 'wifi', text: 'Home;Net' });
    expect(JSON.stringify(result)).not.toContain('hunter2');
  });

  it('shortens text to 60 characters and recognises other kinds', () => {
    const long = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor';
    const text = errorOf(readQrText(long)).preview!;
    expect(text.kind).toBe('text');
    expect([...text.text]).toHaveLength(60);
    expect(text.text.endsWith('…')).toBe(true);
    expect(errorOf(readQrText('mailto:a@example.com?subject=hi')).preview).toEqual({ kind: 'email', text: 'a@example.com' });
    expect(errorOf(readQrText('tel:+5511999999999')).preview).toEqual({ kind: 'phone', text: '+5511999999999' });
    expect(errorOf(readQrText('BEGIN:VCARD\nVERSION:3.0\nFN:Ana Souza\nEND:VCARD')).preview).toEqual({ kind: 'contact', text: 'Ana Souza' });
  });

  it('gives no preview of a broken authenticator link (it may carry a secret)', () => {
    for (const broken of [`otpauth://totp/a?secret=${SECRET}1`, `otpauth:totp/a?secret=${SECRET}`, `OTPAUTH://totp?secret=${SECRET}`]) {
      const result = errorOf(readQrText(broken));
      expect(result.preview).toBeUndefined();
      expect(JSON.stringify(result)).not.toContain(SECRET);
    }
  });

  it('never shows a secret in the preview of text', () => {
    expect(errorOf(readQrText('jbsw y3dp ehpk 3pxp')).preview).toEqual({ kind: 'text', text: '' });
    expect(errorOf(readQrText(`Your key: secret=${SECRET} password: hunter2`)).preview).toEqual({
      kind: 'text',
      text: 'Your key: secret=… password: …',
    });
  });

  it('reads every code of one image: keys once each, and what the others held', () => {
    const uri = `otpauth://totp/Example:alice?secret=${SECRET}`;
    const { keys, problems } = readQrTexts([uri, 'https://example.com/', uri]);
    expect(keys).toHaveLength(1);
    expect(problems).toEqual([{ error: 'not-authenticator', preview: { kind: 'url', text: 'https://example.com/' } }]);
  });
});

describe('manual entry', () => {
  it('takes a bare secret, spaces and lower case allowed', () => {
    expect(keysOf(readManualEntry('  jbsw y3dp ehpk 3pxp '))).toEqual([
      { type: 'totp', issuer: '', account: '', secret: SECRET, algorithm: 'SHA1', digits: 6, period: 30 },
    ]);
  });

  it('takes an otpauth:// URI', () => {
    expect(keysOf(readManualEntry(` otpauth://totp/Example:alice?secret=${SECRET}\n`))[0]).toMatchObject({ issuer: 'Example', account: 'alice' });
  });

  it('rejects something that is not a key', () => {
    // Typed in by hand, a key has at least 16 characters: a stray word is not taken for one.
    expect(errorOf(readManualEntry('hello world')).error).toBe('short-secret');
    expect(errorOf(readManualEntry('JBSWY3DP')).error).toBe('short-secret');
    expect(errorOf(readManualEntry('JBSWY3DPEHPK3PX0')).error).toBe('invalid-secret');
    expect(errorOf(readManualEntry('')).error).toBe('invalid-secret');
    expect(errorOf(readManualEntry('https://example.com/')).error).toBe('not-authenticator');
  });
});

describe('live code', () => {
  const rfcSecrets = {
    SHA1: Buffer.from('12345678901234567890'),
    SHA256: Buffer.from('12345678901234567890123456789012'),
    SHA512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
  } as const;
  // RFC 6238 appendix B.
  const vectors: Array<[number, string, string, string]> = [
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ];

  it('matches the RFC 6238 test vectors', () => {
    for (const [seconds, sha1, sha256, sha512] of vectors) {
      for (const [algorithm, expected] of [['SHA1', sha1], ['SHA256', sha256], ['SHA512', sha512]] as const) {
        const key: TotpKey = { type: 'totp', issuer: '', account: '', secret: base32(rfcSecrets[algorithm]), algorithm, digits: 8, period: 30 };
        expect(currentCode(key, seconds * 1000)).toEqual({ code: expected, secondsLeft: 30 - (seconds % 30) });
      }
    }
  });

  it('matches an independent HMAC computation for 6-digit keys and other periods', () => {
    const secret = Buffer.from('a 20-byte seed here!');
    for (const [period, now] of [[30, 1_700_000_000_123], [30, 1_700_000_029_999], [60, 1_763_880_000_500]]) {
      const key: TotpKey = { type: 'totp', issuer: '', account: '', secret: base32(secret), algorithm: 'SHA1', digits: 6, period };
      const live = currentCode(key, now);
      expect(live.code).toBe(referenceTotp(secret, 'sha1', 6, period, now));
      expect(live).toMatchObject({ secondsLeft: Math.ceil((period * 1000 - (now % (period * 1000))) / 1000) });
    }
  });

  it('gives no code for an HOTP key: MySafe only generates TOTP', () => {
    const key: TotpKey = { type: 'hotp', issuer: '', account: '', secret: SECRET, algorithm: 'SHA1', digits: 6, counter: 0 };
    expect(currentCode(key, 0)).toEqual({ code: null, counterBased: true });
  });

  it('lists the settings an entry in MySafe does not keep', () => {
    const key = keysOf(readQrText(`otpauth://totp/a?secret=${SECRET}`))[0];
    expect(settingsMySafeIgnores(key)).toEqual([]);
    expect(settingsMySafeIgnores({ ...key, algorithm: 'SHA256', digits: 8, period: 60 })).toEqual(['algorithm', 'digits', 'period']);
    expect(settingsMySafeIgnores({ ...key, type: 'hotp', period: undefined, counter: 1 })).toEqual(['type']);
  });
});

describe('one form of a key, one comparison', () => {
  it('compares keys as typed or stored in their normal form, and never strips what is not base32 to make two equal', () => {
    expect(sameSecret('jbsw y3dp ehpk 3pxp', 'JBSWY3DPEHPK3PXP==')).toBe(true);
    expect(sameSecret('JBSWY3DPEHPK3PX1', 'JBSWY3DPEHPK3PX')).toBe(false);
    expect(sameSecret('', undefined)).toBe(true);
    expect(sameSecret('JBSWY3DPEHPK3PXP', '')).toBe(false);
  });
});
