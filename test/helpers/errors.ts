// The error a call throws or a promise rejects with, for tests that read its code and words (a test fails when
// nothing is thrown).

import type { InputError } from "../../src/errors.js";

/** The error `fn` throws (the test fails when it throws none). */
export function thrown(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    return e as InputError;
  }
  throw new Error("expected an error");
}

/** The error `p` rejects with (the test fails when it resolves). */
export async function rejected(p: Promise<unknown>): Promise<InputError> {
  try {
    await p;
  } catch (e) {
    return e as InputError;
  }
  throw new Error("expected a rejection");
}
