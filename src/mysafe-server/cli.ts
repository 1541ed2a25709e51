// `npm run mysafe -- --port 8787 [--host 127.0.0.1] [--data FILE] [--token-path iso] [--admin-key KEY]`
import { parseArgs } from 'node:util';
import { DEMO_CLIENT, startMySafeServer } from './index';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string' },
    'token-path': { type: 'string', default: 'api' },
    'token-lifetime': { type: 'string' },
    'admin-key': { type: 'string' },
  },
});

const server = await startMySafeServer({
  port: Number(values.port),
  host: values.host,
  dataPath: values.data,
  tokenPath: values['token-path'] === 'iso' ? 'iso' : 'api',
  tokenLifetimeSeconds: values['token-lifetime'] ? Number(values['token-lifetime']) : undefined,
  adminKey: values['admin-key'],
});

// A local demo server: printing its demo credentials is the point (they are not secrets of any real vault).
console.log(`MySafe-compatible server at ${server.url}`);
console.log(`  Client ID:     ${DEMO_CLIENT.clientId}`);
console.log(`  Client Secret: ${DEMO_CLIENT.clientSecret}`);
console.log(`  Admin key:     ${server.adminKey} (header X-Admin-Key on ${server.url}/__admin/*)`);
console.log(values.data ? `  Data file:     ${values.data}` : '  State kept in memory (use --data FILE to keep it)');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
