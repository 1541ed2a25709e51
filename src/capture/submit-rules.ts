// When a request answers a submission by refusing it (see refused-login.ts). Pure, unit-tested in Node.
import { siteKey } from '../platform/site';

/** How long after a submission its request may answer. */
export const CONFIRM_WINDOW_MS = 10_000;
/** The request may start a little before the background hears of the submission. */
export const EARLY_START_MS = 1_000;

export interface SentRequest {
  tabId: number;
  /** The frame that sent the request (for a frame's navigation, the frame navigated). */
  frameId: number;
  url: string;
  method: string;
  /** When the request started (ms since epoch). */
  startedAt: number;
  statusCode: number;
}

export interface Watch {
  captureId: string;
  tabId: number;
  /** The frame the form was typed in: another frame's requests (a cross-origin ad's) say nothing about it. */
  frameId: number;
  /** The capture's site (src/platform/site.ts siteKey). */
  site: string;
  /** When the background received the submission. */
  since: number;
}

/** Whether `request` is the refused answer to the submission `watch` stands for. */
export function rejects(request: SentRequest, watch: Watch): boolean {
  if (request.tabId !== watch.tabId || request.frameId !== watch.frameId) return false;
  if (!/^(POST|PUT|PATCH)$/i.test(request.method)) return false;
  if (request.statusCode < 400 || request.statusCode > 499) return false;
  if (request.startedAt < watch.since - EARLY_START_MS || request.startedAt > watch.since + CONFIRM_WINDOW_MS) return false;
  return siteKey(request.url) === watch.site;
}
