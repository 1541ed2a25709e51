// Remembers what the user last right-clicked, for "Add authenticator key to MySafe": a canvas, an inline SVG or an
// element with a CSS background image has no URL the menu could report, so the background crops the tab's
// screenshot to the element's box. One passive listener; nothing is sent until the background asks. Also tells the
// background when a tab it brought to the front for a QR scan has painted. Started by ./index in the top frame.
import type { ContextTarget, FrameBox, FrameLayout } from '../protocol/otp';

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

/** The viewport and the visible frames of this (top) document, and whether each is of its own origin. */
function frameLayout(): FrameLayout {
  const frames: FrameBox[] = [];
  for (const element of document.querySelectorAll('iframe, frame, object, embed')) {
    const box = element.getBoundingClientRect();
    if (box.width < 2 || box.height < 2) continue;
    let sameOrigin = false;
    try {
      sameOrigin = !!(element as HTMLIFrameElement).contentDocument;
    } catch {
      // Another origin's document: not reachable.
    }
    const address = (element as HTMLIFrameElement).src || (element as HTMLObjectElement).data || '';
    let host = '';
    try {
      host = new URL(address, location.href).hostname;
    } catch {
      // No address.
    }
    frames.push({ x: box.x, y: box.y, width: box.width, height: box.height, sameOrigin, host: host.slice(0, 253) });
    if (frames.length >= 50) break;
  }
  return { viewport: { width: innerWidth, height: innerHeight }, frames };
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
    else if (type === 'qr-frames') respond(frameLayout());
    else if (type === 'qr-painted') {
      void painted().then(respond);
      return true;
    }
    return false;
  });
}
