// Long work on a server's HTTP thread done in slices: between two slices a turn of the event loop is given back, so
// that the other requests are answered while a large answer is read or an index is built.

/** Rows (or entities) handled between two turns given back to the event loop. */
export const SLICE = 2048;

/** Resolves at the next turn of the event loop (after the I/O callbacks waiting). */
export function nextTurn(): Promise<void> {
  return new Promise((done) => setImmediate(done));
}
