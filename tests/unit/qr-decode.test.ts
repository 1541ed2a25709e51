import { beforeAll, describe, expect, it } from 'vitest';
import protobuf from 'protobufjs';
import { decodeQrTexts } from '../../src/totp/qr/zxing';
import { isOtpError, readQrText, readQrTexts } from '../../src/totp/otpauth';
import { renderScene, useZxingWasmFromNodeModules } from './qr-image';

const ALICE = 'otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example';
const BOB = 'otpauth://hotp/Bank:bob?secret=KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU&issuer=Bank&counter=3';

beforeAll(() => {
  useZxingWasmFromNodeModules();
});

describe('QR decoder (zxing-wasm)', () => {
  it('finds one code on a 1920×1080 page', async () => {
    const image = renderScene(1920, 1080, [{ text: ALICE, x: 1210, y: 430, size: 200 }]);
    const texts = await decodeQrTexts(image);
    expect(texts).toEqual([ALICE]);
    expect(readQrText(texts[0])).toMatchObject({ keys: [{ issuer: 'Example', account: 'alice@example.com' }] });
  });

  it('finds two codes in one image', async () => {
    const image = renderScene(1920, 1080, [
      { text: ALICE, x: 300, y: 200, size: 200 },
      { text: BOB, x: 1400, y: 700, size: 220 },
    ]);
    const texts = await decodeQrTexts(image);
    expect([...texts].sort()).toEqual([ALICE, BOB].sort());
    expect(readQrTexts(texts).keys.map((key) => key.type).sort()).toEqual(['hotp', 'totp']);
  });

  it('finds the code on a screenshot at devicePixelRatio 2', async () => {
    const image = renderScene(3840, 2160, [{ text: ALICE, x: 2420, y: 860, size: 400 }], 2);
    expect(await decodeQrTexts(image)).toEqual([ALICE]);
  });

  it('finds a small code whose modules are not whole pixels', async () => {
    const image = renderScene(1280, 720, [{ text: ALICE, x: 700, y: 300, size: 143 }], 3);
    expect(await decodeQrTexts(image)).toEqual([ALICE]);
  });

  it('reads a Google Authenticator export code with several accounts', async () => {
    const payload = protobuf.parse(`
      syntax = "proto3";
      message P { message O { bytes secret = 1; string name = 2; string issuer = 3; int32 algorithm = 4; int32 digits = 5; int32 type = 6; }
        repeated O otp = 1; int32 version = 2; int32 batch_size = 3; }`).root.lookupType('P');
    const bytes = payload
      .encode(
        payload.fromObject({
          otp: ['first', 'second', 'third'].map((name, i) => ({
            secret: Buffer.from(`secret-of-account-${i}`),
            name,
            issuer: `Issuer ${i}`,
            algorithm: 1,
            digits: 1,
            type: 2,
          })),
          version: 1,
          batch_size: 1,
        }),
      )
      .finish();
    const uri = `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(bytes).toString('base64'))}`;
    const texts = await decodeQrTexts(renderScene(1920, 1080, [{ text: uri, x: 800, y: 300, size: 300 }], 4));
    expect(texts).toEqual([uri]);
    const result = readQrText(texts[0]);
    expect(isOtpError(result) ? result.error : result.keys.map((key) => key.account)).toEqual(['first', 'second', 'third']);
  });

  it('decodes a code that is not an authenticator key, and says what it holds', async () => {
    const link = 'https://www.example.com/menu?table=12';
    const texts = await decodeQrTexts(renderScene(1920, 1080, [{ text: link, x: 100, y: 100, size: 180 }], 5));
    expect(texts).toEqual([link]);
    expect(readQrText(texts[0])).toMatchObject({
      error: 'not-authenticator',
      preview: { kind: 'url', text: 'https://www.example.com/menu' },
    });
  });

  it('finds nothing on a page without codes', async () => {
    expect(await decodeQrTexts(renderScene(1920, 1080, [], 6))).toEqual([]);
  });
});
