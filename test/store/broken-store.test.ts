// A query past the limits, let through on purpose, traps Oxigraph's WebAssembly: every store of the thread
// (they share one instance) then says so on each call, instead of answering from damaged memory.
// (Its own file: the trap leaves this test file's thread without a usable Oxigraph.)
import { describe, expect, it } from "vitest";
import { GraphStore, StoreBrokenError } from "../../src/api/store.js";
import { ATTACKS } from "./attacks.js";

describe("a broken WebAssembly store", () => {
  it("refuses every later call on every store of the thread with store/broken", async () => {
    const other = await GraphStore.open();
    expect(await other.ask("ASK {}")).toBe(true);
    const loose = await GraphStore.open({ queryLimits: { maxDepth: 1e9 } });
    await expect(loose.ask(ATTACKS["STR( nested"]!(300))).rejects.toBeInstanceOf(StoreBrokenError);
    expect(loose.broken).toBeInstanceOf(StoreBrokenError);
    await expect(loose.ask("ASK {}")).rejects.toMatchObject({ code: "store/broken" });
    expect(other.broken).toBeInstanceOf(StoreBrokenError);
    await expect(other.select("SELECT * { ?s ?p ?o }")).rejects.toMatchObject({
      code: "store/broken",
      message: expect.stringMatching(/memory access out of bounds/),
    });
    // Closing does not throw (the broken memory is not freed; it goes with the thread).
    await loose.close();
    await other.close();
  });
});
