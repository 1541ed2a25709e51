// The one storage schema (src/protocol/storage.ts) is composed from each capability's own keys: none may be declared
// twice (the merged areas would keep one silently), and each capability's update() and the composed one's serialise
// on the same key, as src/platform/storage.ts queues per key name.
import { describe, expect, it, vi } from 'vitest';

const stores = vi.hoisted(() => ({ local: new Map<string, unknown>(), session: new Map<string, unknown>() }));

vi.mock('webextension-polyfill', async () => {
  const { fakeBrowserModule } = await import('./fake-browser');
  return fakeBrowserModule(stores);
});

import { CAPTURE_AREAS, update as captureUpdate } from '../../src/capture/storage';
import { SAVE_AREAS } from '../../src/save/storage';
import { TOTP_AREAS } from '../../src/totp/storage';
import { AREAS, update } from '../../src/protocol/storage';

describe('the storage schema', () => {
  const declared = [CAPTURE_AREAS, SAVE_AREAS, TOTP_AREAS].flatMap((areas) => Object.keys(areas));

  it('declares each key once, in one capability', () => {
    expect(declared.filter((key, i) => declared.indexOf(key) !== i)).toEqual([]);
  });

  it('gives every key an area, session or local', () => {
    expect(Object.keys(AREAS).sort()).toEqual([...declared].sort());
    expect(Object.values(AREAS).filter((area) => area !== 'session' && area !== 'local')).toEqual([]);
  });

  it("serialises a capability's update and the whole schema's of the same key: no write is lost", async () => {
    const tab = (n: number) => (tabs: number[] | undefined) => [...(tabs ?? []), n];
    await Promise.all([captureUpdate('popup-opened-tabs', tab(1)), update('popup-opened-tabs', tab(2)), captureUpdate('popup-opened-tabs', tab(3))]);
    expect(stores.session.get('popup-opened-tabs')).toEqual([1, 2, 3]);
  });
});
