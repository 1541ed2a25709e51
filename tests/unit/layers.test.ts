// Imports point one way: every folder of src/ imports only its own layer or lower ones, and no two folders import
// each other (directly or round a loop). Read from the source files' import specifiers, so a new import that breaks
// the order fails here, not in a review.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '../../src');

/**
 * Each top folder of src/ and its layer, bottom (0) to top: a folder may import its own layer or a lower one.
 * - platform, mysafe: browser services and the MySafe client; they know nothing of the product.
 * - errors: the errors and results the pages put into words, over MySafe's error kinds.
 * - capture, save, totp: the capabilities (capture never imports save: below).
 * - protocol: what goes between contexts (messages, the whole storage schema); it carries the domain's types.
 * - ui: what the extension's pages share.
 * - background, content, popup, options, offscreen: the entries, which wire the rest.
 * - dev, mysafe-server: tooling (npm start, packaging, the local MySafe server), never shipped; above everything so
 *   they may use any of it, and nothing shipped may import them.
 */
const RANK: Record<string, number> = {
  platform: 0,
  mysafe: 0,
  errors: 1,
  capture: 2,
  save: 2,
  totp: 2,
  protocol: 3,
  ui: 4,
  background: 5,
  content: 5,
  popup: 5,
  options: 5,
  offscreen: 5,
  dev: 6,
  'mysafe-server': 6,
};

/** Imports the rank order allows but the design does not: a capture knows nothing of saving. */
const FORBIDDEN: [from: string, to: string][] = [['capture', 'save']];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The specifiers a file imports: `import … from`, `export … from`, `import '…'` and `import('…')`. */
function importSpecifiers(code: string): string[] {
  const bare = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const patterns = [
    /^\s*(?:import|export)\s[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...bare.matchAll(pattern)].map((match) => match[1]));
}

/** The top folder of src/ a path is in (a file directly in src/ counts as a folder of its own name). */
function topOf(path: string): string {
  return relative(SRC, path).split(sep)[0].replace(/\.tsx?$/, '');
}

/** Every import from one top folder into another, with the file that makes it. */
function crossImports(): { from: string; to: string; file: string; specifier: string }[] {
  return sourceFiles(SRC).flatMap((file) =>
    importSpecifiers(readFileSync(file, 'utf8'))
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => ({ from: topOf(file), to: topOf(resolve(dirname(file), specifier)), file: relative(SRC, file), specifier }))
      .filter(({ from, to }) => from !== to),
  );
}

/** The top folders of a loop in the folder graph, or undefined when there is none. */
function findCycle(edges: Map<string, Set<string>>): string[] | undefined {
  const done = new Set<string>();
  const walk = (node: string, path: string[]): string[] | undefined => {
    const at = path.indexOf(node);
    if (at >= 0) return [...path.slice(at), node];
    if (done.has(node)) return undefined;
    for (const next of edges.get(node) ?? []) {
      const cycle = walk(next, [...path, node]);
      if (cycle) return cycle;
    }
    done.add(node);
    return undefined;
  };
  for (const node of edges.keys()) {
    const cycle = walk(node, []);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('imports point one way', () => {
  const imports = crossImports();

  it('reads the imports of the kinds the source uses', () => {
    const code = [
      "import a from './a';",
      "import type { B } from '../b';",
      "import {\n  c,\n  d,\n} from '../c';",
      "export { e } from './e';",
      "export * from './f';",
      "import './g.css';",
      "const h = () => import('./h');",
      "// import x from './not-this';",
      "/* import y from './nor-this'; */",
      "import browser from 'webextension-polyfill';",
    ].join('\n');
    expect(importSpecifiers(code)).toEqual(['./a', '../b', '../c', './e', './f', 'webextension-polyfill', './g.css', './h']);
  });

  it('every top folder of src/ has a layer', () => {
    const folders = new Set([...sourceFiles(SRC).map(topOf)]);
    expect([...folders].filter((folder) => !(folder in RANK))).toEqual([]);
    // Sanity: the walk saw the source and its imports between folders.
    expect(imports.length).toBeGreaterThan(50);
  });

  it('each import goes to the same layer or a lower one, and capture never imports save', () => {
    const wrong = imports
      .filter(({ from, to }) => !(RANK[to] <= RANK[from]) || FORBIDDEN.some(([f, t]) => f === from && t === to))
      .map(({ from, to, file, specifier }) => `${file} (${from}, ${RANK[from]}) imports ${specifier} (${to}, ${RANK[to]})`);
    expect(wrong).toEqual([]);
  });

  it('no two top folders import each other, directly or round a loop', () => {
    const edges = new Map<string, Set<string>>();
    for (const { from, to } of imports) edges.set(from, (edges.get(from) ?? new Set()).add(to));
    expect(findCycle(edges)?.join(' → ')).toBeUndefined();
  });
});
