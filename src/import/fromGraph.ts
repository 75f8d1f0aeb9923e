// Normalised schema.org quads → typed records: events become performances of a production, places
// venues, organizations and people agents, offers tariffs. What the source does not say stays absent.
// This entry point runs the parts in fromGraph/ in order: events (with the places, agents and offers they
// name), then the nodes described on their own.

import type { Quad } from "@rdfjs/types";
import type { Problem } from "../errors.js";
import type { SourceTally } from "../harvest/ledger.js";
import type { RecordRef } from "../mapping/types.js";
import type { Organization, Performance, Person, Production, Series, Venue } from "../records/types.js";
import { GraphContext } from "./fromGraph/context.js";
import { readDirectories } from "./fromGraph/directory.js";
import { readEvents } from "./fromGraph/events.js";
import { uniqueById } from "./types.js";

export { localIdOf } from "./fromGraph/context.js";

export interface FromGraphOptions {
  /**
   * Language of texts that carry no language tag. `und` (undetermined) unless the caller knows better.
   * @default "und"
   */
  readonly defaultLanguage?: string;
  /** The fidelity ledger's account of this graph: each (node, property) carried or not. */
  readonly tally?: SourceTally;
}

export interface GraphRecords {
  readonly venues: Venue[];
  readonly organizations: Organization[];
  readonly people: Person[];
  readonly productions: Production[];
  readonly performances: Performance[];
  readonly series: Series[];
  readonly problems: Problem[];
  readonly rejected: RecordRef[];
  /** Events seen (accepted or rejected). */
  readonly events: number;
}

export function graphToRecords(quads: readonly Quad[], options: FromGraphOptions = {}): GraphRecords {
  const c = new GraphContext(quads, options.defaultLanguage ?? "und", options.tally);
  const ev = readEvents(c);
  readDirectories(c);
  return {
    venues: uniqueById(c.venues.values()),
    organizations: uniqueById(c.organizations.values()),
    people: uniqueById(c.people.values()),
    productions: uniqueById(ev.productions.values()),
    performances: uniqueById(ev.performances),
    series: uniqueById(ev.series),
    problems: c.problems,
    rejected: c.rejected,
    events: ev.events,
  };
}
