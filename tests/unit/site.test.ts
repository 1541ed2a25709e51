import { describe, expect, it } from 'vitest';
import { hostOf, isInsecure, isLoopbackHost, originOf, sameOrigin, stripQueryAndFragment } from '../../src/platform/origin';
import { registrableDomain, sameSite, siteKey, siteName } from '../../src/platform/site';

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
