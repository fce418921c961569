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
  sourceRef,
  title,
} from "../src/format";
import { node } from "./fixtures";

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

  it("put all arguments on one line", () => {
    const args = [
      { name: "path", type: "str", value: "'/data'" },
      { name: "limit", type: "int", value: "3" },
    ];
    expect(argsLine(node(0, null, { args }))).toBe("path: str='/data', limit: int=3");
    expect(argsLine(node(0, null))).toBe("");
  });

  it("show the exception of a failed call, else its return value", () => {
    const ret = { name: "return", type: "int", value: "2" };
    const error = { type: "ZeroDivisionError", message: "division by zero", line: 4 };
    expect(resultLine(node(0, null, { ret }))).toBe("→ return: int=2");
    expect(resultLine(node(0, null, { state: "exception", ret, error }))).toBe(
      "✖ ZeroDivisionError: division by zero",
    );
    // A later call succeeded: its value is shown, the kept exception stays for the card.
    expect(resultLine(node(0, null, { state: "success", ret, error }))).toBe("→ return: int=2");
    expect(resultLine(node(0, null, { state: "success", error }))).toBe(
      "✖ ZeroDivisionError: division by zero",
    );
    expect(resultLine(node(0, null))).toBe("");
    const bare = { type: "KeyError", message: "", line: null };
    expect(errorText(node(0, null, { error: bare }))).toBe("✖ KeyError");
  });
});

describe("node text", () => {
  it("counts repeated calls in the title", () => {
    expect(title(node(0, null, { function: "step" }))).toBe("step");
    expect(title(node(0, null, { function: "step", calls: 1200 }))).toBe("step ×1,200");
  });

  it("says what a node without a duration is doing", () => {
    expect(durationText(node(0, null, { state: "processing" }))).toBe("running");
    expect(durationText(node(0, null, { state: "info" }))).toBe("no duration");
    const dur = { last: 12_400_000, min: 1, median: 2, max: 3, total: 4 };
    expect(durationText(node(0, null, { dur }))).toBe("12.4ms");
  });

  it("names function, state and duration for screen readers", () => {
    const error = { type: "ValueError", message: "bad", line: 3 };
    expect(accessibleName(node(0, null, { function: "step", calls: 3, state: "processing" }))).toBe(
      "step ×3, processing, running",
    );
    expect(accessibleName(node(0, null, { function: "f", state: "exception", error }))).toBe(
      "f, exception ValueError, no duration",
    );
  });

  it("points at the source as path:line, or the path alone for marks", () => {
    expect(sourceRef(node(0, null, { file: "/p/app.py", line: 12 }))).toBe("/p/app.py:12");
    expect(sourceRef(node(0, null, { kind: "mark", file: "", line: 0 }))).toBe("");
  });
});
