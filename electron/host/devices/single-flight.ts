// One run per key at a time: a second caller with the same key joins the running task instead of
// starting another (the same payment key, the same resolution, the same print job).
export interface SingleFlight<K, V> {
  /** Joins the task running for `key`, or starts `task` for it. */
  run(key: K, task: () => Promise<V>): Promise<V>;
  /** The task running for `key`, if any. */
  running(key: K): Promise<V> | undefined;
  /** How many tasks run now. */
  readonly size: number;
  /** Settles when every task that runs now has settled (shutdown waits for them). */
  settled(): Promise<void>;
}

export function singleFlight<K, V>(): SingleFlight<K, V> {
  const tasks = new Map<K, Promise<V>>();
  return {
    run(key, task) {
      const running = tasks.get(key);
      if (running) return running;
      const started = task().finally(() => tasks.delete(key));
      tasks.set(key, started);
      return started;
    },
    running: (key) => tasks.get(key),
    get size() {
      return tasks.size;
    },
    async settled() {
      await Promise.allSettled([...tasks.values()]);
    },
  };
}
