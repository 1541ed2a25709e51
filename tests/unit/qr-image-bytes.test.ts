// The offscreen document's side of QR decoding: it answers the service worker only, and takes bytes, never a URL.
// (A browser test cannot send from a content script's world, so the sender check is tested here with fake senders.)
import { describe, expect, it } from 'vitest';
import {
  acceptDecodeRequest,
  fromBase64,
  imageFromDataUrl,
  isFetchableImageUrl,
  MAX_IMAGE_BASE64,
  toBase64,
} from '../../src/totp/qr/image-bytes';

const WORKER = 'chrome-extension://abc/service-worker-loader.js';
const image = { base64: 'iVBORw0KGgo=', type: 'image/png' };
const request = { type: 'qr-decode', image };

describe('acceptDecodeRequest: the offscreen document answers the service worker only', () => {
  it('accepts the worker: no tab, the worker\'s own URL', () => {
    expect(acceptDecodeRequest(request, { url: WORKER }, WORKER)).toEqual(image);
  });

  it('refuses a content script (it has a tab, whatever URL it claims), an extension page, an unknown worker URL', () => {
    expect(acceptDecodeRequest(request, { url: WORKER, tab: { id: 3 } }, WORKER)).toBeNull();
    expect(acceptDecodeRequest(request, { url: 'https://bank.example/', tab: { id: 3 } }, WORKER)).toBeNull();
    expect(acceptDecodeRequest(request, { url: 'chrome-extension://abc/src/popup/index.html' }, WORKER)).toBeNull();
    expect(acceptDecodeRequest(request, {}, WORKER)).toBeNull();
    expect(acceptDecodeRequest(request, { url: WORKER }, undefined)).toBeNull();
  });

  it('takes bytes only: a URL to fetch, a bad type or oversized bytes are refused', () => {
    for (const bad of [
      { url: 'http://10.0.0.1/admin' },
      { base64: 'data:image/png;base64,AAAA', type: 'image/png' },
      { base64: 'AAAA', type: 'text/html' },
      { base64: 'AAAA' },
      { base64: 'A'.repeat(MAX_IMAGE_BASE64 + 4), type: 'image/png' },
      { ...image, crop: { x: 1 } },
      null,
      'image',
    ]) {
      expect(acceptDecodeRequest({ type: 'qr-decode', image: bad }, { url: WORKER }, WORKER), JSON.stringify(bad)?.slice(0, 60)).toBeNull();
    }
    const crop = { x: 1, y: 2, width: 3, height: 4, viewportWidth: 800 };
    expect(acceptDecodeRequest({ type: 'qr-decode', image: { ...image, crop } }, { url: WORKER }, WORKER)).toEqual({ ...image, crop });
  });
});

describe('images as bytes', () => {
  it('a screenshot\'s data: URL becomes bytes; anything else is not an image', () => {
    expect(imageFromDataUrl('data:image/png;base64,iVBORw0KGgo=')).toEqual(image);
    expect(imageFromDataUrl('data:text/html;base64,PGgxPg==')).toBeNull();
    expect(imageFromDataUrl('https://bank.example/qr.png')).toBeNull();
    expect(imageFromDataUrl('data:image/png;base64,<script>')).toBeNull();
  });

  it('the worker fetches http(s) images only: never file:, an extension page or javascript:', () => {
    expect(isFetchableImageUrl('https://cdn.example/qr.png')).toBe(true);
    expect(isFetchableImageUrl('http://127.0.0.1:8080/qr.png')).toBe(true);
    for (const url of ['file:///etc/passwd', 'chrome-extension://abc/manifest.json', 'javascript:alert(1)', 'ftp://x/qr.png', '', undefined, 'qr.png']) {
      expect(isFetchableImageUrl(url), String(url)).toBe(false);
    }
  });

  it('base64 round-trips, large arrays too', () => {
    const bytes = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 31) % 256);
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
  });
});
