// `npm run bench`: runs every tests/bench/*.ts (but this file and capture.ts, which has its own script) in turn
// with tsx, so a new bench only has to be dropped in. Exits non-zero when one of them failed.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const skip = new Set(['run.ts', 'capture.ts']);
const benches = readdirSync(here)
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !skip.has(file))
  .sort();

const failed: string[] = [];
for (const file of benches) {
  console.log(`\n=== ${file}`);
  const result = spawnSync(tsx, [join(here, file)], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) failed.push(file);
}
console.log(`\n${benches.length - failed.length} of ${benches.length} benches ran${failed.length ? `; failed: ${failed.join(', ')}` : ''}`);
process.exit(failed.length ? 1 : 0);
