// /mcp: the Model Context Protocol over streamable HTTP, stateless (a server and a transport per request, on the
// query pool); 501 `mcp/sdk-missing` when the optional SDK is not installed.

import type { IncomingMessage, ServerResponse } from "node:http";
import { isUsageError } from "../errors.js";
import { tx } from "../i18n.js";
import type { QueryBackend } from "./backend.js";
import { HttpError, readBody } from "./http-util.js";
import { loadMcp } from "./mcp-load.js";

export async function handleMcp(
  req: IncomingMessage,
  res: ServerResponse,
  pool: QueryBackend,
  maxBodyBytes: number,
): Promise<void> {
  let mcp: Awaited<ReturnType<typeof loadMcp>>;
  try {
    mcp = await loadMcp();
  } catch (e) {
    if (!isUsageError(e) || e.code !== "mcp/sdk-missing") throw e;
    throw new HttpError(501, "mcp/sdk-missing", e.text, { hint: e.hintText ?? e.text });
  }
  const { StreamableHTTPServerTransport, vivantMcpServer } = mcp;
  let body: unknown;
  if (req.method === "POST") {
    const text = await readBody(req, maxBodyBytes);
    try {
      body = JSON.parse(text);
    } catch (e) {
      throw new HttpError(400, "mcp/json", tx("mcp/json", { detail: (e as Error).message }), {
        hint: tx("mcp/json.hint"),
      });
    }
  }
  const server = vivantMcpServer(pool);
  const transport = new StreamableHTTPServerTransport({ enableJsonResponse: true }); // no sessionIdGenerator: stateless;
  res.on("close", () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, body);
}
