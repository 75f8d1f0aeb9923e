// Spreading an array into push() passes every item as an argument: past ~100k items (a page with tens of
// thousands of JSON-LD nodes, a large dump) it throws RangeError (call stack exceeded). This does not.

/** Appends every item of `items` to `target`, in order; returns `target`. */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
