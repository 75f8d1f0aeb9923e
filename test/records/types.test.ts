// Type-level tests: the public record types refuse what the parser refuses, and the embed form is a schema.org Event.

import type { Event, WithContext } from "schema-dts";
import { describe, expectTypeOf, it } from "vitest";
import type { Performance, RecordDocument, Role, Venue } from "../../src/api/records.js";
import { toEmbed } from "../../src/api/mapping.js";

describe("record types", () => {
  it("require what the parser requires", () => {
    // @ts-expect-error startDate is required
    const noStart: Performance = { id: "p", production: "pr" };
    const badStatus: Performance = {
      id: "p",
      production: "pr",
      startDate: "2026-11-20T20:00",
      // @ts-expect-error status kind is a closed list
      status: { kind: "canceled" },
    };
    // @ts-expect-error accessibility is a controlled list
    const badFeature: Venue = { id: "v", name: { fr: "X" }, accessibility: ["ramp"] };
    // @ts-expect-error a document needs a publisher
    const noPublisher: RecordDocument = { performances: [] };
    void [noStart, badStatus, badFeature, noPublisher];
  });

  it("are read-only", () => {
    const v: Venue = { id: "v", name: { fr: "X" } };
    // @ts-expect-error records are immutable once parsed
    v.id = "w";
    expectTypeOf<Role["roleName"]>().toEqualTypeOf<Readonly<Record<string, string>> | undefined>();
  });

  it("give an embed form assignable to schema-dts's WithContext<Event>", () => {
    const embed = toEmbed(
      { publisher: { id: "p", name: { fr: "P" }, baseIri: "https://x.example/", licence: "cc0-1.0" } },
      "nope",
    );
    expectTypeOf(embed).toEqualTypeOf<WithContext<Event> | undefined>();
  });
});
