// The demo site `npm start` opens: a login page that POSTs a classic form and answers "Welcome".
// Any username and password are accepted; nothing is stored.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';

const loginPage = readFileSync(new URL('./login.html', import.meta.url), 'utf8');

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((done, fail) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > 64_000) req.destroy();
    });
    req.on('end', () => done(new URLSearchParams(body)));
    req.on('error', fail);
  });
}

function welcomePage(username: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Welcome · Demo Mail</title>
<meta name="viewport" content="width=device-width"></head>
<body style="font-family: system-ui, sans-serif; max-width: 420px; margin: 48px auto;">
<h1>Welcome, ${escapeHtml(username || 'friend')}</h1>
<p>You are signed in to Demo Mail. MySafe Capture noticed the login: open it from the toolbar to save it.</p>
<p><a href="/login">Sign in again</a></p>
</body></html>`;
}

export interface DemoSite {
  url: string;
  loginUrl: string;
  close(): Promise<void>;
}

export async function startDemoSite(port = 0, host = '127.0.0.1'): Promise<DemoSite> {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://demo').pathname;
    if (req.method === 'POST' && path === '/login') {
      const form = await readForm(req).catch(() => new URLSearchParams());
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(welcomePage(form.get('username') ?? ''));
    } else if (req.method === 'GET' && (path === '/' || path === '/login')) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(loginPage);
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise<void>((done) => server.listen(port, host, done));
  const url = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    url,
    loginUrl: `${url}/login`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
