// Whether a key's issuer names another site than the page that showed it. A phishing page, a tutorial or a support
// chat can show a code meant for some other service; the card then says so. Pure: no browser globals.
import { registrableDomain } from '../platform/site';
import { originOf } from '../platform/origin';
import { sharedPartners } from '../save/matching';

const DOMAIN_LIKE = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/;

/** A name's letters and digits only, lower case ("Bank of Example" → "bankofexample"). */
const compact = (text: string) => text.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * The site the issuer names when it is not the page's ('' when it names the page's site, one sharing its logins, or
 * nothing that can be checked: no issuer, a page on an IP address or localhost). An issuer written as a domain
 * (`github.com`) is compared by registrable domain; a name (`GitHub`, `Bank of Example`) by the words of the page's
 * host and of the domains sharing its logins (`aws` in aws.amazon.com, `microsoft` for live.com).
 */
export function issuerElsewhere(issuer: string, pageUrl: string): string {
  const page = originOf(pageUrl);
  const domain = page && registrableDomain(page.hostname);
  const named = issuer.trim();
  if (!page || !domain || !named) return '';
  const sites = new Set([domain, ...sharedPartners(page.hostname)]);

  const asHost = named.toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/[/:].*$/, '').replace(/^www\./, '');
  if (DOMAIN_LIKE.test(asHost)) {
    const issuerDomain = registrableDomain(asHost);
    if (!issuerDomain) return '';
    return sites.has(issuerDomain) ? '' : issuerDomain;
  }

  // The words a name of this site may use: the host's labels and each sharing domain's, suffix left out.
  const labels = new Set<string>();
  for (const site of [page.hostname, ...sites]) {
    const suffix = (registrableDomain(site) ?? site).split('.').slice(1).join('.');
    const own = suffix ? site.slice(0, -suffix.length - 1) : site;
    for (const label of own.split(/[.-]/)) if (label.length >= 3) labels.add(compact(label));
  }
  const whole = compact(named);
  const words = named.split(/[^\p{L}\p{N}]+/u).map(compact).filter((word) => word.length >= 3);
  const matches = (word: string) => [...labels].some((label) => label === word || label.includes(word) || word.includes(label));
  if (whole.length < 3 || matches(whole) || words.some(matches)) return '';
  return named.slice(0, 64);
}
