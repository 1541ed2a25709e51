// Where a capture came from, worked out from the browser's `sender` only (never from the message), and the
// defaults the popup shows for it. Pure: no browser globals.
import { stripQueryAndFragment } from '../platform/origin';

/** The parts of runtime.MessageSender this module reads. */
export interface SenderInfo {
  url?: string;
  origin?: string;
  frameId?: number;
  tab?: { id?: number; url?: string };
}

export interface CaptureSource {
  tabId: number;
  frameId: number;
  /** The origin the values were typed into (the frame's own origin). */
  origin: string;
  /** The frame's URL without query or fragment. */
  url: string;
  /** The tab's top-level origin. */
  topOrigin: string;
}

function parse(url: string | undefined): URL | undefined {
  if (!url) return undefined;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

function webOrigin(url: URL | undefined): string | undefined {
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return undefined;
  return url.origin;
}

/**
 * Tab, frame, origin and URL of a content script's message, or undefined when the sender is not a web page in a tab
 * (an extension page, an opaque origin, a non-http(s) page).
 */
export function captureSourceOf(sender: SenderInfo): CaptureSource | undefined {
  const tabId = sender.tab?.id;
  if (tabId === undefined || tabId < 0) return undefined;
  const frameUrl = parse(sender.url);
  // Chrome gives the frame's origin (right even for about:blank or srcdoc frames); Firefox only gives the URL.
  const origin = sender.origin !== undefined ? webOrigin(parse(sender.origin)) : webOrigin(frameUrl);
  if (!origin) return undefined;
  const url = webOrigin(frameUrl) === origin ? stripQueryAndFragment(frameUrl!.href) : `${origin}/`;
  const topOrigin = webOrigin(parse(sender.tab?.url)) ?? origin;
  return { tabId, frameId: sender.frameId ?? 0, origin, url, topOrigin };
}

/**
 * Where a capture made for a whole tab comes from (a login added by hand, a key scanned on it): its top frame, an
 * http(s) page or a local file; undefined for anything else.
 */
export function tabSourceOf(tab: { id?: number; url?: string }): CaptureSource | undefined {
  const url = parse(tab.url);
  if (tab.id === undefined || tab.id < 0 || !url) return undefined;
  const origin = url.protocol === 'file:' ? 'file://' : webOrigin(url);
  if (!origin) return undefined;
  return { tabId: tab.id, frameId: 0, origin, url: stripQueryAndFragment(url.href), topOrigin: origin };
}

/** The entry name the popup suggests: the site's host. */
export function defaultEntryName(url: string): string {
  return parse(url)?.hostname ?? url;
}

/** True when `origin` is the configured MySafe server's own origin (its web UI): those logins are not captured. */
export function isMySafeServerOrigin(origin: string, baseUrl: string | undefined): boolean {
  const server = webOrigin(parse(baseUrl));
  return server !== undefined && server === origin;
}
