import browser from 'webextension-polyfill';
import type { UiRequest, UiResponses } from './ui';

/** Sends a request from an extension page to the background and returns its typed answer. */
export function ask<R extends UiRequest>(request: R): Promise<UiResponses[R['type']]> {
  return browser.runtime.sendMessage(request) as Promise<UiResponses[R['type']]>;
}
