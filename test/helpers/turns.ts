// How many turns of the event loop pass while a promise is pending: work done in slices (src/turns.ts) gives some
// back, work done in one piece none.

/** `run`'s value and the number of event-loop turns that went by before it resolved. */
export async function withTurns<T>(run: () => Promise<T>): Promise<{ value: T; turns: number }> {
  let turns = 0;
  let spinning = true;
  const spin = (): void => {
    if (!spinning) return;
    turns++;
    setImmediate(spin);
  };
  setImmediate(spin);
  try {
    return { value: await run(), turns };
  } finally {
    spinning = false;
  }
}
