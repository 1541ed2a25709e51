// Regenerates shared-credentials.json (compact) and its licence notice from Apple's password-manager-resources.
// Run from the project root: npx tsx src/save/data/build-shared-credentials.ts [source-dir]
// The source dir defaults to ../shared/data/password-manager-resources (next to the project).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface SourceGroup {
  shared?: string[];
  from?: string[];
  to?: string[];
  fromDomainsAreObsoleted?: boolean;
}

/** What the matcher needs: groups whose domains all share one login, and one-way `from` → `to` pairs. */
export interface SharedCredentialsData {
  shared: string[][];
  oneWay: [from: string[], to: string[]][];
}

const here = dirname(fileURLToPath(import.meta.url));
const sourceDir = resolve(process.argv[2] ?? join(here, '../../../../shared/data/password-manager-resources'));
const groups = JSON.parse(readFileSync(join(sourceDir, 'shared-credentials.json'), 'utf8')) as SourceGroup[];

const lower = (domains: string[]) => domains.map((d) => d.trim().toLowerCase());
const data: SharedCredentialsData = { shared: [], oneWay: [] };
for (const group of groups) {
  if (group.shared) data.shared.push(lower(group.shared));
  else if (group.from && group.to) data.oneWay.push([lower(group.from), lower(group.to)]);
  else throw new Error(`unexpected group: ${JSON.stringify(group)}`);
}

// One group per line keeps diffs readable when the upstream list changes.
const lines = (rows: unknown[]) => rows.map((row) => '    ' + JSON.stringify(row)).join(',\n');
const json = `{\n  "shared": [\n${lines(data.shared)}\n  ],\n  "oneWay": [\n${lines(data.oneWay)}\n  ]\n}\n`;
writeFileSync(join(here, 'shared-credentials.json'), json);

const notice =
  readFileSync(join(sourceDir, 'LICENSE.md'), 'utf8').trimEnd() +
  '\n\n' +
  readFileSync(join(sourceDir, 'SOURCE.txt'), 'utf8').trim() +
  '\nshared-credentials.json here is a compact form of quirks/shared-credentials.json, made by build-shared-credentials.ts.\n';
// The notice ships inside the built extension (public/ is copied to dist/ as is).
writeFileSync(join(here, '../../../public/licenses/shared-credentials.LICENSE.md'), notice);
console.log(`shared-credentials.json: ${data.shared.length} shared groups, ${data.oneWay.length} one-way groups`);
