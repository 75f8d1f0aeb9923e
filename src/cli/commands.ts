// The registry of `vivant` sub-commands: one module each.

import type { Command } from "./io.js";
import { mapCommand } from "./map.js";
import { schemaCommand } from "./schema.js";

export const COMMANDS: readonly Command[] = [
  mapCommand,
  schemaCommand,
];
