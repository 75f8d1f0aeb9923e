// A remote store's SPARQL sees every graph it holds: a tokens file with restricted graphs is refused with `--store`
// before any store is reached (nothing would keep the restricted graph from anyone's queries), in both languages.

import { describe, expect, it } from "vitest";
import { TokenTable, VivantServer } from "../../src/server/index.js";
import { isVivantError, type VivantError } from "../../src/errors.js";

const SECRET = "https://secret.example/graph";
const tokens = TokenTable.fromEntries([
  {
    token: "publisher-token-secret-0123456789",
    publisher: "secret",
    graph: SECRET,
    licence: "cc-by-4.0",
    share: ["observatoire"],
  },
  { token: "reader-token-observatoire-0123456789", reader: "observatoire" },
]);

describe("restricted graphs with a remote store", () => {
  it("are refused at start, naming the graph, in English and French", async () => {
    // Port 1 on loopback: nothing listens there, so an attempt to reach the store would fail differently.
    const error: unknown = await VivantServer.start({ port: 0, store: "http://127.0.0.1:1/sparql", tokens }).then(
      async (s) => {
        await s.close();
        return undefined;
      },
      (e: unknown) => e,
    );
    expect(isVivantError(error) && error.code).toBe("server/remote-restricted");
    expect((error as VivantError).messageIn("en")).toContain(SECRET);
    expect((error as VivantError).messageIn("fr")).toMatch(/graphes restreints.*entrepôt distant.*--data DIR/);
  });
});
