// A request from one of the extension's pages, through the background's real router and handler maps. Import it after
// the test's vi.mock of webextension-polyfill.
import { backgroundHandlers } from '../../src/background/handlers';
import { createRouter } from '../../src/background/router';
import type { Answer, Request, TypesFrom } from '../../src/protocol/messages';

export const EXTENSION_URL = 'chrome-extension://test-extension/';
const route = createRouter(backgroundHandlers, EXTENSION_URL);

export function fromPage<T extends TypesFrom<'page'>>(request: Request<T>): Promise<Answer<T>> {
  return route(request, { id: 'test-extension', url: `${EXTENSION_URL}src/popup/index.html` }) as Promise<Answer<T>>;
}
