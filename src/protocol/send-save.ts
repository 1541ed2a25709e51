import browser from 'webextension-polyfill';
import type { SaveRequest, SaveResponses } from './save';

/** Sends a save-or-update request to the background and returns its typed answer. */
export function askSave<R extends SaveRequest>(request: R): Promise<SaveResponses[R['type']]> {
  return browser.runtime.sendMessage(request) as Promise<SaveResponses[R['type']]>;
}
