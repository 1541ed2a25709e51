// Every message between the extension's parts, in one table: its request, its answer, and who may send it.
//
// - `content`: a content script in a web page (untrusted: the page may have planted what it reports). Where it was
//   typed comes from the browser's `sender`, never from the message.
// - `page`: one of the extension's own pages (popup, options), recognised by the sender's URL.
// - `worker`: the background, to the offscreen decoder or to a tab's content script.
//
// The background's router (src/background/router.ts) answers exactly the types its handler maps hold, and only from
// the sender each type names.
import type { Runtime } from 'webextension-polyfill';
import type { EntryValues, FormKind, SubmittedForm } from '../capture/types';
import type { WhyReason, WhyReport } from '../capture/why';
import type { TotpValues } from '../totp/types';
import type { QrDecodeAnswer, QrDecodeRequest } from '../totp/qr/offscreen-document';
import type { CaptureDefaults, Change, DecisionView, EntrySnapshot, Preferences, SettingsView } from '../save/types';
import type { Result } from '../errors';
import type { CapturesView } from './ui';
import type { ScanSummary } from '../totp/scan-rules';

export type SenderKind = 'content' | 'page' | 'worker';

type Entry<From extends SenderKind, Req, Ans> = { from: From; request: Req; answer: Ans };
type Empty = Record<never, never>;

export interface Messages {
  /** A form the user sent; the background keeps a capture of it or not (no answer either way). */
  'form-submitted': Entry<'content', { form: SubmittedForm }, void>;
  /** A submission the content script saw and did not report, and why (for "See why"; never a value). */
  'form-skipped': Entry<'content', { reason: WhyReason; kind?: FormKind }, void>;

  'get-settings': Entry<'page', Empty, SettingsView>;
  /** An empty clientSecret keeps the stored one, for the same server origin only. */
  'save-settings': Entry<'page', { baseUrl: string; clientId: string; clientSecret: string }, Result>;
  /** Whether the stored settings work, by a token obtained or still valid: `not-configured` without settings. */
  'check-connection': Entry<'page', Empty, Result>;
  'get-captures': Entry<'page', Empty, CapturesView>;
  'save-capture': Entry<'page', { id: string; values: EntryValues }, Result<{ identifier: string }>>;
  /** Drops a capture (Not now), or closes a saved one (Done). */
  'dismiss-capture': Entry<'page', { id: string }, Result>;

  'capture-decision': Entry<'page', { id: string }, Result<DecisionView>>;
  /** What saving these values into the entry `values.target` would change. */
  'preview-update': Entry<'page', { id: string; values: EntryValues }, Result<Change[]>>;
  /** An entry the user picked that the decision did not read. */
  'entry-snapshot': Entry<'page', { id: string; identifier: string }, Result<EntrySnapshot>>;
  /** Drop the capture and never offer captures for its site again. */
  'never-site': Entry<'page', { id: string }, Result>;
  /** "See why": what became of the tab's submissions of the last minutes (reasons and roles only). */
  /** `withForms`: also read the forms of every frame now (the panel asks it once, when it opens, not on each refresh). */
  'why-report': Entry<'page', { tabId: number; withForms?: boolean }, WhyReport>;
  /** "Add a login by hand": a capture for the tab's page with empty username and password. */
  'add-site': Entry<'page', { tabId: number }, Result<{ id: string }>>;
  'get-preferences': Entry<'page', Empty, Preferences>;
  'save-defaults': Entry<'page', { defaults: CaptureDefaults }, Result>;
  'remove-never-site': Entry<'page', { host: string }, Result>;

  /** Screenshot the tab (the visible one of its window, or made so for a moment) and read its QR codes. */
  'otp-scan-tab': Entry<'page', { tabId: number }, ScanSummary>;
  /** A key typed or pasted in the popup, for the tab's site. */
  'otp-add-manual': Entry<'page', { tabId: number; text: string }, ScanSummary>;
  'otp-save': Entry<'page', { id: string; values: TotpValues }, Result<{ identifier: string }>>;
  /** The last scan made from the right-click menu on this tab, for the popup to show what it found. */
  'otp-last-scan': Entry<'page', { tabId: number }, ScanSummary | null>;

  /** To the offscreen document: the QR codes of an image, with where each was drawn. */
  'qr-decode': Entry<'worker', Omit<QrDecodeRequest, 'type'>, QrDecodeAnswer>;
}

export type MessageType = keyof Messages;
export type Request<T extends MessageType> = { type: T } & Messages[T]['request'];
export type Answer<T extends MessageType> = Messages[T]['answer'];

/** The message types a sender of `kind` may send. */
export type TypesFrom<Kind extends SenderKind> = { [T in MessageType]: Messages[T]['from'] extends Kind ? T : never }[MessageType];

export type Handler<T extends MessageType> = (request: Request<T>, sender: Runtime.MessageSender) => Promise<Answer<T>>;

/** A handler for each type of `Types`: check a map with `satisfies Handlers<…>`. */
export type Handlers<Types extends MessageType> = { [T in Types]: Handler<T> };

/** The type of a message, if it has one of the table's. */
export function typeOf(message: unknown): MessageType | undefined {
  if (!message || typeof message !== 'object') return undefined;
  const type = (message as { type?: unknown }).type;
  return typeof type === 'string' ? (type as MessageType) : undefined;
}

interface RuntimeLike {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}

/** Sends `request` to the extension's other contexts (from a page: the background) and returns its typed answer. */
export function send<T extends MessageType>(api: RuntimeLike, request: Request<T>): Promise<Answer<T>> {
  return api.runtime.sendMessage(request) as Promise<Answer<T>>;
}
