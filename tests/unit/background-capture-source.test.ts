import { describe, expect, it } from 'vitest';
import type { Capture } from '../../src/capture/types';
import { orderForTab, tabParam } from '../../src/popup/order';
import { captureSourceOf, defaultEntryName, isMySafeServerOrigin } from '../../src/capture/source';
import { errorMessages } from '../../src/ui/error-text';
import type { ErrorKind } from '../../src/errors';

describe('captureSourceOf', () => {
  it('takes tab, frame, origin and URL from the sender, without query or fragment', () => {
    const source = captureSourceOf({
      url: 'https://login.example.com/signin?next=/inbox&token=abc#step2',
      origin: 'https://login.example.com',
      frameId: 0,
      tab: { id: 7, url: 'https://login.example.com/signin?next=/inbox' },
    });
    expect(source).toEqual({
      tabId: 7,
      frameId: 0,
      origin: 'https://login.example.com',
      url: 'https://login.example.com/signin',
      topOrigin: 'https://login.example.com',
    });
  });

  it('keeps the frame origin apart from the top origin for a cross-origin frame', () => {
    const source = captureSourceOf({
      url: 'https://auth.provider.net/frame',
      origin: 'https://auth.provider.net',
      frameId: 3,
      tab: { id: 2, url: 'https://shop.example.com/checkout' },
    });
    expect(source).toMatchObject({ origin: 'https://auth.provider.net', topOrigin: 'https://shop.example.com', frameId: 3 });
  });

  it('derives the origin from the URL when the browser gives none (Firefox)', () => {
    expect(captureSourceOf({ url: 'http://127.0.0.1:8080/login', tab: { id: 1 } })).toMatchObject({
      origin: 'http://127.0.0.1:8080',
      url: 'http://127.0.0.1:8080/login',
      topOrigin: 'http://127.0.0.1:8080',
      frameId: 0,
    });
  });

  it('uses the origin for an about:blank frame, whose URL says nothing', () => {
    expect(captureSourceOf({ url: 'about:blank', origin: 'https://a.example', tab: { id: 1, url: 'https://a.example/' } })).toMatchObject({
      origin: 'https://a.example',
      url: 'https://a.example/',
    });
  });

  it('rejects senders that are not web pages in a tab', () => {
    expect(captureSourceOf({ url: 'https://a.example/' })).toBeUndefined();
    expect(captureSourceOf({ url: 'chrome-extension://abc/popup.html', tab: { id: 1 } })).toBeUndefined();
    expect(captureSourceOf({ url: 'https://a.example/', origin: 'null', tab: { id: 1 } })).toBeUndefined();
    expect(captureSourceOf({ url: 'https://a.example/', tab: { id: -1 } })).toBeUndefined();
  });
});

describe('names and origins', () => {
  it('suggests the host as the entry name', () => {
    expect(defaultEntryName('https://mail.example.com/login')).toBe('mail.example.com');
    expect(defaultEntryName('http://127.0.0.1:5173/login')).toBe('127.0.0.1');
  });

  it('recognises the MySafe server own origin only', () => {
    expect(isMySafeServerOrigin('https://vault.example.com', 'https://vault.example.com/mysafe')).toBe(true);
    expect(isMySafeServerOrigin('https://vault.example.com', undefined)).toBe(false);
    expect(isMySafeServerOrigin('http://127.0.0.1:3000', 'http://127.0.0.1:8787')).toBe(false);
  });
});

describe('popup list', () => {
  const capture = (id: string, tabId: number, createdAt: number) => ({ id, tabId, createdAt }) as Capture;

  it("lists the current tab's captures first, newest first", () => {
    const list = [capture('a', 1, 1), capture('b', 2, 2), capture('c', 1, 3), capture('d', 3, 4)];
    expect(orderForTab(list, 1).map((c) => c.id)).toEqual(['c', 'a', 'd', 'b']);
    expect(orderForTab(list, undefined).map((c) => c.id)).toEqual(['d', 'c', 'b', 'a']);
  });

  it('reads ?tab= only when it is a tab id', () => {
    expect(tabParam('?tab=42')).toBe(42);
    expect(tabParam('?tab=x')).toBeUndefined();
    expect(tabParam('')).toBeUndefined();
  });
});

describe('errorMessages', () => {
  it('tells the popup user a retryable error keeps the login', () => {
    expect(errorMessages({ kind: 'server', retryable: true }, 'capture')).toEqual([{ key: 'errServer' }, { key: 'errKeptRetry' }]);
    expect(errorMessages({ kind: 'server', retryable: true }, 'settings')).toEqual([{ key: 'errServer' }]);
  });

  it('names the missing field and falls back for unknown kinds', () => {
    expect(errorMessages({ kind: 'missing-field', field: 'username' }, 'capture')).toEqual([
      { key: 'errMissingField', substitutions: ['username'] },
    ]);
    // A kind from a newer background than the page knows.
    expect(errorMessages({ kind: 'weird' as ErrorKind }, 'settings')).toEqual([{ key: 'errUnknown' }]);
  });
});
