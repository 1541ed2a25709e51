// A login the site refused is not worth saving. After a capture is kept, the tab's POST/PUT/PATCH requests to the
// same site, sent by the form's own frame, that started around the submission are watched for a few seconds: a 4xx answer (wrong password,
// rejected sign-up) drops the capture while it still waits for the user (one being saved stays). A 2xx, a redirect or
// silence leave it (most sites answer 200 either way).
import browser, { type WebRequest } from 'webextension-polyfill';
import type { Capture } from './types';
import { ALLOWED_FROM, transition } from './store';
import { siteKey } from '../platform/site';
import { rolesOf } from './why';
import { noteWhy } from './why-record';
import { CONFIRM_WINDOW_MS, EARLY_START_MS, rejects, type SentRequest, type Watch } from './submit-rules';

const startedAt = new Map<string, number>();
let recent: SentRequest[] = [];
let watches: Watch[] = [];

function prune(now: number): void {
  recent = recent.filter((r) => now - r.startedAt < CONFIRM_WINDOW_MS + EARLY_START_MS);
  watches = watches.filter((w) => now - w.since < CONFIRM_WINDOW_MS);
}

function settle(request: SentRequest): void {
  for (const watch of watches.filter((w) => rejects(request, w))) {
    watches = watches.filter((w) => w !== watch);
    // Only while it waits for the user: one the user is saving (or saved) stays.
    transition(watch.captureId, ALLOWED_FROM.drop, () => null)
      .then((moved) => moved.ok && noteWhy(moved.before, { reason: 'refused-by-site', kind: moved.before.kind, roles: rolesOf(moved.before), status: request.statusCode }))
      .catch(() => {});
  }
}

/** Starts watching the requests that answer the submission `capture` came from. */
export function watchForRejection(capture: Capture, since: number): void {
  prune(Date.now());
  watches.push({ captureId: capture.id, tabId: capture.tabId, frameId: capture.frameId, site: siteKey(capture.origin), since });
  // The answer may already be in (a fast local server).
  recent.forEach(settle);
}

const filter: WebRequest.RequestFilter = { urls: ['http://*/*', 'https://*/*'], types: ['main_frame', 'sub_frame', 'xmlhttprequest'] };

/** The watch's webRequest listeners (called by src/background/index.ts). */
export function register(): void {
  browser.webRequest.onBeforeRequest.addListener((details) => {
    if (/^(POST|PUT|PATCH)$/i.test(details.method)) startedAt.set(details.requestId, details.timeStamp);
  }, filter);

  browser.webRequest.onCompleted.addListener((details) => {
    const started = startedAt.get(details.requestId);
    if (started === undefined) return;
    startedAt.delete(details.requestId);
    const request: SentRequest = {
      tabId: details.tabId,
      frameId: details.frameId,
      url: details.url,
      method: details.method,
      startedAt: started,
      statusCode: details.statusCode,
    };
    prune(Date.now());
    recent.push(request);
    settle(request);
  }, filter);

  browser.webRequest.onErrorOccurred.addListener((details) => void startedAt.delete(details.requestId), filter);
}
