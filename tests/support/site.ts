// The static site of the browser tests (Chromium and Firefox): tests/fixtures/** and pages a test registers, on
// 127.0.0.1 and, as a second origin, localhost.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { projectRoot } from '../../src/dev/chromium';

export interface TestSite {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** http://localhost:<port>: the same server under a different origin, for cross-origin frames. */
  altOrigin: string;
  url(path: string): string;
  altUrl(path: string): string;
  /** Serves `body` at `path` (both origins) until the end of the test; HTML unless `contentType` says otherwise. */
  route(path: string, body: string | Uint8Array, contentType?: string): void;
}

/** A domain whose every host the browsers resolve to 127.0.0.1 in the tests: an organisation's applications. */
export const ORG_DOMAIN = 'corp.example';

const fixturesDir = join(projectRoot, 'tests', 'fixtures');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.gif': 'image/gif',
};

/** Static server for tests/fixtures/** plus ad-hoc routes; a POST gets a plain 200 page (401 under /refuse/). */
export async function startSite(): Promise<TestSite & { close(): Promise<void> }> {
  const routes = new Map<string, { body: string | Uint8Array; contentType: string }>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (req.method === 'POST') {
      req.resume();
      req.on('end', () => {
        // A login API of the site that refuses every attempt (wrong password).
        res.writeHead(path.startsWith('/refuse/') ? 401 : 200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end('<!doctype html><title>ok</title><p>ok</p>');
      });
      return;
    }
    const routed = routes.get(path);
    if (routed !== undefined) {
      res.writeHead(200, { 'Content-Type': routed.contentType });
      res.end(routed.body);
      return;
    }
    const file = normalize(join(fixturesDir, path));
    if (file.startsWith(fixturesDir + sep) && existsSync(file) && statSync(file).isFile()) {
      res.writeHead(200, { 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(readFileSync(file));
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const altOrigin = `http://localhost:${port}`;
  const withSlash = (path: string) => (path.startsWith('/') ? path : `/${path}`);
  return {
    origin,
    altOrigin,
    url: (path) => origin + withSlash(path),
    altUrl: (path) => altOrigin + withSlash(path),
    route: (path, body, contentType = 'text/html; charset=utf-8') => void routes.set(withSlash(path), { body, contentType }),
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
