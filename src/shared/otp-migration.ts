// Google Authenticator's export ("Transfer accounts"): otpauth-migration://offline?data=<base64 protobuf>.
// The payload is decoded with protobufjs from the MigrationPayload schema below; one QR code holds several accounts,
// and a large export is split over several codes (a batch).
import { Root } from 'protobufjs/light';

/** MigrationPayload as Google Authenticator writes it (google_auth.proto, as reverse-engineered by its users). */
const schema = Root.fromJSON({
  nested: {
    MigrationPayload: {
      fields: {
        otpParameters: { rule: 'repeated', type: 'OtpParameters', id: 1 },
        version: { type: 'int32', id: 2 },
        batchSize: { type: 'int32', id: 3 },
        batchIndex: { type: 'int32', id: 4 },
        batchId: { type: 'int32', id: 5 },
      },
      nested: {
        Algorithm: {
          values: { ALGORITHM_UNSPECIFIED: 0, ALGORITHM_SHA1: 1, ALGORITHM_SHA256: 2, ALGORITHM_SHA512: 3, ALGORITHM_MD5: 4 },
        },
        DigitCount: { values: { DIGIT_COUNT_UNSPECIFIED: 0, DIGIT_COUNT_SIX: 1, DIGIT_COUNT_EIGHT: 2 } },
        OtpType: { values: { OTP_TYPE_UNSPECIFIED: 0, OTP_TYPE_HOTP: 1, OTP_TYPE_TOTP: 2 } },
        OtpParameters: {
          fields: {
            secret: { type: 'bytes', id: 1 },
            name: { type: 'string', id: 2 },
            issuer: { type: 'string', id: 3 },
            algorithm: { type: 'Algorithm', id: 4 },
            digits: { type: 'DigitCount', id: 5 },
            type: { type: 'OtpType', id: 6 },
            counter: { type: 'int64', id: 7 },
          },
        },
      },
    },
  },
});
const MigrationPayload = schema.lookupType('MigrationPayload');

/** One account of the export, with enums as their names (e.g. `ALGORITHM_SHA1`) and the secret as raw bytes. */
export interface MigrationAccount {
  secret: Uint8Array;
  name: string;
  issuer: string;
  algorithm: string;
  digits: string;
  type: string;
  counter: number;
}

export interface Migration {
  accounts: MigrationAccount[];
  /** A large export is split into several codes: this is code `index + 1` of `size`, all sharing `id`. */
  batch: { index: number; size: number; id: number };
}

/** Reads the `data` parameter of an otpauth-migration:// URI; throws when it is missing or not a payload. */
export function decodeMigrationUri(uri: string): Migration {
  const match = /[?&]data=([^&#]*)/.exec(uri);
  if (!match || match[1] === '') throw new Error('no data parameter');
  // Decode percent-escapes but keep "+" (it is base64 here, not a space); accept the base64url alphabet too.
  const base64 = decodeURIComponent(match[1]).replace(/ /g, '+').replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64);
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  const payload = MigrationPayload.toObject(MigrationPayload.decode(bytes), {
    enums: String,
    longs: Number,
    bytes: Array,
    defaults: true,
    arrays: true,
  });
  const accounts = (payload.otpParameters as Array<Omit<MigrationAccount, 'secret'> & { secret: number[] }>).map(
    (account) => ({ ...account, secret: Uint8Array.from(account.secret) }),
  );
  return {
    accounts,
    batch: { index: payload.batchIndex as number, size: payload.batchSize as number, id: payload.batchId as number },
  };
}
