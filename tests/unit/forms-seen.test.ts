import { describe, expect, it } from 'vitest';
import type { FieldDescriptor } from '../../src/capture/fields/classify';
import {
  MAX_FIELDS_PER_FORM, MAX_FORMS_PER_FRAME, MAX_FRAMES, MAX_TEXT, likelyKind, readFrameScan, seenForms, type FieldGroup, type FrameScan,
} from '../../src/capture/forms-seen';

const field = (d: Partial<FieldDescriptor>): FieldDescriptor => ({
  tag: 'input', type: 'text', name: '', id: '', autocomplete: '', label: '', placeholder: '', ariaLabel: '', ...d,
});
const email = field({ type: 'email', name: 'email', label: 'Email' });
const password = field({ type: 'password', name: 'password', label: 'Password' });
const group = (fields: FieldDescriptor[], hints = '', attributes = ''): FieldGroup => ({ fields, hints, attributes });
const scan = (groups: FieldGroup[], origin = 'https://shop.example', extra: Partial<FrameScan> = {}): FrameScan => ({ origin, pageHints: '', groups, cut: false, ...extra });

describe('likely kind of a form nobody typed into', () => {
  it('a login, a sign-up, a password change, a username step, and unknown', () => {
    expect(likelyKind(group([email, password], 'Sign in'), 'Shop')).toBe('login');
    expect(likelyKind(group([field({ name: 'full_name', label: 'Name' }), email, password, field({ type: 'password', name: 'password_confirmation', label: 'Confirm password' })], 'Sign up'), 'Create your account')).toBe('signup');
    expect(likelyKind(group([field({ type: 'password', autocomplete: 'current-password', label: 'Current password' }), field({ type: 'password', autocomplete: 'new-password', label: 'New password' })]), '')).toBe('change');
    expect(likelyKind(group([email], 'Next'), 'Sign in')).toBe('username');
    expect(likelyKind(group([field({ name: 'q', type: 'search' })]), '')).toBe('unknown');
  });

  it('a single password goes by the rule its submission goes by (onePasswordKind): autocomplete=new-password alone does not outweigh "Sign in"', () => {
    const suggested = field({ type: 'password', name: 'password', label: 'Password', autocomplete: 'new-password' });
    expect(likelyKind(group([email, suggested], 'Sign in Forgot your password?'), '')).toBe('login');
    expect(likelyKind(group([email, field({ type: 'password', label: 'Create a password', autocomplete: 'new-password' })], 'Continue'), '')).toBe('signup');
    expect(likelyKind(group([email, password], 'Continue', 'form-reset-password'), 'Reset your password')).toBe('change');
  });

  it('a single password on a page that says "create account" is a sign-up', () => {
    expect(likelyKind(group([email, password], 'Create account'), 'Join us')).toBe('signup');
  });
});

describe('forms on the page, from what each frame answered', () => {
  it('lists login-like forms by frame (top from the browser\'s frame id), kind and roles; drops searches and bad answers', () => {
    const { forms, cut } = seenForms([
      { frameId: 7, result: scan([group([field({ name: 'full_name', label: 'Name' }), email, password, field({ type: 'password', label: 'Confirm password' })], 'Sign up')], 'http://id.example:8443') },
      { frameId: 0, result: scan([group([field({ type: 'search', name: 'q' })]), group([email, password], 'Log in')]) },
      { frameId: 3, result: 'not a scan' },
      { frameId: 4 },
    ]);
    expect(cut).toBe(false);
    expect(forms).toEqual([
      { frame: 'shop.example', top: true, kind: 'login', roles: ['username', 'password'] },
      { frame: 'id.example:8443', top: false, kind: 'signup', roles: ['other', 'username', 'password', 'confirm-password'] },
    ]);
  });

  it('caps forms per frame, fields per form, frames and every string, whatever a frame answers', () => {
    const many = Array.from({ length: 500 }, () => group([email, password]));
    expect(seenForms([{ frameId: 0, result: scan(many) }])).toMatchObject({ cut: true, forms: { length: MAX_FORMS_PER_FRAME } });

    const wide = group(Array.from({ length: 300 }, () => password));
    const read = readFrameScan(scan([wide]));
    expect(read?.groups[0].fields).toHaveLength(MAX_FIELDS_PER_FORM);
    expect(read?.cut).toBe(true);

    const long = 'x'.repeat(10_000);
    const hostile = readFrameScan({ origin: long, pageHints: long, cut: 'yes', groups: [{ fields: [{ ...password, name: long, label: { toString: () => long } }, null, 42], hints: long, attributes: [long] }, null] });
    expect(hostile?.origin).toHaveLength(MAX_TEXT);
    expect(hostile?.pageHints).toHaveLength(MAX_TEXT);
    expect(hostile?.cut).toBe(false);
    expect(hostile?.groups[0]).toMatchObject({ hints: 'x'.repeat(MAX_TEXT), attributes: '' });
    expect(hostile?.groups[0].fields).toHaveLength(1);
    expect(hostile?.groups[0].fields[0]).toMatchObject({ name: 'x'.repeat(MAX_TEXT), label: '', type: 'password' });
    expect(hostile?.groups[1].fields).toEqual([]);

    const frames = Array.from({ length: 50 }, (_, frameId) => ({ frameId, result: scan([group([email, password])]) }));
    expect(seenForms(frames)).toMatchObject({ cut: true, forms: { length: MAX_FRAMES } });
  });

  it('holds no value: a descriptor\'s extra properties are dropped', () => {
    const read = readFrameScan(scan([group([{ ...password, value: 'hunter2' } as FieldDescriptor])]));
    expect(JSON.stringify(read)).not.toContain('hunter2');
  });
});
