import type { Capture } from '../capture/types';
import { t } from '../platform/i18n';
import type { SaveRequest, SaveResponses } from '../protocol/save';
import type { EntryValues, Result } from '../protocol/ui';
import { getCapture, removeCapture } from '../capture/store';
import { currentEntry, decisionView, snapshotOf } from './entries';
import { clientFor } from './connection';
import { addSiteCapture, neverForSite } from '../capture/offer';
import { loadDefaults, neverSites, setNeverSite, storeDefaults } from './preferences';
import { toUiError } from './save';
import { describeUpdate, planSave } from './plan';
import { loadSettings, type Settings } from './settings';

// Save-or-update requests from the extension's own pages (src/protocol/save.ts).

type Answer = SaveResponses[SaveRequest['type']];

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

function decisionFor(id: string): Promise<SaveResponses['capture-decision']> {
  return aboutCapture(id, async (capture, settings) => {
    const view = await decisionView(clientFor(settings), capture);
    // MySafe already holds this login (it was saved meanwhile, or MySafe could not be asked when it came): no prompt.
    // A login carrying a scanned key stays: the key still has to be saved.
    if (view.action === 'none' && capture.kind !== 'totp' && !capture.totp) await removeCapture(id);
    return view;
  });
}

function preview(id: string, values: EntryValues): Promise<SaveResponses['preview-update']> {
  return aboutCapture(id, async (capture, settings) => {
    if (values.target === 'new') return [];
    const entry = await currentEntry(clientFor(settings), values.target);
    const withKey = capture.totp ? { ...values, secretKey: capture.totp.secret } : values;
    const plan = planSave(withKey, entry);
    return plan.method === 'update' ? describeUpdate(entry, plan.body, t('sharingEditMark')) : [];
  });
}

function snapshot(id: string, identifier: string): Promise<SaveResponses['entry-snapshot']> {
  return aboutCapture(id, async (_capture, settings) => snapshotOf(await currentEntry(clientFor(settings), identifier)));
}

export async function onSaveRequest(request: SaveRequest): Promise<Answer> {
  switch (request.type) {
    case 'capture-decision':
      return decisionFor(request.id);
    case 'preview-update':
      return preview(request.id, request.values);
    case 'entry-snapshot':
      return snapshot(request.id, request.identifier);
    case 'never-site':
      return (await neverForSite(request.id)) ? { ok: true, value: undefined } : { ok: false, error: { kind: 'gone' } };
    case 'add-site': {
      const capture = await addSiteCapture(request.tabId);
      return capture ? { ok: true, value: { id: capture.id } } : { ok: false, error: { kind: 'no-page' } };
    }
    case 'get-preferences':
      return { defaults: await loadDefaults(), neverSites: await neverSites() };
    case 'save-defaults':
      await storeDefaults(request.defaults);
      return { ok: true, value: undefined };
    case 'remove-never-site':
      await setNeverSite(request.host, false);
      return { ok: true, value: undefined };
  }
}
