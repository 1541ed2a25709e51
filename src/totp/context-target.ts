// Remembers what the user last right-clicked, for "Add authenticator key to MySafe": a canvas, an inline SVG or an
// element with a CSS background image has no URL the menu could report, so the background crops the tab's
// screenshot to the element's box. One passive listener; nothing is sent until the background asks. Also tells the
// background when a tab it brought to the front for a QR scan has painted.
import browser from 'webextension-polyfill';
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

// Installed on import, once per document (the loader may run twice after an extension reload), and in the top
// frame only: the background asks frame 0 (src/totp/scan.ts).
const marker = Symbol.for('mysafe-capture-context-target');
const flags = document as unknown as Record<symbol, boolean>;
if (window === window.top && !flags[marker]) {
  flags[marker] = true;
  addEventListener('contextmenu', (event) => void (last = describe(event.target)), { capture: true, passive: true });
  browser.runtime.onMessage.addListener((message: unknown) => {
    const type = (message as { type?: unknown } | null)?.type;
    if (type === 'qr-context-target') return Promise.resolve(last);
    if (type === 'qr-painted') return painted();
    return undefined;
  });
}
