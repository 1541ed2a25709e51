// MySafe API layer figures (not assertions): token requests per 100 saves (target 1) and the time to parse and match
// a 10,000-entry list (target: under 50 ms median). "Parse and match" = the client's listEntries() reading the real
// answer bytes of the local server (replayed from memory, so the server's own time is left out) plus
// findCandidates() from src/save/matching.ts for one host. The full loopback round trip is printed beside it.
// Run: npx tsx tests/bench/api.ts
import { MySafeClient } from '../../src/mysafe/index';
import { DEMO_CLIENT, startMySafeServer } from '../../src/mysafe-server/index';
import { findCandidates } from '../../src/save/matching';

const SAVES = 100;
const LIST_SIZE = 10_000;
const RUNS = 21;
const TARGET_MS = 50;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value: number) => `${value.toFixed(1)} ms`;

const server = await startMySafeServer();
try {
  const credentials = { clientId: DEMO_CLIENT.clientId, clientSecret: DEMO_CLIENT.clientSecret };

  // 1. Token requests per 100 saves.
  const saver = new MySafeClient({ baseUrl: server.url, ...credentials });
  for (let i = 0; i < SAVES; i++) {
    await saver.createEntry({ name: `Bench ${i}`, username: `user${i}@example.com`, password: `Pw-${i}-x`, url: `https://bench${i}.example.com/login` });
  }
  console.log(`token requests per ${SAVES} saves: ${saver.tokenRequests} (target 1)`);

  // 2. A 10,000-entry list: 200 sites (own registrable domains), 50 accounts each, some on a subdomain.
  server.reset();
  for (let i = 0; i < LIST_SIZE; i++) {
    const host = `${i % 7 === 0 ? 'accounts.' : ''}site${i % 200}${i % 3 === 0 ? '.com.br' : '.com'}`;
    server.addEntry('demo', { name: `Site ${i}`, username: `user${i}@example.com`, password: `pw${i}`, url: `https://${host}/login`, tags: 'bench' });
  }
  const lister = new MySafeClient({ baseUrl: server.url, ...credentials });
  const roundTrips: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    await lister.listEntries();
    roundTrips.push(performance.now() - started);
  }

  // The answer's bytes, as the server sent them, replayed to a client whose token is already in hand.
  const token = (await (await fetch(`${server.url}/api/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: credentials.clientId, client_secret: credentials.clientSecret }),
  }).then((r) => r.json())) as { access_token: string }).access_token;
  const listBytes = await (await fetch(`${server.url}/api/mysafe/password`, { headers: { Authorization: `Bearer ${token}` } })).arrayBuffer();
  const tokenBytes = JSON.stringify({ token_type: 'Bearer', expires_in: 3600, access_token: 'replayed' });
  const replay: typeof fetch = async (input) =>
    new Response(String(input).endsWith('/oauth2/token') ? tokenBytes : listBytes, { status: 200, headers: { 'Content-Type': 'application/json' } });
  const parser = new MySafeClient({ baseUrl: server.url, ...credentials, fetch: replay });
  await parser.checkConnection();

  const capture = { url: 'https://accounts.site42.com/signin?next=/', username: 'user42@example.com' };
  const parseTimes: number[] = [];
  const matchTimes: number[] = [];
  const totalTimes: number[] = [];
  let matched = 0;
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const list = await parser.listEntries();
    const parsed = performance.now();
    matched = findCandidates(capture, list).length;
    const done = performance.now();
    if (list.length !== LIST_SIZE) throw new Error(`expected ${LIST_SIZE} entries, got ${list.length}`);
    parseTimes.push(parsed - started);
    matchTimes.push(done - parsed);
    totalTimes.push(done - started);
  }
  const total = median(totalTimes);
  console.log(`10,000-entry list (${(listBytes.byteLength / 1024 / 1024).toFixed(2)} MB), median of ${RUNS}:`);
  console.log(`  parse (client listEntries from the answer bytes): ${ms(median(parseTimes))}`);
  console.log(`  match (findCandidates for one host, ${matched} candidates): ${ms(median(matchTimes))}`);
  console.log(`  parse + match: ${ms(total)} (target < ${TARGET_MS} ms: ${total < TARGET_MS ? 'met' : 'NOT met'})`);
  console.log(`  full loopback round trip incl. the local server building the answer: ${ms(median(roundTrips))}`);
} finally {
  await server.close();
}
