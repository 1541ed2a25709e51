// The background's router: a message is answered only when its type is in the handler map of its sender's kind.
import { describe, expect, it, vi } from 'vitest';
import { createRouter, senderKind, type RouterHandlers } from '../../src/background/router';
import { MAX_PASSWORD, MAX_USERNAME, readSubmittedForm } from '../../src/protocol/content';

const EXT = 'chrome-extension://abc/';
const page = { id: 'abc', url: `${EXT}src/popup/index.html` };
const content = { id: 'abc', url: 'https://bank.example/login', tab: { id: 4 } as never, frameId: 0 };

function handlers() {
  const answer = vi.fn(async () => 'answered');
  // Only two real entries matter here; the router looks types up in the map of the sender's kind.
  const map = { content: { 'form-submitted': answer }, page: { 'get-settings': answer, 'save-settings': answer } } as unknown as RouterHandlers;
  return { map, answer };
}

describe('router', () => {
  it('tells pages from content scripts by what the browser says', () => {
    expect(senderKind(page, EXT)).toBe('page');
    expect(senderKind(content, EXT)).toBe('content');
    expect(senderKind({ id: 'abc', url: 'https://x.example/' }, EXT)).toBeUndefined();
    // A popup opened as a tab has a tab too: its URL makes it a page.
    expect(senderKind({ ...page, tab: { id: 9 } as never }, EXT)).toBe('page');
  });

  it('answers nothing from the offscreen decoder, an extension page that is not one the user acts in', async () => {
    const offscreen = { id: 'abc', url: `${EXT}src/offscreen/index.html` };
    expect(senderKind(offscreen, EXT)).toBeUndefined();
    const { map, answer } = handlers();
    expect(createRouter(map, EXT)({ type: 'get-settings' }, offscreen)).toBeUndefined();
    expect(answer).not.toHaveBeenCalled();
  });

  it('answers a page type from a page, and a content type from a content script', async () => {
    const { map, answer } = handlers();
    const route = createRouter(map, EXT);
    expect(await route({ type: 'get-settings' }, page)).toBe('answered');
    expect(await route({ type: 'form-submitted', form: {} }, content)).toBe('answered');
    expect(answer).toHaveBeenCalledTimes(2);
  });

  it('refuses privileged types from a content script, content types from pages, and anything unknown', () => {
    const { map, answer } = handlers();
    const route = createRouter(map, EXT);
    expect(route({ type: 'save-settings', baseUrl: 'https://evil.example', clientId: 'x', clientSecret: '' }, content)).toBeUndefined();
    expect(route({ type: 'get-settings' }, content)).toBeUndefined();
    expect(route({ type: 'form-submitted' }, page)).toBeUndefined();
    expect(route({ type: 'toString' }, page)).toBeUndefined();
    expect(route({ type: '__proto__' }, page)).toBeUndefined();
    expect(route(null, page)).toBeUndefined();
    expect(route('get-settings', page)).toBeUndefined();
    expect(answer).not.toHaveBeenCalled();
  });
});

describe('a content script report', () => {
  const form = (f: object) => ({ type: 'form-submitted', form: f });
  it('keeps only the known fields of a well-formed form', () => {
    expect(readSubmittedForm(form({ kind: 'login', username: 'ana', password: 'pw', extra: 'x' }))).toEqual({ kind: 'login', username: 'ana', password: 'pw' });
    expect(readSubmittedForm(form({ kind: 'change', username: '', password: 'new', oldPassword: 'old' }))).toEqual({ kind: 'change', username: '', password: 'new', oldPassword: 'old' });
  });

  it('keeps orderGuessed only as true, on a change that carries both passwords', () => {
    const change = { kind: 'change', username: '', password: 'new', oldPassword: 'old' };
    expect(readSubmittedForm(form({ ...change, orderGuessed: true }))).toEqual({ ...change, orderGuessed: true });
    expect(readSubmittedForm(form({ ...change, orderGuessed: 'yes' }))).toEqual(change);
    expect(readSubmittedForm(form({ kind: 'change', username: '', password: 'new', orderGuessed: true }))).toEqual({ kind: 'change', username: '', password: 'new' });
    expect(readSubmittedForm(form({ kind: 'login', username: 'ana', password: 'pw', oldPassword: 'x', orderGuessed: true }))).toEqual({ kind: 'login', username: 'ana', password: 'pw', oldPassword: 'x' });
  });

  it('keeps kindGuessed only as true, on a login or a sign-up', () => {
    for (const kind of ['login', 'signup'] as const) {
      const read = { kind, username: 'ana', password: 'pw' };
      expect(readSubmittedForm(form({ ...read, kindGuessed: true }))).toEqual({ ...read, kindGuessed: true });
      expect(readSubmittedForm(form({ ...read, kindGuessed: 1 }))).toEqual(read);
    }
    const change = { kind: 'change', username: '', password: 'new', oldPassword: 'old' };
    expect(readSubmittedForm(form({ ...change, kindGuessed: true }))).toEqual(change);
    expect(readSubmittedForm(form({ kind: 'username', username: 'ana', password: '', kindGuessed: true }))).toEqual({ kind: 'username', username: 'ana', password: '' });
  });

  it('refuses malformed and oversized values', () => {
    expect(readSubmittedForm(form({ kind: 'totp', username: 'a', password: 'b' }))).toBeUndefined();
    expect(readSubmittedForm(form({ kind: 'login', username: 1, password: 'b' }))).toBeUndefined();
    expect(readSubmittedForm(form({ kind: 'login', username: 'a'.repeat(MAX_USERNAME + 1), password: 'b' }))).toBeUndefined();
    expect(readSubmittedForm(form({ kind: 'login', username: 'a', password: 'b'.repeat(MAX_PASSWORD + 1) }))).toBeUndefined();
    expect(readSubmittedForm(form({ kind: 'change', username: 'a', password: 'b', oldPassword: 'c'.repeat(MAX_PASSWORD + 1) }))).toBeUndefined();
    expect(readSubmittedForm({ type: 'form-submitted' })).toBeUndefined();
    expect(readSubmittedForm(null)).toBeUndefined();
  });
});
