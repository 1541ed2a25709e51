// One organisation's domain, many applications: the vault holds `alice` on several hosts of corp.example (Chromium
// resolves *.corp.example to the test site, see harness.ts). A login on another host of the domain preselects a new
// entry and names the others; a login on one of them (plain http, not loopback) preselects none of its entries;
// thousands of siblings stay searchable.
import type { Page } from '@playwright/test';
import { ORG_DOMAIN } from '../support/site';
import { test, expect, type ExtensionHarness } from './harness';
import { LOGIN_PAGE } from './steps';

const APPS = ['wiki', 'crm', 'mail', 'docs', 'intranet'];
const ALICE = 'alice@corp.example';
const DIRECTORY_PASSWORD = 'Directory-Pass-1';

const orgUrl = (ext: ExtensionHarness, app: string, path = '/login') => `http://${app}.${ORG_DOMAIN}:${new URL(ext.site.origin).port}${path}`;

function seedApps(ext: ExtensionHarness) {
  return APPS.map((app) =>
    ext.mysafe.addEntry('demo', { name: `Corp ${app}`, url: orgUrl(ext, app, '/'), username: ALICE, password: DIRECTORY_PASSWORD }),
  );
}

async function logInAt(ext: ExtensionHarness, app: string, password: string): Promise<Page> {
  ext.site.route('/login', LOGIN_PAGE);
  const page = await ext.context.newPage();
  await page.goto(orgUrl(ext, app));
  await page.getByLabel('Email').pressSequentially(ALICE);
  await page.getByLabel('Password').pressSequentially(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/session');
  return page;
}

const writes = (ext: ExtensionHarness) =>
  ext.mysafe.requests().filter((r) => (r.method === 'PUT' || r.method === 'POST') && r.path.startsWith('/api/mysafe/')).map((r) => `${r.method} ${r.path}`);

test('a login on a sixth host of the domain preselects a new entry and names the other applications', async ({ ext }) => {
  await ext.configure();
  const seeded = seedApps(ext);
  // The same directory password as every sibling entry: still asked (a sibling's entry is not this application's).
  const page = await logInAt(ext, 'hr', DIRECTORY_PASSWORD);
  const popup = await ext.openPopup(page);
  const card = popup.getByTestId('capture');
  await expect(card.getByTestId('capture-question')).toHaveText('Save login to MySafe?');
  await expect(card.getByTestId('capture-target')).toHaveValue('new');
  await expect(card.getByTestId('capture-others')).toHaveText(`${ALICE} also has entries for wiki, crm, mail, and 2 more on ${ORG_DOMAIN}.`);
  // The siblings are offered after "A new entry", five at most, so no search box.
  await expect(card.getByTestId('capture-target').locator('option')).toHaveCount(6);
  await expect(card.getByTestId('capture-target').locator('option').first()).toHaveText('A new entry');
  await expect(card.getByTestId('capture-target-search')).toHaveCount(0);

  await card.getByTestId('capture-save').click();
  await expect(card.getByTestId('capture-status')).toHaveAttribute('data-state', 'saved');
  expect(writes(ext)).toEqual(['POST /api/mysafe/password']);
  expect(ext.mysafe.entries().filter((e) => seeded.some((s) => s.identifier === e.identifier)).map((e) => e.password)).toEqual(
    APPS.map(() => DIRECTORY_PASSWORD),
  );
  expect(ext.mysafe.entries().at(-1)).toEqual(expect.objectContaining({ url: orgUrl(ext, 'hr'), username: ALICE }));
});

// Plain http on a name that is not loopback (crm.corp.example only resolves to 127.0.0.1 here): the login may have
// been read or changed on the way, so none of the host's entries is preselected, however it is stored (http, https or
// without a scheme); they stay choosable, and the card says the page is not secure.
test('a login on one of the five hosts over plain http preselects none of its entries and says the page is not secure', async ({ ext }) => {
  await ext.configure();
  const seeded = seedApps(ext);
  const port = new URL(ext.site.origin).port;
  const bare = ext.mysafe.addEntry('demo', { name: 'Corp crm bare', url: `crm.${ORG_DOMAIN}:${port}`, username: ALICE, password: 'x-1' });
  const tls = ext.mysafe.addEntry('demo', { name: 'Corp crm tls', url: `https://crm.${ORG_DOMAIN}:${port}/login`, username: ALICE, password: 'x-2' });
  const crm = seeded[APPS.indexOf('crm')];
  const page = await logInAt(ext, 'crm', 'New-Directory-2');
  const popup = await ext.openPopup(page);
  const card = popup.getByTestId('capture');
  await expect(card.getByTestId('capture-not-secure')).toHaveText(
    `crm.${ORG_DOMAIN}:${port} is not secure (plain http): what you typed could be read or changed on the way. No entry is preselected for an update; pick one only if you trust this page.`,
  );
  await expect(card.getByTestId('capture-question')).toHaveText('Save login to MySafe?');
  // The entries come with the decision, after the card first shows: wait for them, then none is preselected.
  await expect
    .poll(() => card.getByTestId('capture-target').locator('option').evaluateAll((options) => options.slice(0, 4).map((o) => (o as HTMLOptionElement).value)))
    .toEqual(['new', crm.identifier, bare.identifier, tls.identifier]);
  await expect(card.getByTestId('capture-target')).toHaveValue('new');

  // Still choosable: the person picks the https entry and updates it.
  await card.getByTestId('capture-target').selectOption(tls.identifier);
  await expect(card.getByTestId('capture-question')).toHaveText(`Update password for ${ALICE}?`);
  await card.getByTestId('capture-save').click();
  await expect(card.getByTestId('capture-status')).toHaveAttribute('data-state', 'saved');
  expect(writes(ext)).toEqual([`PUT /api/mysafe/password/update/${tls.identifier}`]);
  expect(ext.mysafe.entries().find((e) => e.identifier === crm.identifier)?.password).toBe(DIRECTORY_PASSWORD);
});

test('2,000 sibling entries: five in the select, the others found through the search box', async ({ ext }) => {
  await ext.configure();
  const seeded = Array.from({ length: 2_000 }, (_, i) =>
    ext.mysafe.addEntry('demo', { name: `App ${i}`, url: `app${i}.${ORG_DOMAIN}`, username: ALICE, password: `pw-${i}` }),
  );
  const page = await logInAt(ext, 'hr', 'Hr-Pass-3');
  const popup = await ext.openPopup(page);
  const card = popup.getByTestId('capture');
  await expect(card.getByTestId('capture-target')).toHaveValue('new');
  const search = card.getByTestId('capture-target-search');
  await expect(search).toBeVisible();
  await expect(card.getByTestId('capture-target').locator('option')).toHaveCount(6);

  await search.fill('app1234.corp');
  await expect(card.getByTestId('capture-target-found')).toHaveText('1 found: pick one in the list above.');
  await expect(card.getByTestId('capture-target').locator('option')).toHaveCount(2);
  await card.getByTestId('capture-target').selectOption(seeded[1234].identifier);
  await expect(card.getByTestId('capture-target')).toHaveValue(seeded[1234].identifier);
  await expect(card.getByTestId('capture-name')).toHaveValue('App 1234');
  // Clearing the search keeps the chosen entry in the select.
  await search.fill('');
  await expect(card.getByTestId('capture-target')).toHaveValue(seeded[1234].identifier);

  await card.getByTestId('capture-save').click();
  await expect(card.getByTestId('capture-status')).toHaveAttribute('data-state', 'saved');
  expect(writes(ext)).toEqual([`PUT /api/mysafe/password/update/${seeded[1234].identifier}`]);
});
