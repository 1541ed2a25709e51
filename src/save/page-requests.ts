import { checkBaseUrl } from '../mysafe';
import type { Result, UiRequest, UiResponses } from '../protocol/ui';
import { listCaptures, removeCapture } from '../capture/store';
import { invalidateList } from './entries';
import { clientFor, resetClient } from './connection';
import { saveOnce, toUiError } from './save';
import { loadSettings, settingsView, storeSettings } from './settings';

// Requests from the extension's own pages (popup and options).

async function saveSettings(baseUrl: string, clientId: string, clientSecret: string): Promise<Result> {
  const checked = checkBaseUrl(baseUrl);
  if (!checked.ok) return { ok: false, error: { kind: checked.reason === 'not-https' ? 'not-https' : 'invalid-url' } };
  const secret = clientSecret || (await loadSettings())?.clientSecret || '';
  if (!clientId.trim() || !secret) return { ok: false, error: { kind: 'missing-values' } };
  const settings = { baseUrl: checked.baseUrl, clientId: clientId.trim(), clientSecret: secret };
  await storeSettings(settings);
  await resetClient();
  await invalidateList();
  try {
    await clientFor(settings).checkConnection();
    return { ok: true, value: undefined };
  } catch (error) {
    return { ok: false, error: toUiError(error) };
  }
}

export async function onUiRequest(request: UiRequest): Promise<UiResponses[UiRequest['type']]> {
  switch (request.type) {
    case 'get-settings':
      return settingsView();
    case 'save-settings':
      return saveSettings(request.baseUrl, request.clientId, request.clientSecret);
    case 'get-captures': {
      // Read together: the popup's first paint waits for this answer.
      const [settings, captures] = await Promise.all([loadSettings(), listCaptures()]);
      return { configured: !!settings, captures };
    }
    case 'save-capture':
      return saveOnce(request.id, request.values, 'person');
    case 'dismiss-capture':
      await removeCapture(request.id);
      return { ok: true, value: undefined };
  }
}
