// What a QR scan asks of the tab's top frame: the background runs these functions there with
// `scripting.executeScript`, in the extension's content-script world, only when a scan needs them (the content
// script of every frame carries none of it). Each is serialised on its own: no imports, no helpers, no module
// constants — only its arguments and the page.
import type browser from 'webextension-polyfill';
import type { ContextTarget, FrameBox, FrameLayout } from './types';

/**
 * The element under the last right-click (kept by src/totp/context-target.ts under `key`), and its box: a canvas, an
 * inline SVG or an element with a CSS background image has no URL the menu could report, so the background crops the
 * tab's screenshot to it.
 */
export function describeContextTarget(key: string): ContextTarget | null {
  const target = (document as unknown as Record<string, unknown>)[key];
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

/** The viewport and the visible frames of the top document, and whether each is of its own origin. */
export function frameLayout(): FrameLayout {
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
export function painted(): Promise<true> {
  return new Promise((done) => {
    const twoFrames = () => requestAnimationFrame(() => requestAnimationFrame(() => done(true)));
    if (document.visibilityState === 'visible') twoFrames();
    else document.addEventListener('visibilitychange', twoFrames, { once: true });
  });
}

/**
 * Runs `func` in the tab's top frame and gives its result; null when it cannot run there (no host access, a page
 * the browser keeps extensions out of, the tab gone).
 */
export async function inTopFrame<A extends unknown[], T>(
  api: typeof browser,
  tabId: number,
  func: (...args: A) => T | Promise<T>,
  ...args: A
): Promise<T | null> {
  try {
    const [injection] = await api.scripting.executeScript({ target: { tabId, frameIds: [0] }, func, args });
    return (injection?.result as T | undefined) ?? null;
  } catch {
    return null;
  }
}
