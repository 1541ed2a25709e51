// `npm start` as a person runs it, without a display: the scripted tour with a taken --port, and a run kept open
// (--stay) that Ctrl+C or the browser closing ends. Each ends with exit code 0 and no temporary profile left behind.
// The build is the one `npm run test:browser` made (--no-build).
import { test, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../src/dev/chromium';

interface Run {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** Resolves once the output holds `text`. */
  printed: (text: string) => Promise<void>;
  /** The temporary profiles of this run still on disk. */
  profilesLeft: () => string[];
}

const tmpDirs: string[] = [];
test.afterEach(() => {
  for (const dir of tmpDirs.splice(0)) rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
});

/** `tsx src/dev/start.ts --no-build --headless …` in its own process group, with its own TMPDIR. */
function start(args: string[]): Run {
  const tmp = mkdtempSync(join(tmpdir(), 'mysafe-start-test-'));
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp };
  delete env.DISPLAY;
  const child = spawn(join(projectRoot, 'node_modules/.bin/tsx'), ['src/dev/start.ts', '--no-build', '--headless', ...args], {
    cwd: projectRoot,
    env,
    // Its own group, as a terminal's foreground job: Ctrl+C signals the whole group, the browser included.
    detached: true,
  });
  let output = '';
  const listeners: (() => void)[] = [];
  const take = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const printed = (text: string) =>
    new Promise<void>((done, fail) => {
      const check = () => output.includes(text) && done();
      listeners.push(check);
      check();
      void exited.then(() => (output.includes(text) ? done() : fail(new Error(`exited without printing "${text}":\n${output}`))));
    });
  const profilesLeft = () => readdirSync(tmp).filter((name) => name.startsWith('mysafe-capture-start-'));
  tmpDirs.push(tmp);
  return { child, output: () => output, exited, printed, profilesLeft };
}

/** Pids of `pid`'s descendants, read from /proc. */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(name)]);
    } catch {
      // Gone meanwhile.
    }
  }
  const found: number[] = [];
  const walk = (p: number) => (children.get(p) ?? []).forEach((c) => (found.push(c), walk(c)));
  walk(pid);
  return found;
}

const cmdline = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return [];
  }
};

test.describe.configure({ timeout: 120_000 });

test('the scripted tour with a taken --port: one line about the port, exit 0, no profile left', async () => {
  const busy = createServer();
  await new Promise<void>((done) => busy.listen(0, '127.0.0.1', done));
  const port = (busy.address() as AddressInfo).port;
  try {
    const run = start(['--port', String(port)]);
    expect(await run.exited, run.output()).toBe(0);
    const taken = run.output().split('\n').filter((line) => line.includes(`Port ${port}`));
    expect(taken).toEqual([expect.stringMatching(new RegExp(`^Port ${port} is taken: using port \\d+ instead\\.$`))]);
    const used = taken[0].match(/using port (\d+)/)![1];
    expect(run.output()).toContain(`Local MySafe server: http://127.0.0.1:${used}`);
    expect(run.output()).toContain('password:   •••••••• (as typed)');
    expect(run.profilesLeft()).toEqual([]);
  } finally {
    busy.close();
  }
});

test('Ctrl+C ends a run kept open: exit 0, no profile left', async () => {
  const run = start(['--stay']);
  await run.printed('Press Ctrl+C to stop.');
  expect(run.profilesLeft()).toHaveLength(1);
  // What a terminal does on Ctrl+C: SIGINT to the foreground process group.
  process.kill(-run.child.pid!, 'SIGINT');
  expect(await run.exited, run.output()).toBe(0);
  expect(run.output()).toContain('Stopping…');
  expect(run.profilesLeft()).toEqual([]);
});

test('the browser closing ends a run kept open: exit 0, no profile left', async () => {
  const run = start(['--stay']);
  await run.printed('Press Ctrl+C to stop.');
  // The browser's main process (the one given the profile, not one of its helpers), asked to quit as a closed window does.
  const browser = descendants(run.child.pid!).find((pid) => {
    const argv = cmdline(pid);
    return argv.some((arg) => arg.includes('mysafe-capture-start-')) && !argv.some((arg) => arg.startsWith('--type='));
  });
  expect(browser, 'the Chromium of the run').toBeDefined();
  process.kill(browser!, 'SIGTERM');
  expect(await run.exited, run.output()).toBe(0);
  expect(run.output()).toContain('Stopping…');
  expect(run.profilesLeft()).toEqual([]);
});
