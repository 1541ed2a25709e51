// Work that must not interleave, one queue per key: a tab's submissions are handled one after another (a password
// change in steps sends its current-password step and its new-password step close together), while other tabs'
// submissions never wait for them. Pure: no browser globals.

/** Runs the tasks of one key one after another, in the order given; tasks of different keys do not wait for each other. */
export class KeyedQueue<K> {
  /** Per key, the settling of its last task; a key with nothing queued or running has none. */
  private readonly tails = new Map<K, Promise<void>>();

  /** Runs `task` once every task given before for `key` has settled; its result or failure is the caller's. */
  run<T>(key: K, task: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(key) ?? Promise.resolve()).then(task);
    // The next task waits for this one to settle either way: one that fails does not jam the queue.
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    // An idle key is forgotten, so closed tabs leave nothing behind.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** How many keys have a task queued or running. */
  get busyKeys(): number {
    return this.tails.size;
  }
}
