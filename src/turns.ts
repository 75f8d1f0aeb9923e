// Long work on a server's HTTP thread done in slices: between two slices a turn of the event loop is given back, so
// that the other requests are answered while a large answer is read or an index is built.

/** Items handled between two turns given back to the event loop. */
export const SLICE = 2048;

/** Resolves at the next turn of the event loop (after the I/O callbacks waiting). */
export function nextTurn(): Promise<void> {
  return new Promise((done) => setImmediate(done));
}

/** `fn` for each item, in order, with a turn of the event loop given back after every SLICE items. */
export async function forEachInSlices<T>(items: Iterable<T>, fn: (item: T) => void): Promise<void> {
  let n = 0;
  for (const item of items) {
    fn(item);
    if (++n % SLICE === 0) await nextTurn();
  }
}
