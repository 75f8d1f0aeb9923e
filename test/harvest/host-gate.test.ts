// The per-host gate keeps at most `max` requests in flight to one host, also when a request arrives between a
// release and the resumption of the request that was waiting for that slot.

import { describe, expect, it } from "vitest";
import { HostGate } from "../../src/harvest/host-gate.js";

/** Runs `n` tasks through the gate, each holding its slot for a few event-loop turns; the most in flight at once. */
async function peak(gate: HostGate, n: number): Promise<number> {
  let inFlight = 0;
  let most = 0;
  const task = async () => {
    await gate.acquire();
    inFlight++;
    most = Math.max(most, inFlight);
    for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
    inFlight--;
    gate.release();
  };
  await Promise.all(Array.from({ length: n }, task));
  return most;
}

describe("HostGate", () => {
  it("never lets more than max requests in flight (1, 2 and 3 slots, 20 requests)", async () => {
    for (const max of [1, 2, 3]) expect(await peak(new HostGate(max, 0), 20)).toBe(max);
  });

  it("gives a released slot to the waiting request, not to one that arrives before it resumes", async () => {
    const gate = new HostGate(1, 0);
    const order: string[] = [];
    await gate.acquire();
    const waiting = gate.acquire().then(() => order.push("waiting"));
    gate.release();
    // Arrives in the same turn as the release, before the waiting request has resumed.
    const late = gate.acquire().then(() => order.push("late"));
    await waiting;
    for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
    expect(order).toEqual(["waiting"]);
    gate.release();
    await late;
    expect(order).toEqual(["waiting", "late"]);
    gate.release();
  });
});
