// `npm start -- --port N` with N taken: one line, and a free port instead.
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startMySafeServer, type MySafeServer } from '../../src/mysafe-server';
import { startPreferringPort } from '../../src/dev/port';

let busy: Server | undefined;
let started: MySafeServer | undefined;
afterEach(async () => {
  await started?.close();
  await new Promise((done) => (busy ? busy.close(done) : done(undefined)));
  busy = started = undefined;
});

/** A port held by another listener on 127.0.0.1. */
async function takenPort(): Promise<number> {
  busy = createServer();
  await new Promise<void>((done) => busy!.listen(0, '127.0.0.1', done));
  return (busy.address() as AddressInfo).port;
}

const portOf = (server: MySafeServer) => Number(new URL(server.url).port);

describe('startPreferringPort', () => {
  it('says the port is taken in one line and starts the server on another', async () => {
    const port = await takenPort();
    const lines: string[] = [];
    started = await startPreferringPort(port, (p) => startMySafeServer({ port: p }), portOf, (line) => lines.push(line));
    expect(portOf(started)).not.toBe(port);
    expect(portOf(started)).toBeGreaterThan(0);
    expect(lines).toEqual([`Port ${port} is taken: using port ${portOf(started)} instead.`]);
    expect((await fetch(`${started.url}/api/oauth2/token`, { method: 'POST' })).status).toBeGreaterThanOrEqual(400);
  });

  it('uses a free port as asked, silently', async () => {
    const port = await takenPort();
    await new Promise((done) => busy!.close(done));
    busy = undefined;
    const lines: string[] = [];
    started = await startPreferringPort(port, (p) => startMySafeServer({ port: p }), portOf, (line) => lines.push(line));
    expect(portOf(started)).toBe(port);
    expect(lines).toEqual([]);
  });

  it('throws any other failure', async () => {
    const failure = Object.assign(new Error('permission denied'), { code: 'EACCES' });
    await expect(startPreferringPort(80, async () => Promise.reject(failure), () => 0, () => {})).rejects.toBe(failure);
  });
});
