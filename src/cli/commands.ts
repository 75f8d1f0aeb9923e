// The registry of `vivant` sub-commands: one module each.

import type { Command } from "./io.js";
import { dumpCommand } from "./dump.js";
import { duplicatesCommand } from "./duplicates.js";
import { exportCommand } from "./export.js";
import { followCommand } from "./follow.js";
import { harvestCommand } from "./harvest.js";
import { importCommand } from "./import.js";
import { loadCommand } from "./load.js";
import { mcpCommand } from "./mcp.js";
import { mapCommand } from "./map.js";
import { schemaCommand } from "./schema.js";
import { serveCommand } from "./serve.js";
import { validateCommand } from "./validate.js";

export const COMMANDS: readonly Command[] = [
  dumpCommand,
  duplicatesCommand,
  exportCommand,
  followCommand,
  harvestCommand,
  importCommand,
  loadCommand,
  mapCommand,
  mcpCommand,
  schemaCommand,
  serveCommand,
  validateCommand,
];
