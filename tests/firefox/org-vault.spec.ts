// One organisation's domain, many applications, in Firefox: `alice` on five hosts of corp.example (Firefox resolves
// the hosts below to loopback, `network.dns.localDomains`). A login on a sixth host preselects a new entry and names
// the others; a login on one of them preselects its own entry; 2,000 siblings are found through the search box.
import { LOGIN_PAGE } from '../browser/steps';
import { ORG_DOMAIN } from '../support/site';
import { test, expect, until, type FirefoxHarness } from './harness';
import { byTestId, CARD, clickAndWaitForNavigation, saveCard, typeInto, valueOf, waitForCards, waitForText } from './steps';

const APPS = ['wiki', 'crm', 'mail', 'docs', 'intranet'];
const ALICE = 'alice@corp.example';
const DIRECTORY_PASSWORD = 'Directory-Pass-1';

test.use({ firefoxPrefs: { 'network.dns.localDomains': ['hr', ...APPS].map((app) => `${app}.${ORG_DOMAIN}`).join(',') } });

const orgUrl = (ext: FirefoxHarness, app: string, path = '/login') => `http://${app}.${ORG_DOMAIN}:${new URL(ext.site.origin).port}${path}`;
const inCard = (id: string) => `${CARD} ${byTestId(id)}`;
const writes = (ext: FirefoxHarness) =>
  ext.mysafe.requests().filter((r) => (r.method === 'PUT' || r.method === 'POST') && r.path.startsWith('/api/mysafe/')).map((r) => `${r.method} ${r.path}`);

async function logInAt(ext: FirefoxHarness, app: string, password: string) {
  ext.site.route('/login', LOGIN_PAGE);
  const page = await ext.open(orgUrl(ext, app));
  await typeInto(page, [
    ['input[name="email"]', ALICE],
    ['input[name="password"]', password],
  ]);
  await clickAndWaitForNavigation(page, 'button[type="submit"]');
  expect(new URL(page.url()).pathname).toBe('/session');
  const popup = await ext.openPopup(page);
  expect(await waitForCards(popup, 1)).toEqual(['login']);
  return popup;
}

test('a login on a sixth host of the domain preselects a new entry and names the others; on one of them over http, none', async ({ ext }) => {
  await ext.configure();
  const seeded = APPS.map((app) =>
    ext.mysafe.addEntry('demo', { name: `Corp ${app}`, url: orgUrl(ext, app, '/'), username: ALICE, password: DIRECTORY_PASSWORD }),
  );
  const popup = await logInAt(ext, 'hr', DIRECTORY_PASSWORD);
  await waitForText(popup, inCard('capture-others'), `${ALICE} also has entries for wiki, crm, mail, and 2 more on ${ORG_DOMAIN}.`);
  await waitForText(popup, inCard('capture-question'), 'Save login to MySafe?');
  expect(await valueOf(popup, inCard('capture-target'))).toBe('new');
  expect(await popup.$$eval(`${inCard('capture-target')} option`, (options) => options.length)).toBe(6);
  await saveCard(popup);
  expect(writes(ext)).toEqual(['POST /api/mysafe/password']);

  // On one of them, over plain http to a name that is not loopback: its own entry is offered, never preselected.
  const crm = seeded[APPS.indexOf('crm')];
  const again = await logInAt(ext, 'crm', 'New-Directory-2');
  await again.waitForSelector(inCard('capture-not-secure'));
  await waitForText(again, inCard('capture-question'), 'Save login to MySafe?');
  expect(await valueOf(again, inCard('capture-target'))).toBe('new');
  await again.select(inCard('capture-target'), crm.identifier);
  await waitForText(again, inCard('capture-question'), `Update password for ${ALICE}?`);
  await saveCard(again);
  expect(writes(ext)).toEqual(['POST /api/mysafe/password', `PUT /api/mysafe/password/update/${crm.identifier}`]);
});

test('2,000 sibling entries: five in the select, the others found through the search box', async ({ ext }) => {
  await ext.configure();
  const seeded = Array.from({ length: 2_000 }, (_, i) =>
    ext.mysafe.addEntry('demo', { name: `App ${i}`, url: `app${i}.${ORG_DOMAIN}`, username: ALICE, password: `pw-${i}` }),
  );
  const popup = await logInAt(ext, 'hr', 'Hr-Pass-3');
  const search = await popup.waitForSelector(inCard('capture-target-search'));
  expect(await popup.$$eval(`${inCard('capture-target')} option`, (options) => options.length)).toBe(6);
  await search!.type('app1234.corp');
  await waitForText(popup, inCard('capture-target-found'), '1 found: pick one in the list above.');
  await popup.select(inCard('capture-target'), seeded[1234].identifier);
  await until(popup, (sel: string) => (document.querySelector(sel) as HTMLInputElement | null)?.value === 'App 1234', [inCard('capture-name')]);
  expect(await valueOf(popup, inCard('capture-target'))).toBe(seeded[1234].identifier);
  await saveCard(popup);
  expect(writes(ext)).toEqual([`PUT /api/mysafe/password/update/${seeded[1234].identifier}`]);
});
