import { defineConfig } from "vitest/config";

// `npm run real-data-summary`: writes the real-data summary (not part of `npm test`).
export default defineConfig({
  test: { include: ["test/validate/real-data-summary.update.ts"], testTimeout: 600_000, pool: "forks" },
});
