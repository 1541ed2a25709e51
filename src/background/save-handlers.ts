import type { Capture, EntryValues } from '../capture/types';
import { t } from '../platform/i18n';
import type { Answer, Handlers } from '../protocol/messages';
import type { Result } from '../errors';
import { ALLOWED_FROM, getCapture, listForPopup, removeCapture, transition } from '../capture/store';
import { currentEntry, decisionView, snapshotOf } from '../save/entries';
import { clientFor } from '../save/connection';
import { addSiteCapture, neverForSite } from '../save/offer';
import { loadDefaults, neverSites, setNeverSite, storeDefaults } from '../save/preferences';
import { saveOnce, toUiError } from '../save/save';
import { describeUpdate, planSave } from '../save/plan';
import { loadSettings, settingsView, type Settings } from '../save/settings';
import { checkConnection, saveSettings } from '../save/connect';
import { readPolicy } from '../save/policy';
import { qrScanningOn } from '../save/managed';

// The background's answers to the extension's own pages about captures, saving and settings (src/protocol/messages.ts):
// wiring of the save capability (src/save/) to the message table, so save/ itself never imports the protocol.

/**
 * Answers a request about pending capture `id` with what `work` returns: `gone` when the capture is no longer pending,
 * `not-configured` without settings, and a failure of `work` (MySafe's, mostly) as the error it explains.
 */
async function aboutCapture<T>(id: string, work: (capture: Capture, settings: Settings) => Promise<T>): Promise<Result<T>> {
  const capture = await getCapture(id);
  if (!capture) return { ok: false, error: { kind: 'gone' } };
  const settings = await loadSettings();
  if (!settings) return { ok: false, error: { kind: 'not-configured' } };
  try {
    return { ok: true, value: await work(capture, settings) };
  } catch (error) {
    return { ok: false, error: toUiError(error) };
  }
}

function decisionFor(id: string): Promise<Answer<'capture-decision'>> {
  return aboutCapture(id, async (capture, settings) => {
    const view = await decisionView(clientFor(settings), capture);
    // MySafe already holds this login (it was saved meanwhile, or MySafe could not be asked when it came): no prompt.
    // A login carrying a scanned key stays: the key still has to be saved.
    if (view.action === 'none') await transition(id, ALLOWED_FROM.drop, (c) => (c.kind === 'totp' || c.totp ? c : null));
    return view;
  });
}

function preview(id: string, values: EntryValues): Promise<Answer<'preview-update'>> {
  return aboutCapture(id, async (capture, settings) => {
    if (values.target === 'new') return [];
    const entry = await currentEntry(clientFor(settings), values.target);
    const withKey = capture.totp ? { ...values, secretKey: capture.totp.secret } : values;
    const plan = planSave(withKey, entry);
    return plan.method === 'update' ? describeUpdate(entry, plan.body, t('sharingEditMark')) : [];
  });
}

function snapshot(id: string, identifier: string): Promise<Answer<'entry-snapshot'>> {
  return aboutCapture(id, async (_capture, settings) => snapshotOf(await currentEntry(clientFor(settings), identifier)));
}

const ok = { ok: true, value: undefined } as const;

export const saveHandlers = {
  'get-settings': async () => settingsView(),
  'save-settings': async ({ baseUrl, clientId, clientSecret }) => saveSettings(baseUrl, clientId, clientSecret),
  'check-connection': async () => checkConnection(),
  'get-captures': async () => {
    // Read together: the popup's first paint waits for this answer.
    const [settings, captures, { policy }] = await Promise.all([loadSettings(), listForPopup(), readPolicy()]);
    return { configured: !!settings, captures, qrScanning: qrScanningOn(policy) };
  },
  'save-capture': async ({ id, values }) => saveOnce(id, values, 'person'),
  'dismiss-capture': async ({ id }) => {
    await removeCapture(id);
    return ok;
  },
  'capture-decision': async ({ id }) => decisionFor(id),
  'preview-update': async ({ id, values }) => preview(id, values),
  'entry-snapshot': async ({ id, identifier }) => snapshot(id, identifier),
  'never-site': async ({ id }) => ((await neverForSite(id)) ? ok : { ok: false, error: { kind: 'gone' } }),
  'add-site': async ({ tabId }) => {
    const capture = await addSiteCapture(tabId);
    return capture ? { ok: true, value: { id: capture.id } } : { ok: false, error: { kind: 'no-page' } };
  },
  'get-preferences': async () => ({ defaults: await loadDefaults(), neverSites: await neverSites() }),
  'save-defaults': async ({ defaults }) => {
    await storeDefaults(defaults);
    return ok;
  },
  'remove-never-site': async ({ host }) => {
    await setNeverSite(host, false);
    return ok;
  },
} satisfies Handlers<
  | 'get-settings'
  | 'save-settings'
  | 'check-connection'
  | 'get-captures'
  | 'save-capture'
  | 'dismiss-capture'
  | 'capture-decision'
  | 'preview-update'
  | 'entry-snapshot'
  | 'never-site'
  | 'add-site'
  | 'get-preferences'
  | 'save-defaults'
  | 'remove-never-site'
>;
