import type { NewCapture } from '../capture/types';
import { captureSourceOf, isMySafeServerOrigin, type CaptureSource, type SenderInfo } from '../capture/source';
import { overCaps, readSkipReason, readSubmittedForm } from '../protocol/content';
import { rolesOf } from '../capture/why';
import { noteWhy } from '../capture/why-record';
import { openPopupOncePerPage } from '../capture/popup-once';
import { update } from '../protocol/storage';
import { offerCapture } from '../save/offer';
import { loadSettings } from '../save/settings';
import { mergeSteps, type Incoming, type Merged } from '../capture/steps';
import { removeCaptures } from '../capture/store';
import { KeyedQueue } from '../capture/keyed-queue';
import { siteKey } from '../platform/site';
import { watchForRejection } from '../capture/refused-login';

// What the background does with a form a content script reports. Where it was typed comes from `sender` only.
// Here, not in capture/, because it joins capture to save (is MySafe's server the page? is the login offered?):
// save/ reads captures, capture/ never reads save/.

// Two-step logins (src/capture/steps.ts): stage username steps, complete the password step.
async function mergeWithSteps(incoming: Incoming): Promise<Merged> {
  let result: Merged = { steps: {} };
  await update('username-steps', (stored) => {
    const merged = mergeSteps(stored ?? {}, incoming, Date.now());
    result = merged;
    // Unchanged steps are not written again.
    return JSON.stringify(merged.steps) === JSON.stringify(stored ?? {}) ? stored : merged.steps;
  });
  return result;
}

/** One tab's submissions are handled one after another (src/capture/keyed-queue.ts); other tabs' do not wait. */
const submissionsOfTab = new KeyedQueue<number>();

/** The background's handler of `form-submitted` (src/protocol/messages.ts). */
export async function onFormSubmitted(message: unknown, sender: SenderInfo): Promise<void> {
  const receivedAt = Date.now();
  const source = captureSourceOf(sender);
  if (!source) return;
  return submissionsOfTab.run(source.tabId, () => handleSubmission(message, source, receivedAt));
}

/** A submission from `source`, once the tab's earlier ones are handled: staged, offered, or noted why not. */
async function handleSubmission(message: unknown, source: CaptureSource, receivedAt: number): Promise<void> {
  const submitted = readSubmittedForm(message);
  if (!submitted) {
    if (overCaps(message)) noteWhy(source, { reason: 'too-long', roles: [] });
    return;
  }
  const roles = rolesOf(submitted);
  const settings = await loadSettings();
  if (isMySafeServerOrigin(source.origin, settings?.baseUrl)) return noteWhy(source, { reason: 'mysafe-server', kind: submitted.kind, roles });

  const { form, replaces } = await mergeWithSteps({ tabId: source.tabId, origin: source.origin, form: submitted });
  if (!form?.password || form.kind === 'username') {
    if (submitted.kind === 'username') noteWhy(source, { reason: 'username-step', kind: 'username', roles });
    return;
  }
  // A password change in steps: the login offered for its current-password step (handled before this one, as the
  // tab's submissions are) becomes part of this change.
  if (replaces) {
    const site = siteKey(source.origin);
    await removeCaptures(
      (c) => c.state.status === 'pending' && c.kind === 'login' && c.tabId === source.tabId && siteKey(c.origin) === site &&
        c.username === replaces.username && c.password === replaces.password,
    );
  }

  const capture: NewCapture = {
    id: crypto.randomUUID(),
    kind: form.kind,
    ...source,
    username: form.username,
    password: form.password,
    ...(form.oldPassword ? { oldPassword: form.oldPassword } : {}),
    ...(form.orderGuessed ? { orderGuessed: true } : {}),
    ...(form.kindGuessed ? { kindGuessed: true } : {}),
    createdAt: Date.now(),
  };
  // A 4xx answer to the submission's request drops it again (src/capture/refused-login.ts).
  // Not for a never-site, nor when MySafe already holds this login (src/save/offer.ts).
  const kept = await offerCapture(capture);
  if (typeof kept === 'string') return noteWhy(source, { reason: kept, kind: form.kind, roles: rolesOf(form) });
  noteWhy(source, { reason: 'kept', kind: form.kind, roles: rolesOf(form) });
  watchForRejection(kept, receivedAt);
  await openPopupOncePerPage(source.tabId);
}

/** The background's handler of `form-skipped`: a submission the content script saw and did not report, and why. */
export async function onFormSkipped(message: unknown, sender: SenderInfo): Promise<void> {
  const source = captureSourceOf(sender);
  const skipped = readSkipReason(message);
  if (source && skipped) noteWhy(source, { ...skipped, roles: [] });
}
