// The policy an administrator deploys (src/save/managed.ts): checked key by key, merged with what the person stored.
// Chromium's storage.managed can only be given system-wide (/etc/chromium/policies/managed), so the Chromium path is
// tested here, through the merged view, with the policy as storage.managed.get() would return it.
import { describe, expect, it } from 'vitest';
import {
  checkPolicy,
  enforceDefaultsOnSave,
  enforceOnSave,
  isNeverSiteIn,
  lockedKeys,
  mergeDefaults,
  mergeNeverSites,
  mergeSettings,
  mergeSettingsView,
  qrScanningOn,
  siteMatches,
  sitePattern,
} from '../../src/save/managed';

const FULL = {
  serverUrl: 'https://vault.example.com/',
  clientId: 'org-client',
  clientSecret: 'org-secret',
  defaultTags: ' work ',
  defaultUsersAllowed: [{ username: 'alice', can_edit: true }, { username: 'bob' }],
  defaultGroupsAllowed: [{ name: 'IT', can_edit: false }],
  neverSites: ['Intranet.example.com', '*.bank.example', 'localhost:8080'],
  qrScanning: false,
  browserPasswordSaving: false,
  locked: ['serverUrl', 'clientId', 'clientSecret'],
};

describe('checkPolicy', () => {
  it('keeps every valid key, normalised', () => {
    const { policy, problems } = checkPolicy(FULL);
    expect(problems).toEqual([]);
    expect(policy).toEqual({
      serverUrl: 'https://vault.example.com',
      clientId: 'org-client',
      clientSecret: 'org-secret',
      defaultTags: 'work',
      defaultUsersAllowed: [
        { username: 'alice', can_edit: true },
        { username: 'bob', can_edit: false },
      ],
      defaultGroupsAllowed: [{ name: 'IT', can_edit: false }],
      neverSites: ['intranet.example.com', '*.bank.example', 'localhost:8080'],
      qrScanning: false,
      browserPasswordSaving: false,
      locked: ['serverUrl', 'clientId', 'clientSecret'],
    });
  });

  it('no policy (Firefox rejects, Chromium gives {}) is an empty one', () => {
    for (const raw of [undefined, null, {}, 'text', []]) expect(checkPolicy(raw)).toEqual({ policy: { locked: [] }, problems: [] });
  });

  it('accepts plain http only for loopback', () => {
    expect(checkPolicy({ serverUrl: 'http://127.0.0.1:8443' }).policy.serverUrl).toBe('http://127.0.0.1:8443');
    expect(checkPolicy({ serverUrl: 'http://localhost/vault' }).policy.serverUrl).toBe('http://localhost/vault');
    const { policy, problems } = checkPolicy({ serverUrl: 'http://vault.example.com', clientId: 'x' });
    expect(policy).toEqual({ clientId: 'x', locked: [] });
    expect(problems).toEqual([{ key: 'serverUrl', reason: 'not-https' }]);
    expect(checkPolicy({ serverUrl: 'ftp://x' }).problems).toEqual([{ key: 'serverUrl', reason: 'invalid-url' }]);
    expect(checkPolicy({ serverUrl: 'not a url' }).problems).toEqual([{ key: 'serverUrl', reason: 'invalid-url' }]);
  });

  it('drops each bad value on its own and says why', () => {
    const { policy, problems } = checkPolicy({
      serverUrl: 42,
      clientId: ['x'],
      defaultTags: 'ok',
      defaultUsersAllowed: [{ username: 'alice' }, { name: 'not-a-user' }, 'bob', { username: 'carol', can_edit: 'yes' }],
      defaultGroupsAllowed: { name: 'IT' },
      neverSites: ['good.example', 'https://with-scheme.example', '*.', 7],
      qrScanning: 'false',
      browserPasswordSaving: 0,
      locked: ['defaultTags', 'nonsense', 'locked'],
      color: 'blue',
    });
    expect(policy).toEqual({
      defaultTags: 'ok',
      defaultUsersAllowed: [{ username: 'alice', can_edit: false }],
      neverSites: ['good.example'],
      locked: ['defaultTags'],
    });
    expect(problems).toEqual([
      { key: 'color', reason: 'unknown-key' },
      { key: 'serverUrl', reason: 'not-text' },
      { key: 'clientId', reason: 'not-text' },
      { key: 'defaultUsersAllowed', reason: 'bad-user', index: 1 },
      { key: 'defaultUsersAllowed', reason: 'bad-user', index: 2 },
      { key: 'defaultUsersAllowed', reason: 'bad-user', index: 3 },
      { key: 'defaultGroupsAllowed', reason: 'not-list' },
      { key: 'neverSites', reason: 'bad-site', index: 1 },
      { key: 'neverSites', reason: 'bad-site', index: 2 },
      { key: 'neverSites', reason: 'bad-site', index: 3 },
      { key: 'qrScanning', reason: 'not-boolean' },
      { key: 'browserPasswordSaving', reason: 'not-boolean' },
      { key: 'locked', reason: 'not-lockable', index: 1 },
      { key: 'locked', reason: 'not-lockable', index: 2 },
    ]);
  });

  it('a group given the user shape is refused, not half-read', () => {
    const { policy, problems } = checkPolicy({ defaultGroupsAllowed: [{ username: 'IT' }, { name: 'Ops', can_edit: true, extra: 1 }] });
    expect(policy.defaultGroupsAllowed).toEqual([]);
    expect(problems.map((p) => p.reason)).toEqual(['bad-group', 'bad-group']);
  });

  it('a managed secret without a managed server goes nowhere', () => {
    const { policy, problems } = checkPolicy({ serverUrl: 'http://evil.example', clientId: 'c', clientSecret: 's' });
    expect(policy.clientSecret).toBeUndefined();
    expect(problems).toEqual([
      { key: 'serverUrl', reason: 'not-https' },
      { key: 'clientSecret', reason: 'secret-without-server' },
    ]);
  });

  it('locks only keys the policy gives a value', () => {
    const { policy } = checkPolicy({ serverUrl: 'https://v.example', locked: ['serverUrl', 'clientId'] });
    expect(lockedKeys(policy)).toEqual(['serverUrl']);
  });
});

describe('mergeSettings', () => {
  const local = { baseUrl: 'https://mine.example', clientId: 'mine', clientSecret: 'my-secret' };

  it('a locked policy wins over what the person stored, its secret included', () => {
    const { policy } = checkPolicy(FULL);
    expect(mergeSettings(policy, local)).toEqual({ baseUrl: 'https://vault.example.com', clientId: 'org-client', clientSecret: 'org-secret' });
    expect(mergeSettingsView(policy, local)).toEqual({ baseUrl: 'https://vault.example.com', clientId: 'org-client', hasSecret: true });
  });

  it('an unlocked policy is a default: the person configured nothing, it is used', () => {
    const { policy } = checkPolicy({ ...FULL, locked: [] });
    expect(mergeSettings(policy, undefined)).toEqual({ baseUrl: 'https://vault.example.com', clientId: 'org-client', clientSecret: 'org-secret' });
  });

  it("an unlocked policy yields to the person's own settings", () => {
    const { policy } = checkPolicy({ ...FULL, locked: [] });
    expect(mergeSettings(policy, local)).toEqual(local);
  });

  it('never sends the managed secret to another server, nor the stored one to the managed server', () => {
    // The person's URL with the policy's secret: no secret for that server.
    const { policy } = checkPolicy({ serverUrl: 'https://vault.example.com', clientId: 'org', clientSecret: 'org-secret', locked: ['clientSecret'] });
    expect(mergeSettings(policy, { baseUrl: 'https://mine.example', clientId: 'mine' })).toBeUndefined();
    // The policy's locked URL with the person's secret entered for another server: none either.
    const url = checkPolicy({ serverUrl: 'https://vault.example.com', clientId: 'org', locked: ['serverUrl'] }).policy;
    expect(mergeSettings(url, local)).toBeUndefined();
    expect(mergeSettingsView(url, local)).toEqual({ baseUrl: 'https://vault.example.com', clientId: 'mine', hasSecret: false });
    // … until the person gives a secret for that server.
    expect(mergeSettings(url, { ...local, baseUrl: 'https://vault.example.com/' })).toEqual({
      baseUrl: 'https://vault.example.com',
      clientId: 'mine',
      clientSecret: 'my-secret',
    });
  });

  it('without policy, the stored settings as before', () => {
    expect(mergeSettings({ locked: [] }, local)).toEqual(local);
    expect(mergeSettings({ locked: [] }, { baseUrl: 'https://x.example', clientId: 'c' })).toBeUndefined();
    expect(mergeSettings({ locked: [] }, undefined)).toBeUndefined();
  });

  it('saving: locked values replace what was typed', () => {
    const { policy } = checkPolicy(FULL);
    expect(enforceOnSave(policy, { baseUrl: 'https://evil.example', clientId: 'x', clientSecret: 'typed' })).toEqual({
      baseUrl: 'https://vault.example.com',
      clientId: 'org-client',
      clientSecret: '',
    });
    const open = checkPolicy({ ...FULL, locked: [] }).policy;
    expect(enforceOnSave(open, { baseUrl: 'https://mine.example', clientId: 'x', clientSecret: 'typed' })).toEqual({
      baseUrl: 'https://mine.example',
      clientId: 'x',
      clientSecret: 'typed',
    });
  });
});

describe('mergeDefaults', () => {
  it('per field: locked managed, else the person’s, else managed', () => {
    const { policy } = checkPolicy({ ...FULL, locked: ['defaultGroupsAllowed'] });
    const local = { tags: 'mine', groups: [{ name: 'Mine', can_edit: true }] };
    expect(mergeDefaults(policy, local)).toEqual({
      tags: 'mine',
      users: policy.defaultUsersAllowed,
      groups: [{ name: 'IT', can_edit: false }],
    });
    expect(mergeDefaults({ locked: [] }, undefined)).toEqual({ tags: '', users: [], groups: [] });
    expect(enforceDefaultsOnSave(policy, { tags: 't', users: [], groups: [] })).toEqual({ tags: 't', users: [] });
  });
});

describe('never-sites', () => {
  it('patterns', () => {
    expect(sitePattern('*.Example.com')).toBe('*.example.com');
    expect(sitePattern('[::1]:3000')).toBe('[::1]:3000');
    expect(sitePattern('example.com/path')).toBeUndefined();
    expect(siteMatches('*.example.com', 'https://a.b.example.com')).toBe(true);
    expect(siteMatches('*.example.com', 'https://example.com')).toBe(true);
    expect(siteMatches('*.example.com', 'https://badexample.com')).toBe(false);
    expect(siteMatches('example.com', 'https://example.com:8443')).toBe(true);
    expect(siteMatches('example.com:8443', 'https://example.com')).toBe(false);
    expect(siteMatches('example.com:443', 'https://example.com')).toBe(true);
    expect(siteMatches('[::1]:3000', 'http://[::1]:3000/login')).toBe(true);
  });

  it("the policy's and the person's; unlocked ones can be dismissed, locked ones not", () => {
    const open = checkPolicy({ neverSites: ['*.bank.example', 'hr.example'] }).policy;
    const sites = mergeNeverSites(open, ['shop.example:8080'], ['hr.example']);
    expect(sites).toEqual([{ host: '*.bank.example', managed: true, locked: false }, { host: 'shop.example:8080' }]);
    expect(isNeverSiteIn(sites, 'https://online.bank.example')).toBe(true);
    expect(isNeverSiteIn(sites, 'https://hr.example')).toBe(false);
    expect(isNeverSiteIn(sites, 'http://shop.example:8080/login')).toBe(true);
    expect(isNeverSiteIn(sites, 'http://shop.example/login')).toBe(false);

    const locked = checkPolicy({ neverSites: ['hr.example'], locked: ['neverSites'] }).policy;
    expect(mergeNeverSites(locked, [], ['hr.example'])).toEqual([{ host: 'hr.example', managed: true, locked: true }]);
  });
});

it('QR scanning is on unless the policy turns it off', () => {
  expect(qrScanningOn({ locked: [] })).toBe(true);
  expect(qrScanningOn(checkPolicy({ qrScanning: false }).policy)).toBe(false);
});
