// For unit tests of saving: empty storage and a fresh local MySafe server, configured as the extension's, per test.
import { afterEach, beforeEach } from 'vitest';
import { startMySafeServer, DEMO_CLIENT, type MySafeServer } from '../../src/mysafe-server';
import { storeSettings } from '../../src/save/settings';
import type { NewCapture } from '../../src/capture/types';
import type { StoreMaps } from './fake-browser';

/** Registers the per-test setup; the returned function gives the current test's server. */
export function useLocalMySafe(stores: StoreMaps): () => MySafeServer {
  let mysafe: MySafeServer;
  beforeEach(async () => {
    stores.local.clear();
    stores.session.clear();
    mysafe = await startMySafeServer({ port: 0 });
    await storeSettings({ baseUrl: mysafe.url, clientId: DEMO_CLIENT.clientId, clientSecret: DEMO_CLIENT.clientSecret });
  });
  afterEach(() => mysafe.close());
  return () => mysafe;
}

/** A login typed by ana into https://shop.example/login, as the content script reports it. */
export const shopLogin = (id = 'c1'): NewCapture => ({
  id,
  kind: 'login',
  tabId: 5,
  frameId: 0,
  origin: 'https://shop.example',
  url: 'https://shop.example/login',
  topOrigin: 'https://shop.example',
  username: 'ana',
  password: 'pw-1',
  createdAt: Date.now(),
});
