import type { Runtime } from 'webextension-polyfill';
import { typeOf, type Handler, type Handlers, type MessageType, type SenderKind, type TypesFrom } from '../protocol/messages';
import { OFFSCREEN_DOCUMENT_PATH } from '../protocol/otp';

// Which of the table's messages (src/protocol/messages.ts) the background answers, and from whom: a type is answered
// only when the handler map of its sender's kind holds it; anything else gets no answer at all.

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

export function createRouter(handlers: RouterHandlers, extensionUrl: string) {
  return (message: unknown, sender: Runtime.MessageSender): Promise<unknown> | undefined => {
    const type = typeOf(message);
    const kind = senderKind(sender, extensionUrl);
    if (!type || (kind !== 'content' && kind !== 'page')) return undefined;
    const table = handlers[kind] as Partial<Record<MessageType, Handler<MessageType>>>;
    if (!Object.hasOwn(table, type)) return undefined;
    return table[type]!(message as never, sender);
  };
}
