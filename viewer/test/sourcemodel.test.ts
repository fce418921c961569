import { describe, expect, it } from "vitest";
import type { BreakpointWire, SourceResult } from "../src/protocol";
import { breakpointLabel, edited, functionRange, parseHit, sourceRows, toggled } from "../src/sourcemodel";

const SOURCE: SourceResult = {
  file: "/p/loops.py",
  lines: [
    [["k", "def"], ["", " "], ["nf", "total"], ["p", "(items):"]],
    [["", "    acc = 0"]],
    [["k", "for"], ["", " item in items:"]],
    [["", "        acc += item"]],
    [["k", "return"], ["", " acc"]],
    [],
    [["n", "print"], ["p", "("], ["n", "total"], ["p", "([1])"]],
  ],
  functions: [
    { name: "total", start: 1, end: 5 },
    { name: "inner", start: 3, end: 4 },
  ],
  mtime: 0,
};

function bp(line: number, extra: Partial<BreakpointWire> = {}): BreakpointWire {
  return { file: SOURCE.file, line, function: null, condition: null, hit: null, log: null, verified: true, ...extra };
}

describe("source rows", () => {
  it("numbers the lines, marks the function, the current line, breakpoints and stats", () => {
    const rows = sourceRows({
      source: SOURCE,
      anchor: 1,
      current: 4,
      breakpoints: [bp(3, { condition: "item > 2" })],
      stats: [{ line: 4, hits: 12, ns: 3000 }],
    });
    expect(rows.map((row) => row.line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(rows.map((row) => row.inFunction)).toEqual([true, true, true, true, true, false, false]);
    expect(rows.filter((row) => row.current).map((row) => row.line)).toEqual([4]);
    expect(rows[2]?.breakpoint?.condition).toBe("item > 2");
    expect(rows[3]?.stat?.hits).toBe(12);
    expect(rows[1]?.stat).toBeNull();
  });

  it("marks the innermost function holding the anchor", () => {
    expect(functionRange(SOURCE, 4)).toEqual({ name: "inner", start: 3, end: 4 });
    expect(functionRange(SOURCE, 7)).toBeNull();
    expect(functionRange(SOURCE, null)).toBeNull();
  });
});

describe("gutter edits", () => {
  it("toggles a line in the file's full list, kept in line order", () => {
    expect(toggled([bp(5)], 2)).toEqual([
      { line: 2, condition: null, hit: null, log: null },
      { line: 5, condition: null, hit: null, log: null },
    ]);
    expect(toggled([bp(2), bp(5, { hit: "every 100" })], 2)).toEqual([{ line: 5, condition: null, hit: "every 100", log: null }]);
  });

  it("replaces one line's settings and keeps the others", () => {
    const list = edited([bp(2), bp(5)], { line: 5, condition: "x > 3", hit: null, log: null });
    expect(list).toEqual([
      { line: 2, condition: null, hit: null, log: null },
      { line: 5, condition: "x > 3", hit: null, log: null },
    ]);
  });

  it("ignores function breakpoints (they are not the gutter's)", () => {
    expect(toggled([bp(2), { ...bp(0), line: null, function: "app.main" }], 7)).toHaveLength(2);
  });

  it("reads hit counts as a number or every N", () => {
    expect(parseHit("5")).toEqual({ hit: "5" });
    expect(parseHit(" Every  100 ")).toEqual({ hit: "every 100" });
    expect(parseHit("")).toEqual({ hit: null });
    expect(parseHit("0")).toHaveProperty("error");
    expect(parseHit("often")).toHaveProperty("error");
  });

  it("names a gutter button by its line, with its settings", () => {
    expect(breakpointLabel(12, null)).toBe("Breakpoint at line 12");
    expect(breakpointLabel(12, bp(12, { condition: "x > 3", hit: "5" }))).toBe("Breakpoint at line 12, if x > 3, hit 5");
    expect(breakpointLabel(3, bp(3, { log: "x={x}", verified: false }))).toBe('Breakpoint at line 3, logs "x={x}", not verified');
  });
});
