// A port asked for on the command line that turns out to be taken: say so in one line and take a free one.

/** Whether `error` says the port is in use. */
function portTaken(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE';
}

/**
 * `start(port)`, or `start(0)` (a port the system picks) after one line on `say` when `port` is taken. Any other
 * failure is thrown. `portOf` reads the port actually used, for the line.
 */
export async function startPreferringPort<T>(
  port: number,
  start: (port: number) => Promise<T>,
  portOf: (started: T) => number,
  say: (line: string) => void = console.log,
): Promise<T> {
  try {
    return await start(port);
  } catch (error) {
    if (!port || !portTaken(error)) throw error;
  }
  const started = await start(0);
  say(`Port ${port} is taken: using port ${portOf(started)} instead.`);
  return started;
}
