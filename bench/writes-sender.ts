// Child process of the writes benchmark: the writers, kept out of the probing process so that encoding and sending
// the large bodies does not delay the probe's own event loop (a real writer is another client). Arguments: the
// server's URL, the writers' grants (JSON), the size in MiB and the time budget in ms. Builds the documents, prints
// `{"ready":[sizes]}`, waits for a line on stdin, sends every PUT at once and prints `{"statuses":[…],"ms":…}`.

import { createInterface } from "node:readline";
import { Agent, fetch as undiciFetch } from "undici";
import { generateSeason } from "./generate.js";

/** A records document of about `mib` MiB for `publisherId` (grown until it reaches the size). */
export function documentOf(publisherId: string, mib: number, seed: number): string {
  let performances = Math.round(mib * 205);
  for (;;) {
    const doc = generateSeason(performances, { seed, publisherId });
    // The generator's festival-1 has no venue, which the core profile requires.
    for (const sr of doc.series as unknown as { id: string; venue?: string }[])
      if (sr.id === "festival-1") sr.venue = "venue-0";
    const text = JSON.stringify(doc);
    if (text.length >= mib * 2 ** 20) return text;
    performances = Math.ceil(performances * ((mib * 2 ** 20) / text.length) * 1.02);
  }
}

const [url, grantsJson, mibText, budgetText] = process.argv.slice(2);
const grants = JSON.parse(grantsJson!) as { graph: string; publisherId: string; token: string }[];
const mib = Number(mibText);
const budgetMs = Number(budgetText);
const bodies = grants.map((g, k) => Buffer.from(documentOf(g.publisherId, mib, k + 1)));
process.stdout.write(`${JSON.stringify({ ready: bodies.map((b) => b.byteLength) })}\n`);
const rl = createInterface({ input: process.stdin });
await new Promise<void>((resolve) => rl.once("line", () => resolve()));
rl.close();
// A write waits behind the others: no headers timeout (undici's default is 300 s), only the budget.
const dispatcher = new Agent({ headersTimeout: 0, bodyTimeout: 0 });
const began = performance.now();
const statuses = await Promise.all(
  grants.map(async (g, k) => {
    const r = await undiciFetch(`${url}graph-store?graph=${encodeURIComponent(g.graph)}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${g.token}`, "content-type": "application/json" },
      body: bodies[k]!,
      signal: AbortSignal.timeout(budgetMs),
      dispatcher,
    }).catch(() => undefined);
    await r?.arrayBuffer().catch(() => undefined);
    return r?.status ?? 0;
  }),
);
const ms = performance.now() - began;
await dispatcher.close();
process.stdout.write(`${JSON.stringify({ statuses, ms })}\n`);
