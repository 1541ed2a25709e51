import { isMySafeError, checkBaseUrl, type Entry, type MySafeClient } from '../mysafe';
import type { EntryValues, Result, UiError, UiRequest, UiResponses } from '../shared/ui-messages';
import { getCapture, isUncertain, listCaptures, markUncertain, removeCapture } from './captures';
import { clientFor, resetClient } from './mysafe';
import { loadSettings, settingsView, storeSettings } from './settings';

// Requests from the extension's own pages (popup and options).

function toUiError(error: unknown): UiError {
  if (isMySafeError(error)) return { kind: error.kind, field: error.field, retryable: error.retryable };
  return { kind: 'unknown', retryable: true };
}

async function saveSettings(baseUrl: string, clientId: string, clientSecret: string): Promise<Result> {
  const checked = checkBaseUrl(baseUrl);
  if (!checked.ok) return { ok: false, error: { kind: checked.reason === 'not-https' ? 'not-https' : 'invalid-url' } };
  const secret = clientSecret || (await loadSettings())?.clientSecret || '';
  if (!clientId.trim() || !secret) return { ok: false, error: { kind: 'missing-values' } };
  const settings = { baseUrl: checked.baseUrl, clientId: clientId.trim(), clientSecret: secret };
  await storeSettings(settings);
  await resetClient();
  try {
    await clientFor(settings).checkConnection();
    return { ok: true, value: undefined };
  } catch (error) {
    return { ok: false, error: toUiError(error) };
  }
}

/** After a save that may have reached MySafe, an entry with the same name, url and username is that save. */
async function earlierSave(client: MySafeClient, values: EntryValues): Promise<string | undefined> {
  const found = await client.listEntries({ url: values.url, username: values.username });
  return found.find((e) => e.name === values.name && e.url === values.url && e.username === values.username)?.identifier;
}

async function writeEntry(client: MySafeClient, id: string, values: EntryValues): Promise<Entry | { identifier: string }> {
  const fields = {
    name: values.name,
    url: values.url,
    username: values.username,
    password: values.password,
    ...(values.notes ? { notes: values.notes } : {}),
    ...(values.tags ? { tags: values.tags } : {}),
    ...(values.secretKey ? { secret_key: values.secretKey } : {}),
  };
  if (values.target !== 'new') return client.updateEntry(values.target, fields);
  if (await isUncertain(id)) {
    const identifier = await earlierSave(client, values);
    if (identifier) return { identifier };
  }
  return client.createEntry(fields);
}

async function saveCapture(id: string, values: EntryValues): Promise<Result<{ identifier: string }>> {
  if (!(await getCapture(id))) return { ok: false, error: { kind: 'gone' } };
  const settings = await loadSettings();
  if (!settings) return { ok: false, error: { kind: 'not-configured' } };
  try {
    const entry = await writeEntry(clientFor(settings), id, values);
    await removeCapture(id);
    return { ok: true, value: { identifier: entry.identifier } };
  } catch (error) {
    // The capture stays whatever went wrong, so the user can try again.
    if (isMySafeError(error) && error.maybeApplied) await markUncertain(id, true);
    return { ok: false, error: toUiError(error) };
  }
}

// A double click on Save must make one request: a second save of the same capture joins the first.
const savesInFlight = new Map<string, Promise<Result<{ identifier: string }>>>();

function saveOnce(id: string, values: EntryValues): Promise<Result<{ identifier: string }>> {
  let running = savesInFlight.get(id);
  if (!running) {
    running = saveCapture(id, values).finally(() => savesInFlight.delete(id));
    savesInFlight.set(id, running);
  }
  return running;
}

export async function onUiRequest(request: UiRequest): Promise<UiResponses[UiRequest['type']]> {
  switch (request.type) {
    case 'get-settings':
      return settingsView();
    case 'save-settings':
      return saveSettings(request.baseUrl, request.clientId, request.clientSecret);
    case 'get-captures':
      return { configured: !!(await loadSettings()), captures: await listCaptures() };
    case 'save-capture':
      return saveOnce(request.id, request.values);
    case 'dismiss-capture':
      await removeCapture(request.id);
      return { ok: true, value: undefined };
  }
}
