// Packs dist/chrome and dist/firefox into dist/mysafe-capture-<browser>.zip after `vite build`.
import { readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { zipSync } from 'fflate';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

for (const browser of ['chrome', 'firefox']) {
  const root = join('dist', browser);
  if (!existsSync(root)) throw new Error(`${root} is missing: run vite build first`);
  const entries: Record<string, Uint8Array> = {};
  for (const file of filesUnder(root)) entries[relative(root, file)] = readFileSync(file);
  const out = join('dist', `mysafe-capture-${browser}.zip`);
  writeFileSync(out, zipSync(entries, { level: 9 }));
  console.log(`${out}: ${Object.keys(entries).length} files`);
}
