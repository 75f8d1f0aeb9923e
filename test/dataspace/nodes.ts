// Shared by the data-space tests that start a small network on loopback (follow.test.ts, federation.test.ts,
// network.test.ts): a season's Turtle per host, a publisher's PUT, and the faulty nodes: one that is slow (answers
// nothing for a while), one that is down (a port nobody listens on), and a plain HTTP server to script any other.

import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "vitest";
import { call } from "../server/helpers.js";

export const PREFIX = `@prefix schema: <http://schema.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n`;

/** Performance `n` of `host` (its own start date in December 2026), named `name`. */
export const perf = (
  host: string,
  n: number,
  name: string,
): string => `<https://${host}/performance/p${n}> a schema:TheaterEvent ; schema:name "${name}"@fr ;
  schema:startDate "2026-12-${String((n % 28) + 1).padStart(2, "0")}T20:00:00+01:00"^^xsd:dateTime ; schema:workPerformed <https://${host}/production/w> ;
  schema:location <https://${host}/venue/main> .\n`;

/** The production and venue (in `city`) every performance of `host` refers to. */
export const rest = (
  host: string,
  city = "Lyon",
): string => `<https://${host}/production/w> a schema:CreativeWork ; schema:name "Bérénice"@fr .
<https://${host}/venue/main> a schema:Place ; schema:name "Salle ${host}"@fr ;
  schema:address [ a schema:PostalAddress ; schema:addressLocality "${city}" ; schema:addressCountry "FR" ] .\n`;

/** A season of `count` performances of `host`; performance `renamed` named otherwise. */
export const season = (host: string, count: number, renamed = -1, city = "Lyon"): string =>
  PREFIX +
  Array.from({ length: count }, (_, i) => perf(host, i, i === renamed ? "Bérénice (reprise)" : "Bérénice")).join("") +
  rest(host, city);

/** A publisher's Graph Store PUT, asserted accepted. */
export async function put(base: string, graph: string, token: string, body: string, licence?: string): Promise<void> {
  const a = await call(base, `graph-store?graph=${encodeURIComponent(graph)}${licence ? `&licence=${licence}` : ""}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${token}`, "content-type": "text/turtle" },
    body,
  });
  expect(a.status, a.text).toBeLessThan(300);
}

/** Listens on a free loopback port; resolves to the server's base URL. */
export async function listen(s: Server): Promise<string> {
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}/`;
}

/** A scripted node: any request listener on loopback. */
export async function scriptedNode(listener: RequestListener): Promise<{ server: Server; url: string }> {
  const server = createServer(listener);
  return { server, url: await listen(server) };
}

/** A slow node: answers nothing (not even headers) for `delayMs`, then an empty body. */
export function slowNode(delayMs = 3000): Promise<{ server: Server; url: string }> {
  return scriptedNode((_req, res) => void setTimeout(() => res.end(), delayMs).unref());
}

/** A node that is down: the base URL of a port that was free a moment ago and is closed now. */
export async function downNode(): Promise<string> {
  const gone = createServer();
  const url = await listen(gone);
  await new Promise((r) => gone.close(r));
  return url;
}

/** Closes a scripted node, cutting its open connections (a slow node's). */
export async function closeNode(s: Server | undefined): Promise<void> {
  if (!s) return;
  s.closeAllConnections();
  await new Promise((r) => s.close(r));
}
