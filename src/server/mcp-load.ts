// The Model Context Protocol interface is optional: @modelcontextprotocol/sdk (and its HTTP server stack, about 90
// packages) is a peer dependency that `npm install vivant-ld` does not bring. `vivant mcp` and `/mcp` load it
// here, when first used, and say how to install it when it is missing.

import { UsageError } from "../errors.js";
import { tx } from "../i18n.js";

type McpModule = typeof import("./mcp.js");

/** Whether `e` says a package could not be found (the SDK, or zod which it needs). */
function isMissingPackage(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND";
}

let loaded: Promise<McpModule> | undefined;

/**
 * The MCP server module (./mcp.ts), loaded once; a UsageError `mcp/sdk-missing` naming the command that installs the
 * SDK when it is not installed (tried again at the next call).
 */
export function loadMcp(): Promise<McpModule> {
  return (loaded ??= import("./mcp.js").catch((e: unknown) => {
    loaded = undefined;
    if (!isMissingPackage(e)) throw e;
    throw new UsageError("mcp/sdk-missing", tx("mcp/sdk-missing", { detail: (e as Error).message }), {
      hint: tx("mcp/sdk-missing.hint"),
      cause: e,
    });
  }));
}
