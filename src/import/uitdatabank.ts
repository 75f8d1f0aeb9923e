// publiq's UiTdatabank JSON (Flanders/Brussels) → records. The four calendar types become performances:
// single and multiple from their subEvents, periodic from its opening hours between its dates (closed
// days left out, adjusted days applied), permanent only within a window the caller gives.
// This module runs an import from end to end; the folder uitdatabank/ holds its stages: the documents (json.ts), their
// merging by id (merge.ts), places and organizers (places.ts), events (events.ts, performances.ts, performers.ts,
// prices.ts, calendar.ts, vocabulary.ts) and the fidelity ledger (ledger.ts).

import type { Problem } from "../errors.js";
import { Fixes } from "../harvest/fixes.js";
import { Ledger } from "../harvest/ledger.js";
import type { RecordRef } from "../mapping/types.js";
import type { Performance, Person, Production } from "../records/types.js";
import { makePublisher, recordProblem, uniqueById, type ImportResult, type PublisherOptions } from "./types.js";
import { readEvent } from "./uitdatabank/events.js";
import { uitdatabankDocuments } from "./uitdatabank/json.js";
import { UitdatabankTally } from "./uitdatabank/ledger.js";
import { groupDocuments } from "./uitdatabank/merge.js";
import { Places } from "./uitdatabank/places.js";
import type { EventRun } from "./uitdatabank/run.js";

export { expandOpeningHours } from "./uitdatabank/calendar.js";
export { uitdatabankDocuments } from "./uitdatabank/json.js";
export { mergeDocuments } from "./uitdatabank/merge.js";

export interface UitdatabankImportOptions {
  readonly publisher: PublisherOptions;
  /**
   * Dates between which the opening hours of `permanent` events are expanded into performances
   * (`YYYY-MM-DD`, both included). Without it a permanent event has no dates and is rejected.
   */
  readonly permanentWindow?: { readonly from: string; readonly to: string };
  /** Performances made at most from one periodic or permanent event. @default 1000 */
  readonly maxOccurrences?: number;
  /** Keep the fidelity ledger (what became of each property of each document). @default true */
  readonly ledger?: boolean;
  /** Called as events are read (every 500, and at the end): how many so far, of how many in all. */
  readonly onProgress?: (eventsRead: number, total: number) => void;
}

/** One info per term with no Vivant type or genre, in the terms' sorted order. */
function unmappedTerms(unmapped: ReadonlySet<string>, problems: Problem[]): void {
  for (const u of [...unmapped].sort()) {
    problems.push(
      recordProblem(
        "uitdatabank/unmapped-term",
        "document",
        undefined,
        "$..terms",
        u,
        [`term ${u} has no Vivant type or genre: left out`, `le terme ${u} n'a ni type ni genre Vivant : écarté`],
        [
          "a performing-arts term (Concert, Theatervoorstelling…)",
          "un terme des arts vivants (Concert, Theatervoorstelling…)",
        ],
        [
          "nothing to do unless it is a performing-arts term",
          "rien à faire sauf s'il s'agit d'un terme des arts vivants",
        ],
        "info",
      ),
    );
  }
}

export function importUitdatabank(input: unknown, options: UitdatabankImportOptions): ImportResult {
  const docs = uitdatabankDocuments(input);
  const problems: Problem[] = [];
  // The ledger's account: each event's documents, counted once its record is made or rejected (all carried, or all
  // rejected with the merged event), then the merged places and organizers.
  const tally = options.ledger === false ? undefined : new UitdatabankTally();
  const { placeDocs, orgDocs, eventDocs, conflicted } = groupDocuments(docs, tally !== undefined, problems);
  const places = new Places(placeDocs, orgDocs, problems);
  const run: EventRun = {
    fixes: new Fixes(),
    problems,
    rejected: [] as RecordRef[],
    places,
    people: new Map<string, Person>(),
    productions: new Map<string, Production>(),
    performances: [] as Performance[],
    unmapped: new Set<string>(),
    rejectedEvents: new Set<string>(),
    conflicted,
    permanentWindow: options.permanentWindow,
    max: options.maxOccurrences ?? 1000,
  };
  let events = 0;
  eventDocs.forEach((e) => {
    if (options.onProgress && events > 0 && events % 500 === 0) options.onProgress(events, eventDocs.length);
    events++;
    readEvent(run, e);
    // Counted now, while the event's documents are still in the processor's caches.
    if (tally && e.events) tally.events(e.events, run.rejectedEvents.has(e.id));
  });
  options.onProgress?.(events, eventDocs.length);
  unmappedTerms(run.unmapped, problems);
  const used = new Set(run.performances.map((p) => p.production));
  const ledger = new Ledger();
  tally?.settle(ledger, placeDocs, places.venues, orgDocs, places.organizations);
  return {
    document: {
      publisher: makePublisher(options.publisher),
      venues: uniqueById(places.venues.values()),
      organizations: uniqueById(places.organizations.values()),
      people: uniqueById(run.people.values()),
      productions: uniqueById([...run.productions.values()].filter((p) => used.has(p.id))),
      performances: uniqueById(run.performances),
    },
    read: events,
    unit: "events",
    fixes: run.fixes,
    ledger,
    problems: [...problems, ...ledger.problems()],
    rejected: run.rejected,
  };
}
