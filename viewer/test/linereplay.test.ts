import { describe, expect, it } from "vitest";
import { frameAt, nextIndex, replayableCalls, stepDelayMs } from "../src/linereplay";
import type { LineCallWire } from "../src/protocol";

const CALL: LineCallWire = {
  t: 1000,
  truncated: 0,
  steps: [
    { line: 9, t: 100, changed: [] },
    { line: 10, t: 300, changed: [{ name: "value", type: "int", value: "9" }] },
    { line: 11, t: 450, changed: [{ name: "bonus", type: "int", value: "10" }] },
    { line: 10, t: 600, changed: [{ name: "value", type: "int", value: "16" }, { name: "…", type: "", value: "2 more" }] },
  ],
};

describe("line replay", () => {
  it("gives each step's line, time and changed locals", () => {
    const frame = frameAt(CALL, 1);
    expect(frame).toMatchObject({ index: 1, count: 4, line: 10, t: 300 });
    expect(frame?.changed).toEqual([{ name: "value", type: "int", value: "9" }]);
  });

  it("keeps every local's latest preview up to the step, never the '…' count", () => {
    expect(frameAt(CALL, 3)?.locals).toEqual([
      { name: "value", type: "int", value: "16" },
      { name: "bonus", type: "int", value: "10" },
    ]);
    expect(frameAt(CALL, 0)?.locals).toEqual([]);
  });

  it("clamps scrubbing to the call's steps and stops at its end", () => {
    expect(frameAt(CALL, 99)?.index).toBe(3);
    expect(frameAt(CALL, -5)?.index).toBe(0);
    expect(nextIndex(CALL, 2)).toBe(3);
    expect(nextIndex(CALL, 3)).toBeNull();
    expect(frameAt({ ...CALL, steps: [] }, 0)).toBeNull();
  });

  it("drops calls with no steps and plays faster at higher speeds", () => {
    expect(replayableCalls({ node: 1, calls: [CALL, { ...CALL, steps: [] }] })).toHaveLength(1);
    expect(stepDelayMs(2)).toBeLessThan(stepDelayMs(1));
  });
});
