// The offscreen document's side of QR decoding: it answers the service worker only, and takes bytes, never a URL.
// (tests/browser/totp.spec.ts sends from a real content script's world; the other senders are fake here.)
import { describe, expect, it } from 'vitest';
import {
  fromBase64,
  imageFromDataUrl,
  isFetchableImageUrl,
  MAX_IMAGE_BASE64,
  offscreenSenderKind,
  readImageToDecode,
  toBase64,
} from '../../src/totp/qr/image-bytes';
import { offscreenDocumentUrl, workerOfOffscreenDocument } from '../../src/totp/qr/offscreen-document';
import { messageRouter } from '../../src/protocol/router';

const WORKER = 'chrome-extension://abc/service-worker-loader.js';
const image = { base64: 'iVBORw0KGgo=', type: 'image/png' };
const request = { type: 'qr-decode', image };

describe('the offscreen document answers the worker that opened it only, and takes bytes', () => {
  it('knows the worker from its own URL, as the worker opens it', () => {
    const documentUrl = new URL(offscreenDocumentUrl(WORKER), 'chrome-extension://abc/').href;
    expect(workerOfOffscreenDocument(documentUrl)).toBe(WORKER);
    expect(workerOfOffscreenDocument('chrome-extension://abc/src/offscreen/index.html')).toBeNull();
  });

  it('takes the worker as the worker: no tab, the worker\'s own URL', () => {
    expect(offscreenSenderKind({ url: WORKER }, WORKER)).toBe('worker');
  });

  it('refuses a content script (it has a tab, whatever URL it claims), an extension page, an unknown worker URL', () => {
    expect(offscreenSenderKind({ url: WORKER, tab: { id: 3 } }, WORKER)).toBeUndefined();
    expect(offscreenSenderKind({ url: 'https://bank.example/', tab: { id: 3 } }, WORKER)).toBeUndefined();
    expect(offscreenSenderKind({ url: 'chrome-extension://abc/src/popup/index.html' }, WORKER)).toBeUndefined();
    expect(offscreenSenderKind({}, WORKER)).toBeUndefined();
    expect(offscreenSenderKind({ url: WORKER }, null)).toBeUndefined();
  });

  it('routes qr-decode from the worker only, and leaves every other message to the background', async () => {
    const decode = async () => ({ codes: [] });
    const route = messageRouter({ worker: { 'qr-decode': decode } }, (sender) => offscreenSenderKind(sender, WORKER));
    expect(await route(request, { url: WORKER })).toEqual({ codes: [] });
    expect(route(request, { url: WORKER, tab: { id: 3 } as never })).toBeUndefined();
    expect(route({ type: 'get-settings' }, { url: WORKER })).toBeUndefined();
    expect(route({ type: 'get-settings' }, { url: 'chrome-extension://abc/src/popup/index.html' })).toBeUndefined();
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
      expect(readImageToDecode({ type: 'qr-decode', image: bad }), JSON.stringify(bad)?.slice(0, 60)).toBeNull();
    }
    const crop = { x: 1, y: 2, width: 3, height: 4, viewportWidth: 800 };
    expect(readImageToDecode({ type: 'qr-decode', image: { ...image, crop } })).toEqual({ ...image, crop });
    expect(readImageToDecode(request)).toEqual(image);
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
