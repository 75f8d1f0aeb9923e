// The discovery page links to the same search as an iCal calendar (issue 14, point 1): the link carries the page's
// filters (not its cursor: the calendar is the whole search), and the feed it names answers with the performances
// the typed API gives for those filters.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VivantServer } from "../../src/server/index.js";
import { call, demoServer } from "../server/helpers.js";

let server: VivantServer;
beforeAll(async () => {
  ({ server } = await demoServer());
});
afterAll(() => server?.close());

/** Every page of /api/performances for these parameters → performance IRIs. */
async function apiIds(params: string): Promise<string[]> {
  const ids: string[] = [];
  let path: string | undefined = `api/performances?${params}&limit=500`;
  for (let pages = 0; path && pages < 20; pages++) {
    const doc = JSON.parse((await call(server.url, path)).text) as { "@graph": { "@id": string }[]; next?: string };
    ids.push(...doc["@graph"].map((n) => n["@id"]));
    path = doc.next?.replace(/^\//, "");
  }
  return ids;
}

describe("the discovery page's iCal link", () => {
  it("names /api/performances.ics with the search's filters, and that feed holds the search's performances", async () => {
    const first = await call(server.url, "?ui=en&city=Nantes", { headers: { accept: "text/html" } });
    expect(first.status).toBe(200);
    const next = /<a rel="next" href="([^"]+)"/.exec(first.text);
    expect(next, "Nantes has more than one page").not.toBeNull();
    // The link is the same on a later page: the cursor is not carried.
    const page = await call(server.url, next![1]!.replace(/&amp;/g, "&").replace(/^\//, ""), {
      headers: { accept: "text/html" },
    });
    expect(page.text).toContain(`href="/api/performances.ics?city=Nantes"`);
    const filtered = await call(server.url, "?ui=en&city=Nantes&genre=theatre", { headers: { accept: "text/html" } });
    const link = /<a href="([^"]+)" type="text\/calendar">as an iCal calendar \(every page\)<\/a>/.exec(filtered.text);
    expect(link, "the page links to the calendar").not.toBeNull();
    const href = link![1]!.replace(/&amp;/g, "&");
    expect(href).toBe("/api/performances.ics?city=Nantes&genre=theatre");
    const feed = await call(server.url, href.slice(1));
    expect(feed.status).toBe(200);
    expect(feed.type).toMatch(/^text\/calendar/);
    const expected = await apiIds("city=Nantes&genre=theatre");
    expect(expected.length).toBeGreaterThan(0);
    expect(feed.text.match(/^BEGIN:VEVENT/gm)?.length).toBe(expected.length);
    const fr = await call(server.url, "?ui=fr", { headers: { accept: "text/html" } });
    expect(fr.text).toContain(
      '<a href="/api/performances.ics" type="text/calendar">en agenda iCal (toutes les pages)</a>',
    );
  });
});
