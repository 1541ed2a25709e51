import { MySafeClient, checkBaseUrl } from '../mysafe';
import { sameOrigin } from '../platform/origin';
import type { Result, UiRequest, UiResponses } from '../protocol/ui';
import { listCaptures, removeCapture } from '../capture/store';
import { invalidateList } from './entries';
import { resetClient } from './connection';
import { saveOnce, toUiError } from './save';
import { loadSettings, settingsView, storeSettings } from './settings';

// Requests from the extension's own pages (popup and options).

/**
 * Stores new connection settings only once a token was obtained with them: until then, and when the check fails,
 * the stored settings and their client stay in use. An empty secret keeps the stored one, but only for the origin
 * it was entered for: a new server must be given the secret again, so a changed URL cannot carry it elsewhere.
 */
async function saveSettings(baseUrl: string, clientId: string, clientSecret: string): Promise<Result> {
  const checked = checkBaseUrl(baseUrl);
  if (!checked.ok) return { ok: false, error: { kind: checked.reason === 'not-https' ? 'not-https' : 'invalid-url' } };
  const stored = await loadSettings();
  if (!clientSecret && stored && !sameOrigin(stored.baseUrl, checked.baseUrl)) {
    return { ok: false, error: { kind: 'secret-required' } };
  }
  const secret = clientSecret || stored?.clientSecret || '';
  if (!clientId.trim() || !secret) return { ok: false, error: { kind: 'missing-values' } };
  const settings = { baseUrl: checked.baseUrl, clientId: clientId.trim(), clientSecret: secret };
  try {
    await new MySafeClient(settings).checkConnection();
  } catch (error) {
    return { ok: false, error: toUiError(error) };
  }
  await storeSettings(settings);
  await resetClient();
  await invalidateList();
  return { ok: true, value: undefined };
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
