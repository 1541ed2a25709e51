// Content script, injected into every frame of every http(s) page. Built as one classic script (no loader, no module
// files the page could load to tell the extension is installed). What runs at load is only this: two passive
// listeners that wait for the user to focus or type into a field (plus, in the top frame, the right-click listener
// of src/totp/context-target.ts for QR scans). The capture engine (./engine: classification, submission
// signals) is bundled in but evaluated on the first focus or typing, so pages nobody types into pay next to nothing.
import type { SubmittedForm } from '../capture/types';
import type { SkippedMessage } from '../protocol/content';
import { send } from '../protocol/messages';
import { watchContextTarget } from '../totp/context-target';

/**
 * The extension API without webextension-polyfill, which is kept off the content script's load path: Firefox's
 * `browser` or Chromium's `chrome`, whose runtime.sendMessage both return promises in MV3.
 */
const api = (globalThis as { browser?: typeof chrome }).browser ?? chrome;

// The background may be restarting; a lost message is a missed prompt, not an error for the page.
const report = (form: SubmittedForm) => void send(api, { type: 'form-submitted', form }).catch(() => undefined);
const skip = (reason: SkippedMessage['reason']) => void send(api, { type: 'form-skipped', reason }).catch(() => undefined);

/** Focus and input events seen before the engine was started, replayed to it once it is. */
const early: { type: string; path: EventTarget[]; byUser: boolean }[] = [];
let loading: Promise<void> | undefined;
const options = { capture: true, passive: true };

function wake(event: Event): void {
  if (!event.isTrusted) return;
  const path = event.composedPath();
  const target = path[0];
  // An input, or a custom element whose (maybe closed) shadow root holds one.
  if (!(target instanceof HTMLInputElement) && !(target instanceof Element && target.localName.includes('-'))) return;
  // Before the engine listens to key presses, the browser's user activation tells the user's typing from a script's.
  const activation = (navigator as Navigator & { userActivation?: { isActive: boolean } }).userActivation;
  early.push({ type: event.type, path, byUser: activation?.isActive ?? true });
  // Bundled into this file: the import only runs the engine's module code, it fetches nothing.
  loading ??= import('../capture/engine').then(({ startEngine }) => {
    document.removeEventListener('focusin', wake, options);
    document.removeEventListener('input', wake, options);
    const engine = startEngine({ send: report, skip });
    for (const { type, path, byUser } of early.splice(0)) {
      if (type === 'input') engine.noteTyping(path, byUser);
      else engine.noteFocus(path);
    }
  });
}

// The script can run twice in one frame (extension reload): one engine per document.
const marker = Symbol.for('mysafe-capture');
const flags = document as unknown as Record<symbol, boolean>;
if (!flags[marker]) {
  flags[marker] = true;
  document.addEventListener('focusin', wake, options);
  document.addEventListener('input', wake, options);
  // The background asks frame 0 only (src/totp/scan.ts).
  if (window === window.top) watchContextTarget();
}
