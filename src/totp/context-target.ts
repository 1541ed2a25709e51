// Remembers what the user last right-clicked in the top frame, for "Add authenticator key to MySafe": the background
// asks for its box only when that menu item is clicked (./in-page.ts describeContextTarget). One passive listener;
// the element is kept on the document in the content script's own world, which the page cannot see.
import { CONTEXT_TARGET_KEY } from './types';

export function watchContextTarget(): void {
  const store = document as unknown as Record<string, unknown>;
  addEventListener('contextmenu', (event) => void (store[CONTEXT_TARGET_KEY] = event.target), { capture: true, passive: true });
}
