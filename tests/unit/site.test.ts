import { describe, expect, it } from 'vitest';
import { hostOf, isInsecure, isLoopbackHost, originOf, sameOrigin, stripQueryAndFragment } from '../../src/platform/origin';
import { parseSiteAddress, registrableDomain, roughHost, sameSite, siteKey, siteName } from '../../src/platform/site';

describe('site rule (src/platform/site.ts)', () => {
  it('names a site as a person would: its registrable domain, or host and port for local servers and IPs', () => {
    expect(siteName('https://mail.example.co.uk/login?x=1')).toBe('example.co.uk');
    expect(siteName('https://auth.example.com:8443/a')).toBe('example.com');
    expect(siteName('https://ana.github.io/')).toBe('ana.github.io');
    expect(siteName('http://127.0.0.1:5173/login')).toBe('127.0.0.1:5173');
    expect(siteName('http://localhost:3000')).toBe('localhost:3000');
    expect(siteName('http://[::1]:8080/')).toBe('[::1]:8080');
    expect(siteName('http://wiki/')).toBe('wiki');
    expect(siteName('not a url')).toBe('');
  });

  it('one site: the registrable domain, with scheme and port', () => {
    expect(siteKey('https://login.example.co.uk/x?y#z')).toBe('https://example.co.uk');
    expect(siteKey('https://auth.example.com:8443')).toBe('https://example.com:8443');
    expect(siteKey('http://127.0.0.1:8080/a')).toBe('http://127.0.0.1:8080');
    expect(siteKey('http://localhost:3000')).toBe('http://localhost:3000');
    expect(siteKey('https://ana.github.io')).toBe('https://ana.github.io');
    expect(siteKey('https://EXAMPLE.com./')).toBe('https://example.com');
    expect(siteKey('not a url')).toBe('');
  });

  it('ports and schemes never mix', () => {
    expect(sameSite('https://www.example.com', 'https://accounts.example.com')).toBe(true);
    expect(sameSite('http://bank.example', 'https://bank.example')).toBe(false);
    expect(sameSite('http://127.0.0.1:3000', 'http://127.0.0.1:4000')).toBe(false);
    expect(sameSite('https://example.com', 'https://example.com:443')).toBe(true);
    expect(sameSite('https://alice.github.io', 'https://bob.github.io')).toBe(false);
    expect(sameSite('', '')).toBe(false);
  });

  it('host for display and never-sites, origin parts, registrable domain', () => {
    expect(hostOf('https://www.example.com/login')).toBe('www.example.com');
    expect(hostOf('http://127.0.0.1:8080/')).toBe('127.0.0.1:8080');
    expect(hostOf('garbage')).toBe('');
    // Found by tests/unit/fuzz.test.ts: a host of dots only is no host.
    expect(originOf('http://..')).toBeUndefined();
    expect(hostOf('http://a.b../x')).toBe('a.b');
    expect(originOf('http://[::1]:9000/x')).toEqual({ scheme: 'http', hostname: '[::1]', port: '9000' });
    expect(registrableDomain('a.b.example.com')).toBe('example.com');
    expect(registrableDomain('127.0.0.1')).toBeNull();
    expect(isInsecure('http://bank.example/')).toBe(true);
    expect(isInsecure('https://bank.example/')).toBe(false);
  });

  it('loopback http is as secure as https (browsers count it a secure context); a name resolving to 127.0.0.1 is not', () => {
    for (const url of ['http://localhost:3000/', 'http://app.localhost/', 'http://127.0.0.1:8080/', 'http://127.9.8.7/', 'http://[::1]:9000/']) {
      expect(isInsecure(url), url).toBe(false);
    }
    expect(isInsecure('http://bank.corp.example:8080/')).toBe(true);
    expect(isInsecure('http://localhost.example/')).toBe(true);
    expect(isInsecure('http://128.0.0.1/')).toBe(true);
    expect(isLoopbackHost('LOCALHOST.')).toBe(true);
  });

  it('a kept URL has no query or fragment', () => {
    expect(stripQueryAndFragment('https://example.com/login?token=abc#frag')).toBe('https://example.com/login');
  });
});

describe('sameOrigin', () => {
  it('scheme, host and port; an unreadable URL matches nothing', () => {
    expect(sameOrigin('https://vault.example.com/mysafe', 'https://VAULT.example.com:443/other')).toBe(true);
    expect(sameOrigin('https://vault.example.com', 'https://evil.example.com')).toBe(false);
    expect(sameOrigin('http://127.0.0.1:8787', 'http://127.0.0.1:8788')).toBe(false);
    expect(sameOrigin('nonsense', 'nonsense')).toBe(false);
  });
});

describe('parseSiteAddress: URLs as people store them in MySafe', () => {
  it.each([
    ['https://www.example.com/login?x=1#y', 'www.example.com', '', 'domain'],
    ['www.example.com', 'www.example.com', '', 'domain'],
    ['example.com/login', 'example.com', '', 'domain'],
    ['  HTTPS://Example.COM.  ', 'example.com', '', 'domain'],
    ['http://example.com:80/', 'example.com', '', 'domain'],
    ['https://example.com:443/', 'example.com', '', 'domain'],
    ['http://example.com:443/', 'example.com', '443', 'domain'],
    ['https://user:pw@example.com:8443/x', 'example.com', '8443', 'domain'],
    ['//example.com/x', 'example.com', '', 'domain'],
    ['localhost:3000', 'localhost', '3000', 'exact'],
    ['http://127.0.0.1:8080/admin', '127.0.0.1', '8080', 'exact'],
    ['192.168.0.1', '192.168.0.1', '', 'exact'],
    ['http://[::1]:5000/', '[::1]', '5000', 'exact'],
    ['nas:5001', 'nas', '5001', 'exact'],
    ['http://nas/', 'nas', '', 'exact'],
    ['localhost', 'localhost', '', 'exact'],
    ['https://münchen.de/', 'xn--mnchen-3ya.de', '', 'domain'],
    ['https://example.com/my login page', 'example.com', '', 'domain'],
    ['*.example.com', 'example.com', '', 'domain'],
  ])('%s', (url, hostname, port, kind) => {
    const scheme = /^\s*(https?):\/\//i.exec(url)?.[1].toLowerCase() ?? '';
    expect(parseSiteAddress(url)).toEqual({ scheme, hostname, port, kind });
  });

  it('keeps scheme and port apart: a default port is dropped only for its own scheme', () => {
    expect(parseSiteAddress('http://example.com:443/')).toMatchObject({ scheme: 'http', port: '443' });
    expect(parseSiteAddress('https://example.com:80/')).toMatchObject({ scheme: 'https', port: '80' });
    expect(parseSiteAddress('https://example.com:443/')).toMatchObject({ scheme: 'https', port: '' });
    // Without a scheme, 80 and 443 say nothing but "the default": the scheme stays unknown.
    expect(parseSiteAddress('example.com:443')).toMatchObject({ scheme: '', port: '' });
    expect(parseSiteAddress('example.com:8443')).toMatchObject({ scheme: '', port: '8443' });
    expect(parseSiteAddress('HTTP://127.0.0.1:08080')).toMatchObject({ scheme: 'http', hostname: '127.0.0.1', port: '8080' });
  });

  it.each([
    '',
    '   ',
    'not a url',
    'n/a',
    'none',
    'http://',
    'https://exa mple.com',
    'https://a.com https://b.com',
    'ftp://example.com',
    'mailto:alice@example.com',
    'javascript:alert(1)',
    'https://-bad-.com',
    'https://example..com',
    'https://300.1.1.1',
    'https://example.com:99999',
    'https://example.com:abc',
    '-',
    '.',
  ])('rejects %j', (url) => {
    expect(parseSiteAddress(url)).toBeNull();
  });
});

describe('roughHost: a quick cut before parsing', () => {
  it('the host text of a lower-case URL, with or without a scheme; non-ASCII left to parsing', () => {
    expect(roughHost('https://user:pw@www.example.com:8443/login')).toBe('www.example.com');
    expect(roughHost('example.com./x')).toBe('example.com');
    expect(roughHost('//[::1]:5000/')).toBe('[::1]');
    expect(roughHost('münchen.de')).toBe('*');
  });
});
