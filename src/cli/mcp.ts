// `vivant mcp --data DIR`: the Model Context Protocol over stdio, for an assistant on this machine: the same tools
// as the server's /mcp, answered by a query pool on the data directory (read-only, with the server's limits).

import { resolve } from "node:path";
import { InputError } from "../errors.js";
import { QueryPool } from "../server/pool.js";
import { loadMcp } from "../server/mcp-load.js";
import { tx } from "../i18n.js";
import { parseOptions, wholeNumber } from "./args.js";
import { EXIT, type Command } from "./io.js";

export const mcpCommand: Command = {
  name: "mcp",
  summary: {
    en: "serve the Model Context Protocol on stdio (tools for assistants) over a data directory",
    fr: "servir le Model Context Protocol sur stdio (outils pour assistants) sur un dossier de données",
  },
  help: {
    en: `Usage: vivant mcp --data DIR [--timeout MS] [--lang en|fr]

Tools: find_performances, describe_entity, facets, sparql (read-only, with the server's limits), schema_digest.
The same tools are on a running server at /mcp (streamable HTTP).

Options:
  --data DIR      the data directory (of vivant serve or vivant load)
  --timeout MS    time limit of a query (default 10000)
  --lang en|fr    language of messages (default en; --messages: old spelling)`,
    fr: `Usage : vivant mcp --data DOSSIER [--timeout MS] [--lang en|fr]

Outils : find_performances, describe_entity, facets, sparql (en lecture seule, avec les limites du serveur), schema_digest.
Les mêmes outils sont sur un serveur lancé à /mcp (HTTP en flux).

Options :
  --data DOSSIER  le dossier de données (de vivant serve ou vivant load)
  --timeout MS    temps maximal d'une requête (10000 par défaut)
  --lang en|fr    langue des messages (en par défaut ; --messages : ancienne graphie)`,
  },
  async run(argv, io) {
    const { values } = parseOptions(argv, { data: { type: "string" }, timeout: { type: "string" } }, "mcp");
    if (typeof values.data !== "string")
      throw new InputError("cli/usage", tx("export/needs-data"), {
        hint: tx("cli/example", { example: "vivant mcp --data ./data" }),
      });
    // The SDK is an optional peer dependency: said before anything is opened when it is not installed.
    const { StdioServerTransport, vivantMcpServer } = await loadMcp();
    const pool = await QueryPool.start({
      dataDir: resolve(io.cwd, values.data),
      workers: 1,
      timeoutMs: wholeNumber(values.timeout, "--timeout", 1) ?? 10_000,
      maxResultBytes: 64 * 2 ** 20,
      unionDefaultGraph: true,
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
