// The HUD prints durations exactly as `flow show` and `flow stats` do: both are checked
// against the same cases (tests/test_units.py checks the Python side against this file).
import { describe, expect, it } from "vitest";
import { formatDuration } from "../src/format";
import durations from "./durations.json";

const cases = durations.cases as [number, string][];

describe("durations", () => {
  it.each(cases)("%d ns reads %s, as in the terminal", (ns, text) => {
    expect(formatDuration(ns)).toBe(text);
  });
});
