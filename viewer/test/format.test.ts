import { describe, expect, it } from "vitest";
import {
  accessibleName,
  argsLine,
  durationText,
  errorText,
  formatArg,
  formatCount,
  formatDuration,
  resultLine,
  runMeta,
  sourceRef,
  timingText,
  title,
} from "../src/format";
import { call, node, run } from "./fixtures";

describe("formatDuration", () => {
  it.each([
    [0, "0ns"],
    [999, "999ns"],
    [1_000, "1.00us"],
    [880_000, "880us"],
    [12_400_000, "12.4ms"],
    [999_400_000, "999ms"],
    [999_600_000, "1.00s"],
    [1_234_000_000, "1.23s"],
    [4_000_000_000_000, "4000s"],
  ])("%d ns is %s", (ns, text) => {
    expect(formatDuration(ns)).toBe(text);
  });
});

describe("formatCount", () => {
  it.each([
    [0, "0"],
    [999, "999"],
    [1000, "1,000"],
    [1234567, "1,234,567"],
    [12.9, "12"],
  ])("%d is %s", (count, text) => {
    expect(formatCount(count)).toBe(text);
  });
});

describe("values", () => {
  it("show name, type and value, leaving out what is empty", () => {
    expect(formatArg({ name: "lr", type: "float", value: "0.001" })).toBe("lr: float=0.001");
    expect(formatArg({ name: "gate", type: "str", value: "" })).toBe("gate: str");
    expect(formatArg({ name: "x", type: "", value: "3" })).toBe("x=3");
    expect(formatArg({ name: "self", type: "", value: "" })).toBe("self");
  });

  it("put the shown call's arguments on one line, `…` when no call's values were kept", () => {
    const args = [
      { name: "path", type: "str", value: "'/data'" },
      { name: "limit", type: "int", value: "3" },
    ];
    expect(argsLine(node(0, null, { sample: call({ args }) }))).toBe("path: str='/data', limit: int=3");
    expect(argsLine(node(0, null, { sample: call() }))).toBe("");
    expect(argsLine(node(0, null))).toBe("…");
    expect(argsLine(node(0, null, { kind: "unreached", reason: "never called" }))).toBe("");
  });

  it("show the shown call's own result, and another call's exception apart from it", () => {
    const ret = { name: "return", type: "int", value: "2" };
    const error = { type: "ZeroDivisionError", message: "division by zero", line: 4 };
    const x = (value: string) => [{ name: "x", type: "int", value }];
    expect(resultLine(node(0, null, { sample: call({ ret }) }))).toBe("→ int=2");
    const failed = call({ state: "raised", error, args: x("0") });
    expect(resultLine(node(0, null, { state: "exception", sample: failed }))).toBe(
      "✖ ZeroDivisionError: division by zero",
    );
    // The latest call returned; an earlier call raised: both are said, as two calls.
    const both = node(0, null, { sample: call({ ret, args: x("3") }), failure: failed });
    expect(resultLine(both)).toBe(
      "→ int=2 · ✖ another call (x: int=0) raised ZeroDivisionError: division by zero",
    );
    expect(errorText(both)).toBe("✖ ZeroDivisionError: division by zero");
    const unkept = call({ state: "raised", error, args: null });
    expect(resultLine(node(0, null, { failure: unkept }))).toBe(
      "✖ another call raised ZeroDivisionError: division by zero",
    );
    expect(resultLine(node(0, null))).toBe("");
    const bare = { type: "KeyError", message: "", line: null };
    expect(errorText(node(0, null, { sample: call({ state: "raised", error: bare }) }))).toBe("✖ KeyError");
  });
});

describe("node text", () => {
  it("counts repeated calls in the title", () => {
    expect(title(node(0, null, { function: "step" }))).toBe("step");
    expect(title(node(0, null, { function: "step", calls: 1200 }))).toBe("step ×1,200");
  });

  it("says how long the shown call took, or what the node is doing instead", () => {
    expect(durationText(node(0, null, { state: "processing" }))).toBe("running");
    expect(durationText(node(0, null, { state: "info" }))).toBe("no duration");
    const dur = { min: 1_000, median: 2_000, max: 3_000, total: 4_000, own: 4_000 };
    expect(durationText(node(0, null, { dur }))).toBe("2.00us");
    expect(durationText(node(0, null, { dur, sample: call({ duration: 12_400_000 }) }))).toBe("12.4ms");
  });

  it("times a node as flow show does", () => {
    const dur = { min: 10_100_000, median: 10_100_000, max: 50_100_000, total: 60_200_000, own: 1 };
    expect(timingText(node(0, null, { calls: 2, dur }))).toBe("min 10.1ms · median 10.1ms · max 50.1ms");
    expect(timingText(node(0, null, { calls: 1, dur: { ...dur, max: 10_100_000 } }))).toBe("10.1ms");
    expect(timingText(node(0, null, { active: 1 }))).toBe("running");
  });

  it("names function, state and duration for screen readers", () => {
    const error = { type: "ValueError", message: "bad", line: 3 };
    expect(accessibleName(node(0, null, { function: "step", calls: 3, state: "processing" }))).toBe(
      "step ×3, processing, running",
    );
    const sample = call({ state: "raised", error });
    expect(accessibleName(node(0, null, { function: "f", state: "exception", sample }))).toBe(
      "f, exception ValueError, no duration",
    );
  });

  it("points at the source as path:line, or the path alone for marks", () => {
    expect(sourceRef(node(0, null, { file: "/p/app.py", line: 12 }))).toBe("/p/app.py:12");
    expect(sourceRef(node(0, null, { kind: "mark", file: "", line: 0 }))).toBe("");
  });

  it("gives a live run-list entry no stale count: it says the run is running", () => {
    const started = Date.UTC(2026, 0, 1, 12, 0, 0) / 1000;
    const live = run("a", started, { state: "live", live: true, ended_at: null, exit_code: null, calls: 0 });
    expect(runMeta(live)).not.toContain("calls");
    expect(runMeta(live)).toMatch(/ · running$/);
    const ended = run("b", started, { calls: 1200, exceptions: 2, exit_code: 3 });
    expect(runMeta(ended)).toMatch(/ · 1,200 calls · 2 exc · exit 3$/);
  });
});
