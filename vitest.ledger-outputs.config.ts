import { defineConfig } from "vitest/config";

// Writes the digests of every import's outputs (test/import/ledger-outputs.update.ts; not part of `npm test`).
export default defineConfig({
  test: { include: ["test/import/ledger-outputs.update.ts"], testTimeout: 3_600_000, pool: "forks" },
});
