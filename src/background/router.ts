import type { Runtime } from 'webextension-polyfill';
import type { Handlers, SenderKind, TypesFrom } from '../protocol/messages';
import { messageRouter } from '../protocol/router';
import { OFFSCREEN_DOCUMENT_PATH } from '../totp/qr/offscreen-document';

// Which of the table's messages (src/protocol/messages.ts) the background answers, and from whom: a type is answered
// only when the handler map of its sender's kind holds it (src/protocol/router.ts); anything else gets no answer at all.

export interface RouterHandlers {
  content: Handlers<TypesFrom<'content'>>;
  page: Handlers<TypesFrom<'page'>>;
}

/** Who sent a message, as the browser says: an extension page by its URL, a content script by its tab. */
export function senderKind(sender: Runtime.MessageSender, extensionUrl: string): SenderKind | undefined {
  // The offscreen document decodes images from the web and sends nothing: answering it as a page would give a
  // decoder that a crafted image took over the popup's powers.
  if (sender.url?.startsWith(extensionUrl + OFFSCREEN_DOCUMENT_PATH)) return undefined;
  if (sender.url?.startsWith(extensionUrl)) return 'page';
  if (sender.tab?.id !== undefined && sender.tab.id >= 0) return 'content';
  return undefined;
}

/** The background's runtime.onMessage listener. */
export function createRouter(handlers: RouterHandlers, extensionUrl: string) {
  return messageRouter(handlers, (sender) => senderKind(sender, extensionUrl));
}
