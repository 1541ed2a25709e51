import { describe, expect, it } from 'vitest';
import { WhyLog, rolesOf, type WhyRow } from '../../src/capture/why';
import { overCaps, readSkipReason } from '../../src/protocol/content';
import { reportText } from '../../src/popup/why-text';

const row = (reason: WhyRow['reason'], at = 1_000): WhyRow => ({ at, reason, roles: ['username', 'password'], frame: 'shop.example', crossOrigin: false });

describe('WhyLog: what became of a tab\'s submissions', () => {
  it('lists a tab\'s rows newest first, keeps at most 20, and forgets them after ten minutes', () => {
    const log = new WhyLog();
    for (let i = 0; i < 25; i++) log.note(1, 'https://shop.example', row('kept', 1_000 + i));
    const rows = log.rows(1, 2_000);
    expect(rows).toHaveLength(20);
    expect(rows[0].at).toBe(1_024);
    expect(log.rows(1, 1_000 + 10 * 60_000 + 30)).toEqual([]);
    expect(log.rows(2, 2_000)).toEqual([]);
  });

  it('forgets a tab\'s rows when it goes to another site or closes, not within the site', () => {
    const log = new WhyLog();
    log.note(1, 'https://shop.example', row('refused-by-site'));
    log.navigated(1, 'https://shop.example');
    expect(log.rows(1, 2_000)).toHaveLength(1);
    log.navigated(1, 'https://other.example');
    expect(log.rows(1, 2_000)).toEqual([]);
    log.note(1, 'https://shop.example', row('kept'));
    log.forget(1);
    expect(log.rows(1, 2_000)).toEqual([]);
  });

  it('a row of another site starts the tab\'s log again', () => {
    const log = new WhyLog();
    log.note(1, 'https://shop.example', row('kept'));
    log.note(1, 'https://other.example', row('never-site'));
    expect(log.rows(1, 2_000).map((r) => r.reason)).toEqual(['never-site']);
  });
});

describe('what a content script may say', () => {
  it('roles, never values', () => {
    expect(rolesOf({ username: 'ana', password: 'secret', oldPassword: 'old' })).toEqual(['username', 'password', 'old-password']);
    expect(rolesOf({ username: '', password: 'secret' })).toEqual(['password']);
  });

  it('only the reasons a content script can know, and only known kinds', () => {
    expect(readSkipReason({ type: 'form-skipped', reason: 'no-user-action' })).toEqual({ reason: 'no-user-action' });
    expect(readSkipReason({ type: 'form-skipped', reason: 'not-a-login', kind: 'login' })).toEqual({ reason: 'not-a-login', kind: 'login' });
    expect(readSkipReason({ type: 'form-skipped', reason: 'not-a-login', kind: '<img>' })).toEqual({ reason: 'not-a-login' });
    // The background alone says a site refused a login or that MySafe holds it.
    for (const reason of ['refused-by-site', 'already-in-mysafe', 'kept', '__proto__', 42, undefined]) {
      expect(readSkipReason({ type: 'form-skipped', reason })).toBeUndefined();
    }
    expect(readSkipReason(null)).toBeUndefined();
  });

  it('values over the caps are told apart from malformed messages', () => {
    expect(overCaps({ form: { kind: 'login', username: 'x'.repeat(257), password: 'p' } })).toBe(true);
    expect(overCaps({ form: { kind: 'login', username: 'u', password: 'p'.repeat(1025) } })).toBe(true);
    expect(overCaps({ form: { kind: 'login', username: 'u', password: 'p' } })).toBe(false);
    expect(overCaps({ form: 'x'.repeat(5000) })).toBe(false);
    expect(overCaps(undefined)).toBe(false);
  });
});

describe('the copied report', () => {
  const t = (key: string, subs?: string[]) => (subs ? `${key}(${subs.join('|')})` : key);

  it('says the page, the version, each reason with its frame and fields, and whether the site may be read', () => {
    const text = reportText({ rows: [{ ...row('refused-by-site'), status: 401, crossOrigin: true, frame: 'login.example:8443', kind: 'login' }], access: false, forms: [], formsCut: false }, 'shop.example', '1.2.3', t);
    expect(text.split('\n')[0]).toBe('whyReportTitle(shop.example)');
    expect(text).toContain('MySafe Capture 1.2.3');
    expect(text).toContain('whyNoAccess');
    expect(text).toContain('whyFrameOther(login.example:8443)');
    expect(text).toContain('whyRefusedBySite(401)');
    expect(text).toContain('whyFields(whyRoleUsername, whyRolePassword)');
    // Without access no form could be read: the access line says why, not an empty list.
    expect(text).not.toContain('whyFormsTitle');
  });

  it('says when nothing was seen', () => {
    const text = reportText({ rows: [], access: true, forms: [], formsCut: false }, 'shop.example', '1', t);
    expect(text).toContain('whyNone');
    expect(text).toContain('whyFormsTitle:\nwhyFormsNone');
  });

  it('lists the forms on the page by frame, kind and roles, and says when some were left out', () => {
    const text = reportText({
      rows: [],
      access: true,
      forms: [
        { frame: 'shop.example', top: true, kind: 'login', roles: ['username', 'password'] },
        { frame: 'id.example:8443', top: false, kind: 'signup', roles: ['other', 'username', 'new-password', 'confirm-password'] },
        { frame: '', top: false, kind: 'unknown', roles: ['username'] },
      ],
      formsCut: true,
    }, 'shop.example', '1', t);
    expect(text).toContain('- shop.example · kindLogin · whyFields(whyRoleUsername, whyRolePassword)');
    expect(text).toContain('- whyFrameOther(id.example:8443) · kindSignup · whyFields(whyRoleOther, whyRoleUsername, whyRoleNewPassword, whyRoleConfirmation)');
    expect(text).toContain('- whyFrameNoOrigin · whyKindUnknown · whyFields(whyRoleUsername)');
    expect(text).toContain('whyFormsCut');
  });
});
