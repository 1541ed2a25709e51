// Remembers what the user last right-clicked, for "Add authenticator key to MySafe": a canvas, an inline SVG or an
// element with a CSS background image has no URL the menu could report, so the background crops the tab's
// screenshot to the element's box. One passive listener; nothing is sent until the background asks. Also tells the
// background when a tab it brought to the front for a QR scan has painted. Started by ./index in the top frame.
import type { ContextTarget } from '../protocol/otp';

let last: ContextTarget | null = null;

function describe(target: EventTarget | null): ContextTarget | null {
  if (!(target instanceof Element)) return null;
  // A click on a shape inside an inline SVG means the whole drawing.
  const svg = target.closest('svg');
  let element: Element = svg ?? target;
  let kind: ContextTarget['element'] = svg ? 'svg' : 'other';
  if (!svg) {
    const tag = target.localName;
    if (tag === 'img' || tag === 'canvas') kind = tag;
    else {
      // The clicked element or one close above it with a background image (a code under a transparent overlay).
      for (let node: Element | null = target, depth = 0; node && depth < 3; node = node.parentElement, depth++) {
        if (getComputedStyle(node).backgroundImage.startsWith('url(')) {
          element = node;
          kind = 'background';
          break;
        }
      }
    }
  }
  const box = element.getBoundingClientRect();
  return { element: kind, rect: { x: box.x, y: box.y, width: box.width, height: box.height, viewportWidth: window.innerWidth } };
}

/**
 * Resolves once the page, made visible, has drawn a frame: a tab brought to the front for a screenshot may not have
 * painted yet (animation frames do not run while it is hidden).
 */
function painted(): Promise<true> {
  return new Promise((done) => {
    const twoFrames = () => requestAnimationFrame(() => requestAnimationFrame(() => done(true)));
    if (document.visibilityState === 'visible') twoFrames();
    else document.addEventListener('visibilitychange', twoFrames, { once: true });
  });
}

/** Listens for right-clicks and answers the background's questions about them (`runtime`: chrome's or browser's). */
export function watchContextTarget(runtime: typeof chrome.runtime): void {
  addEventListener('contextmenu', (event) => void (last = describe(event.target)), { capture: true, passive: true });
  // Answered through sendResponse, which Chromium and Firefox both take (not every Chromium takes a returned promise).
  runtime.onMessage.addListener((message: unknown, _sender, respond) => {
    const type = (message as { type?: unknown } | null)?.type;
    if (type === 'qr-context-target') respond(last);
    else if (type === 'qr-painted') {
      void painted().then(respond);
      return true;
    }
    return false;
  });
}
