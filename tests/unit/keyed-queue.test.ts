import { describe, expect, it } from 'vitest';
import { KeyedQueue } from '../../src/capture/keyed-queue';

/** A promise the test settles by hand. */
function gate<T = void>() {
  let open!: (value: T) => void;
  let fail!: (error: unknown) => void;
  const promise = new Promise<T>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

/** After every promise callback already due has run (one turn of the event loop; no time passes). */
const everyPromiseSettled = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('KeyedQueue', () => {
  it('runs the tasks of one key one after another, in order, each handing back its own result', async () => {
    const queue = new KeyedQueue<number>();
    const seen: string[] = [];
    const first = gate<string>();
    const a = queue.run(1, async () => {
      seen.push('a starts');
      const value = await first.promise;
      seen.push('a ends');
      return value;
    });
    const b = queue.run(1, async () => {
      seen.push('b runs');
      return 'b';
    });
    await Promise.resolve();
    expect(seen).toEqual(['a starts']);
    first.open('a');
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
    expect(seen).toEqual(['a starts', 'a ends', 'b runs']);
  });

  it("another key's tasks do not wait for a task that never ends", async () => {
    const queue = new KeyedQueue<number>();
    const never = gate();
    void queue.run(1, () => never.promise);
    expect(await queue.run(2, async () => 'other tab')).toBe('other tab');
  });

  it('a task that rejects or throws fails for its caller only: the next task of its key still runs', async () => {
    const queue = new KeyedQueue<string>();
    const rejected = queue.run('tab', async () => {
      throw new Error('storage failed');
    });
    const thrown = queue.run('tab', () => {
      throw new Error('thrown before any promise');
    });
    const next = queue.run('tab', async () => 'handled');
    await expect(rejected).rejects.toThrow('storage failed');
    await expect(thrown).rejects.toThrow('thrown before any promise');
    expect(await next).toBe('handled');
  });

  it('forgets a key once its tasks have settled', async () => {
    const queue = new KeyedQueue<number>();
    const held = gate();
    const task = queue.run(7, () => held.promise);
    expect(queue.busyKeys).toBe(1);
    held.fail(new Error('gone'));
    await task.catch(() => {});
    await everyPromiseSettled();
    expect(queue.busyKeys).toBe(0);
  });
});
