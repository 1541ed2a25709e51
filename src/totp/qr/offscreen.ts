import browser from 'webextension-polyfill';
import { isDecodeRequest } from '../../protocol/otp';

// Chromium's offscreen document for QR decoding (see qr-decoder.ts): answers the background's decode requests only.
// Every other extension message reaches this page too and is left to the background.

browser.runtime.onMessage.addListener((message: unknown) => {
  if (!isDecodeRequest(message)) return undefined;
  return import('./decode')
    .then(({ decodeImage }) => decodeImage(message.image))
    .then(
      (texts) => ({ texts }),
      (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }),
    );
});
