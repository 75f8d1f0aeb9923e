import { describe, expect, it } from "vitest";
import { eventTypeOf } from "../../src/mapping/terms.js";
import { GENRES } from "../../src/records/types.js";

describe("eventTypeOf", () => {
  it("keeps a stated type over any genre", () => {
    expect(eventTypeOf("Festival", ["opera"])).toBe("Festival");
  });

  it("derives the type from the first genre only, and says Event when there is none or it implies none", () => {
    expect(eventTypeOf(undefined, ["opera", "theatre"])).toBe("MusicEvent");
    expect(eventTypeOf(undefined, ["theatre", "opera"])).toBe("TheaterEvent");
    expect(eventTypeOf(undefined, ["ballet"])).toBe("DanceEvent");
    expect(eventTypeOf(undefined, ["comedy"])).toBe("ComedyEvent");
    expect(eventTypeOf(undefined, ["circus"])).toBe("Event");
    expect(eventTypeOf(undefined, ["musicalTheatre"])).toBe("Event");
    expect(eventTypeOf(undefined, [])).toBe("Event");
    expect(eventTypeOf(undefined, undefined)).toBe("Event");
  });

  it("gives every genre of the record model one of the schema.org Event types", () => {
    const types = new Set(GENRES.map((g) => eventTypeOf(undefined, [g])));
    expect([...types].sort()).toEqual(["ComedyEvent", "DanceEvent", "Event", "MusicEvent", "TheaterEvent"]);
  });
});
