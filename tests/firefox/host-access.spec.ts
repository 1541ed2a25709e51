// Host access in Firefox MV3: the user may withhold or revoke it. The popup and the options page then say that
// capture is off, and one click asks for it again (permissions.request); capture works once it is granted.
import { test, expect, clickOn } from './harness';
import { byTestId, logIn, waitForCards } from './steps';

// The grant is answered without Firefox's prompt, which a test cannot click: the browser still checks the request
// comes from a click.
test.use({ firefoxPrefs: { 'extensions.webextOptionalPermissionPrompts': false } });

const NOTICE = byTestId('host-access');

test('revoked host access: the popup and options say capture is off, one click grants it, and capture works again', async ({ ext }) => {
  await ext.configure();
  const options = await ext.open(ext.extUrl('src/options/index.html'));
  const popup = await ext.openPopup();
  await popup.waitForSelector(byTestId('no-captures'));
  expect(await popup.$(NOTICE)).toBeNull();
  expect(await options.$(NOTICE)).toBeNull();

  // What "Access your data for all websites" off in about:addons does: every host permission goes.
  await ext.inExtension((api) => api.permissions.remove({ origins: ['<all_urls>', 'http://*/*', 'https://*/*'] }), undefined);
  // Both pages notice the change while open.
  await popup.waitForSelector(NOTICE, { visible: true });
  await options.waitForSelector(NOTICE, { visible: true });
  expect(await options.$eval(NOTICE, (el) => el.textContent)).toContain('Capture is off');

  await clickOn(popup, byTestId('host-access-grant'));
  await popup.waitForSelector(NOTICE, { hidden: true });
  await options.waitForSelector(NOTICE, { hidden: true });
  expect(await ext.inExtension((api) => api.permissions.contains({ origins: ['<all_urls>'] }), undefined)).toBe(true);

  const page = await logIn(ext);
  await expect.poll(() => ext.badgeOf(page)).toBe('1');
  expect(await waitForCards(popup, 1)).toEqual(['login']);
});
