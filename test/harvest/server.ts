// A loopback web site for harvest tests (127.0.0.1, port 0): pages made from real JSON-LD, plus every
// way a page can fail. It records each request so tests can check politeness without timing anything.

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface Route {
  readonly status?: number;
  readonly type?: string;
  readonly body?: string | Buffer;
  readonly headers?: Readonly<Record<string, string>>;
  /** Wait before answering (a slow page); the test uses a shorter client timeout. */
  readonly delayMs?: number;
  /** Stream this many bytes of filler after `body` (a huge page), without Content-Length. */
  readonly streamBytes?: number;
  /** Answers in turn: the n-th request of this path gets the n-th route (the last one from then on). */
  readonly sequence?: readonly Route[];
}

export interface TestSite {
  readonly origin: string;
  /** Paths requested, in order. */
  readonly requests: string[];
  /** Host header of each request, in the same order. */
  readonly hosts: string[];
  /** Highest number of requests in flight at once. */
  readonly maxInFlight: () => number;
  route(path: string, route: Route): void;
  close(): Promise<void>;
}

export function page(title: string, scripts: readonly string[]): string {
  return `<!doctype html>\n<html lang="fr"><head><meta charset="utf-8"><title>${title}</title>\n${scripts.join("\n")}\n</head><body><h1>${title}</h1></body></html>`;
}

export function script(json: unknown): string {
  return `<script type="application/ld+json">${JSON.stringify(json).replace(/</g, "\\u003c")}</script>`;
}

export async function startSite(): Promise<TestSite> {
  const routes = new Map<string, Route>();
  const requests: string[] = [];
  const hosts: string[] = [];
  const served = new Map<string, number>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? "/";
    requests.push(path);
    hosts.push(req.headers.host ?? "");
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on("close", () => inFlight--);
    const listed = routes.get(path);
    if (!listed) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    const n = served.get(path) ?? 0;
    served.set(path, n + 1);
    const r = listed.sequence ? listed.sequence[Math.min(n, listed.sequence.length - 1)]! : listed;
    const answer = () => {
      const headers: Record<string, string> = { ...(r.type ? { "content-type": r.type } : {}), ...r.headers };
      if (r.streamBytes === undefined) {
        res.writeHead(r.status ?? 200, headers).end(r.body ?? "");
        return;
      }
      res.writeHead(r.status ?? 200, headers);
      res.write(r.body ?? "");
      const chunk = Buffer.alloc(64 * 1024, " ");
      let left = r.streamBytes;
      const pump = () => {
        while (left > 0) {
          left -= chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end("</body></html>");
      };
      res.on("error", () => undefined);
      pump();
    };
    if (r.delayMs) {
      const t = setTimeout(() => {
        timers.delete(t);
        if (!res.destroyed) answer();
      }, r.delayMs);
      timers.add(t);
    } else answer();
  });
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    hosts,
    maxInFlight: () => maxInFlight,
    route: (path, route) => void routes.set(path, route),
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
