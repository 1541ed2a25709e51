import { MySafeClient, checkBaseUrl, sameOrigin } from '../mysafe';
import type { Result, UiRequest, UiResponses } from '../shared/ui-messages';
import { listCaptures, removeCapture } from './captures';
import { invalidateList } from './decisions';
import { resetClient } from './mysafe';
import { forgetSave, pendingRetries, savedByRetry, saveOnce, toUiError } from './save';
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
      const [settings, captures, retries, saved] = await Promise.all([loadSettings(), listCaptures(), pendingRetries(), savedByRetry()]);
      return { configured: !!settings, captures, retries, saved };
    }
    case 'save-capture':
      return saveOnce(request.id, request.values);
    case 'dismiss-capture':
      await removeCapture(request.id);
      await forgetSave(request.id);
      return { ok: true, value: undefined };
  }
}
