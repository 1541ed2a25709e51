import browser from 'webextension-polyfill';
import type { Capture } from '../shared/capture';
import { captureSourceOf, isMySafeServerOrigin, type SenderInfo } from '../shared/capture-source';
import type { ContentMessage } from '../shared/messages';
import { addCapture } from './captures';
import { loadSettings } from './settings';

// What the background does with a form a content script reports. Where it was typed comes from `sender` only.

const USERNAME_STEPS_KEY = 'username-steps';
/** How long the username of a two-step login's first page waits for its password page. */
const USERNAME_STEP_TTL_MS = 10 * 60_000;

interface UsernameStep {
  origin: string;
  username: string;
  at: number;
}

async function usernameSteps(): Promise<Record<string, UsernameStep>> {
  return ((await browser.storage.session.get(USERNAME_STEPS_KEY))[USERNAME_STEPS_KEY] as Record<string, UsernameStep>) ?? {};
}

export async function onFormSubmitted(message: ContentMessage, sender: SenderInfo): Promise<void> {
  const source = captureSourceOf(sender);
  if (!source) return;
  const settings = await loadSettings();
  if (isMySafeServerOrigin(source.origin, settings?.baseUrl)) return;

  const { form } = message;
  const steps = await usernameSteps();
  if (form.kind === 'username') {
    steps[source.tabId] = { origin: source.origin, username: form.username, at: Date.now() };
    await browser.storage.session.set({ [USERNAME_STEPS_KEY]: steps });
    return;
  }
  if (!form.password) return;

  let username = form.username;
  const step = steps[source.tabId];
  if (!username && step && step.origin === source.origin && Date.now() - step.at < USERNAME_STEP_TTL_MS) {
    username = step.username;
  }

  const capture: Capture = {
    id: crypto.randomUUID(),
    kind: form.kind,
    ...source,
    username,
    password: form.password,
    ...(form.oldPassword ? { oldPassword: form.oldPassword } : {}),
    createdAt: Date.now(),
  };
  await addCapture(capture);
  try {
    // Chrome opens the popup without a click only in some cases; the badge shows the capture either way.
    await browser.action.openPopup();
  } catch {
    // Not allowed here: the user opens the popup from the badge.
  }
}
