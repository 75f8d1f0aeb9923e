// The registry of `vivant` sub-commands: one module each.

import type { Command } from "./io.js";

export const COMMANDS: readonly Command[] = [];
