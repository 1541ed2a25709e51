// Google Authenticator's export ("Transfer accounts"): otpauth-migration://offline?data=<base64 protobuf>.
// One QR code holds several accounts, and a large export is split over several codes (a batch).
//
// The payload is read with protobufjs's wire-format Reader, with a static decoder per message (what `pbjs -t
// static-module` generates). protobufjs's reflection (Root.fromJSON → Type.decode) is not used on purpose: it builds
// its decoders with `new Function`, which the extension's CSP (no 'unsafe-eval') refuses.
//
// The schema (google_auth.proto, as published by the export's users):
//   message MigrationPayload {
//     enum Algorithm { ALGORITHM_UNSPECIFIED = 0; SHA1 = 1; SHA256 = 2; SHA512 = 3; MD5 = 4; }
//     enum DigitCount { DIGIT_COUNT_UNSPECIFIED = 0; SIX = 1; EIGHT = 2; }
//     enum OtpType { OTP_TYPE_UNSPECIFIED = 0; HOTP = 1; TOTP = 2; }
//     message OtpParameters {
//       bytes secret = 1; string name = 2; string issuer = 3; Algorithm algorithm = 4;
//       DigitCount digits = 5; OtpType type = 6; int64 counter = 7;
//     }
//     repeated OtpParameters otp_parameters = 1;
//     int32 version = 2; int32 batch_size = 3; int32 batch_index = 4; int32 batch_id = 5;
//   }
import { Reader, util } from 'protobufjs/minimal';

export const Algorithm = { UNSPECIFIED: 0, SHA1: 1, SHA256: 2, SHA512: 3, MD5: 4 } as const;
export const DigitCount = { UNSPECIFIED: 0, SIX: 1, EIGHT: 2 } as const;
export const OtpType = { UNSPECIFIED: 0, HOTP: 1, TOTP: 2 } as const;

/** One account of the export, enums as their numbers, the secret as raw bytes. */
export interface MigrationAccount {
  secret: Uint8Array;
  name: string;
  issuer: string;
  algorithm: number;
  digits: number;
  type: number;
  counter: number;
}

export interface Migration {
  accounts: MigrationAccount[];
  version: number;
  /** A large export is split into several codes: this is code `index + 1` of `size`, all sharing `id`. */
  batch: { index: number; size: number; id: number };
}

const WIRE_VARINT = 0;
const WIRE_LENGTH_DELIMITED = 2;

/** How to read one field: its wire type, and what to do with it. */
type FieldReaders = Record<number, [wireType: number, read: (reader: Reader) => void]>;

/** Reads the fields of one message up to `end`; unknown fields, and fields of an unexpected wire type, are skipped. */
function readMessage(reader: Reader, end: number, fields: FieldReaders): void {
  while (reader.pos < end) {
    const tag = reader.uint32();
    const field = fields[tag >>> 3];
    if (field && field[0] === (tag & 7)) field[1](reader);
    else reader.skipType(tag & 7);
  }
  if (reader.pos !== end) throw new Error('truncated message');
}

function readOtpParameters(reader: Reader, length: number): MigrationAccount {
  const account: MigrationAccount = { secret: new Uint8Array(), name: '', issuer: '', algorithm: 0, digits: 0, type: 0, counter: 0 };
  readMessage(reader, reader.pos + length, {
    1: [WIRE_LENGTH_DELIMITED, (r) => (account.secret = Uint8Array.from(r.bytes()))],
    2: [WIRE_LENGTH_DELIMITED, (r) => (account.name = r.string())],
    3: [WIRE_LENGTH_DELIMITED, (r) => (account.issuer = r.string())],
    4: [WIRE_VARINT, (r) => (account.algorithm = r.int32())],
    5: [WIRE_VARINT, (r) => (account.digits = r.int32())],
    6: [WIRE_VARINT, (r) => (account.type = r.int32())],
    7: [WIRE_VARINT, (r) => (account.counter = util.LongBits.from(r.int64()).toNumber())],
  });
  return account;
}

/** Decodes a MigrationPayload; throws on bytes that are not one. */
function decodeMigrationPayload(bytes: Uint8Array): Migration {
  const reader = Reader.create(bytes);
  const migration: Migration = { accounts: [], version: 0, batch: { index: 0, size: 0, id: 0 } };
  readMessage(reader, reader.len, {
    1: [WIRE_LENGTH_DELIMITED, (r) => migration.accounts.push(readOtpParameters(r, r.uint32()))],
    2: [WIRE_VARINT, (r) => (migration.version = r.int32())],
    3: [WIRE_VARINT, (r) => (migration.batch.size = r.int32())],
    4: [WIRE_VARINT, (r) => (migration.batch.index = r.int32())],
    5: [WIRE_VARINT, (r) => (migration.batch.id = r.int32())],
  });
  return migration;
}

/** Reads the `data` parameter of an otpauth-migration:// URI; throws when it is missing or not a payload. */
export function decodeMigrationUri(uri: string): Migration {
  const match = /[?&]data=([^&#]*)/.exec(uri);
  if (!match || match[1] === '') throw new Error('no data parameter');
  // Decode percent-escapes but keep "+" (it is base64 here, not a space); accept the base64url alphabet too.
  const base64 = decodeURIComponent(match[1]).replace(/ /g, '+').replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64);
  return decodeMigrationPayload(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
}
