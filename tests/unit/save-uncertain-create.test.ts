// A create that may have reached MySafe (its answer lost) is looked for before it is made again: with the values it
// was sent with, which a later save from a popup opened since may not carry.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const stores = vi.hoisted(() => ({ local: new Map<string, unknown>(), session: new Map<string, unknown>() }));

vi.mock('webextension-polyfill', async () => {
  const { fakeBrowserModule } = await import('./fake-browser');
  return fakeBrowserModule(stores, { alarms: { create: async () => {}, clear: async () => true } });
});

import type { MySafeServer } from '../../src/mysafe-server';
import { shopLogin, useLocalMySafe } from './local-mysafe';
import { addCapture, getCapture } from '../../src/capture/store';
import { clientFor } from '../../src/save/connection';
import { loadSettings } from '../../src/save/settings';
import { saveOnce } from '../../src/save/save';
import type { SaveValues } from '../../src/capture/types';

const server = useLocalMySafe(stores);
let mysafe: MySafeServer;
beforeEach(() => {
  mysafe = server();
});

const url = 'https://shop.example/login';
const values = (name: string): SaveValues => ({ target: 'new', name, url, username: 'ana', password: 'pw-1' });
const creates = () => mysafe.requests().filter((r) => r.method === 'POST' && r.path === '/api/mysafe/password');

async function pendingLogin(): Promise<string> {
  const capture = await addCapture(shopLogin());
  return capture.id;
}

describe('a create whose answer was lost', () => {
  it('is found by the values it was sent with, though the retry carries others (a name edited in a closed popup)', async () => {
    const id = await pendingLogin();
    mysafe.loseNextAnswer(1);
    expect(await saveOnce(id, values('My shop'), 'person')).toMatchObject({ ok: false, error: { kind: 'gateway', willRetry: true } });
    expect(await getCapture(id)).toMatchObject({ state: { status: 'queued', maybeApplied: [values('My shop')] } });

    // A popup opened since shows the capture's default name, and its Retry sends that.
    const [applied] = mysafe.entries();
    expect(await saveOnce(id, values('shop.example'), 'person')).toEqual({ ok: true, value: { identifier: applied.identifier } });
    expect(mysafe.entries()).toHaveLength(1);
    expect(creates()).toHaveLength(1);
  });

  it('is made again when neither the values sent nor the new ones are in MySafe', async () => {
    const id = await pendingLogin();
    // A token first, so that the gateway error meets the create.
    await clientFor((await loadSettings())!).checkConnection();
    mysafe.failNext(1, 504);
    expect(await saveOnce(id, values('My shop'), 'person')).toMatchObject({ ok: false, error: { kind: 'gateway' } });
    expect(await saveOnce(id, values('shop.example'), 'person')).toMatchObject({ ok: true });
    expect(mysafe.entries()).toEqual([expect.objectContaining({ name: 'shop.example' })]);
    // Looked for twice (each name), then created.
    expect(mysafe.requests().filter((r) => r.method === 'GET' && r.query.username === 'ana')).toHaveLength(2);
  });
});
