import { describe, expect, it } from 'vitest';
import { issuerElsewhere } from '../../src/totp/issuer';

describe('issuerElsewhere: a key naming another site than the page', () => {
  it.each([
    ['GitHub', 'https://github.com/settings/two_factor'],
    ['github.com', 'https://github.com/settings'],
    ['Bank of Example', 'https://secure.bankofexample.com/2fa'],
    ['AWS', 'https://aws.amazon.com/iam'],
    ['Acme Corp (ana@acme.example)', 'https://login.acme.example/mfa'],
    ['accounts.google.com', 'https://myaccount.google.com/'],
    ['', 'https://example.com'],
    ['Anything', 'http://127.0.0.1:5173/login'],
    ['Anything', 'http://localhost:3000/login'],
  ])('%j on %s names this site (or cannot be checked)', (issuer, page) => {
    expect(issuerElsewhere(issuer, page)).toBe('');
  });

  it.each([
    ['paypal.com', 'https://bank.example.com/2fa', 'paypal.com'],
    ['https://www.paypal.com/login', 'https://bank.example.com/2fa', 'paypal.com'],
    ['PayPal', 'https://bank.example.com/2fa', 'PayPal'],
    ['Example Bank', 'https://phish.test.com/', 'Example Bank'],
    ['github.io', 'https://github.com/', ''],
  ])('%j on %s names %j', (issuer, page, named) => {
    expect(issuerElsewhere(issuer, page)).toBe(named);
  });

  it('a domain with the same name under another suffix is another site', () => {
    expect(issuerElsewhere('example.org', 'https://example.com/')).toBe('example.org');
  });

  it('caps what it repeats of a long issuer', () => {
    expect(issuerElsewhere('x'.repeat(500), 'https://example.com/').length).toBe(64);
  });
});
