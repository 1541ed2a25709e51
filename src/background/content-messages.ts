import browser from 'webextension-polyfill';
import type { Capture, SubmittedForm } from '../shared/capture';
import { captureSourceOf, isMySafeServerOrigin, type SenderInfo } from '../shared/capture-source';
import type { ContentMessage } from '../shared/messages';
import { offerCapture } from './offer';
import { openPopupWhereSafe } from './open-popup';
import { loadSettings } from './settings';
import { mergeSteps, type Incoming, type StagedSteps } from './steps';
import { watchForRejection } from './submit-confirm';

// What the background does with a form a content script reports. Where it was typed comes from `sender` only.

const USERNAME_STEPS_KEY = 'username-steps';

// Two-step logins (src/background/steps.ts): stage username steps, complete the password step. One update at a time.
let stepsQueue: Promise<unknown> = Promise.resolve();
function mergeWithSteps(incoming: Incoming): Promise<SubmittedForm | undefined> {
  const run = stepsQueue.then(async () => {
    const stored = (await browser.storage.session.get(USERNAME_STEPS_KEY))[USERNAME_STEPS_KEY] as StagedSteps | undefined;
    const { steps, form } = mergeSteps(stored ?? {}, incoming, Date.now());
    await browser.storage.session.set({ [USERNAME_STEPS_KEY]: steps });
    return form;
  });
  stepsQueue = run.catch(() => {});
  return run;
}

export async function onFormSubmitted(message: ContentMessage, sender: SenderInfo): Promise<void> {
  const receivedAt = Date.now();
  const source = captureSourceOf(sender);
  if (!source) return;
  const settings = await loadSettings();
  if (isMySafeServerOrigin(source.origin, settings?.baseUrl)) return;

  const form = await mergeWithSteps({ tabId: source.tabId, origin: source.origin, form: message.form });
  if (!form?.password || form.kind === 'username') return;
  const username = form.username;

  const capture: Capture = {
    id: crypto.randomUUID(),
    kind: form.kind,
    ...source,
    username,
    password: form.password,
    ...(form.oldPassword ? { oldPassword: form.oldPassword } : {}),
    createdAt: Date.now(),
  };
  // A 4xx answer to the submission's request drops it again (src/background/submit-confirm.ts).
  // Not for a never-site, nor when MySafe already holds this login (src/background/offer.ts).
  const kept = await offerCapture(capture);
  if (!kept) return;
  watchForRejection(kept, receivedAt);
  await openPopupWhereSafe();
}
