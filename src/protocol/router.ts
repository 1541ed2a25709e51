import type { Runtime } from 'webextension-polyfill';
import { typeOf, type Handler, type Handlers, type MessageType, type SenderKind, type TypesFrom } from './messages';

// How every receiver of the table's messages (./messages.ts) answers: the background and the offscreen decoder.

/** Handler maps by sender kind; each holds only types that kind may send (check with `satisfies HandlerMaps`). */
export type HandlerMaps = { [K in SenderKind]?: Partial<Handlers<TypesFrom<K>>> };

/**
 * A runtime.onMessage listener that answers a message only when the map of its sender's kind (by `kindOf`, from what
 * the browser says) holds its type. Anything else gets no answer from it: every context gets every message, and
 * another may be the one to answer.
 */
export function messageRouter(handlers: HandlerMaps, kindOf: (sender: Runtime.MessageSender) => SenderKind | undefined) {
  return (message: unknown, sender: Runtime.MessageSender): Promise<unknown> | undefined => {
    const type = typeOf(message);
    const kind = kindOf(sender);
    if (!type || !kind) return undefined;
    const table = (handlers[kind] ?? {}) as Partial<Record<MessageType, Handler<MessageType>>>;
    if (!Object.hasOwn(table, type)) return undefined;
    return table[type]!(message as never, sender);
  };
}
