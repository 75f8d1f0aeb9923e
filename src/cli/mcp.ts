// `vivant mcp --data DIR`: the Model Context Protocol over stdio, for an assistant on this machine: the same tools
// as the server's /mcp, answered by a query pool on the data directory (read-only, with the server's limits).

import { resolve } from "node:path";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { InputError } from "../errors.js";
import { QueryPool } from "../server/pool.js";
import { vivantMcpServer } from "../server/mcp.js";
import { parseOptions } from "./args.js";
import { EXIT, type Command } from "./io.js";

export const mcpCommand: Command = {
  name: "mcp",
  summary: {
    en: "serve the Model Context Protocol on stdio (tools for assistants) over a data directory",
    fr: "servir le Model Context Protocol sur stdio (outils pour assistants) sur un dossier de données",
  },
  help: {
    en: "Usage: vivant mcp --data DIR [--timeout MS]\n\nTools: find_performances, describe_entity, facets, sparql (read-only, with the server's limits), schema_digest.\nThe same tools are on a running server at /mcp (streamable HTTP).",
    fr: "Usage : vivant mcp --data DOSSIER [--timeout MS]\n\nOutils : find_performances, describe_entity, facets, sparql (en lecture seule, avec les limites du serveur), schema_digest.\nLes mêmes outils sont sur un serveur lancé à /mcp (HTTP en flux).",
  },
  async run(argv, io) {
    const { values } = parseOptions(argv, { data: { type: "string" }, timeout: { type: "string" } }, "mcp");
    if (typeof values.data !== "string") throw new InputError("cli/usage", "--data DIR is needed", { hint: "vivant mcp --data ./data" });
    const pool = await QueryPool.start({
      dataDir: resolve(io.cwd, values.data), workers: 1, timeoutMs: typeof values.timeout === "string" ? Number(values.timeout) || 10_000 : 10_000,
      maxResultBytes: 64 * 2 ** 20, unionDefaultGraph: true,
    });
    const server = vivantMcpServer(pool);
    await server.connect(new StdioServerTransport());
    await new Promise<void>((done) => {
      server.server.onclose = () => done();
      process.stdin.once("end", () => done());
    });
    await pool.close();
    return EXIT.ok;
  },
};
