import browser from 'webextension-polyfill';
import { send, type Answer, type MessageType, type Request, type TypesFrom } from './messages';

/** Sends a request from an extension page to the background and returns its typed answer. */
export function ask<T extends MessageType & TypesFrom<'page'>>(request: Request<T>): Promise<Answer<T>> {
  return send(browser, request);
}
