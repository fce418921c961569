import { describe, expect, it } from "vitest";
import { OVERVIEW, OverviewLayout, span } from "../src/overviewlayout";
import { RunModel } from "../src/runmodel";
import { RUN, lane, node, snapshot } from "./fixtures";

// main 0–1000 ┬ load 100–300
//             └ work 400–900 ── step ×3 450–850
// worker lane: job 200–600
function model(): RunModel {
  const m = new RunModel(RUN);
  m.apply(
    snapshot(1, [
      node(0, null, { first_t: 0, last_t: 1000 }),
      node(1, 0, { depth: 1, first_t: 100, last_t: 300 }),
      node(2, 0, { depth: 1, first_t: 400, last_t: 900 }),
      node(3, 2, { depth: 2, first_t: 450, last_t: 850, calls: 3 }),
      node(4, null, { lane: 1, first_t: 200, last_t: 600 }),
    ], { lanes: [lane(0), lane(1, "worker")] }),
  );
  return m;
}

function built(width = 1000, height = 400, now = 1000): OverviewLayout {
  const layout = new OverviewLayout();
  layout.build(model(), width, height, now);
  return layout;
}

describe("OverviewLayout", () => {
  it("maps time across and depth down, one band per lane", () => {
    const layout = built();
    expect(layout.bands.map((b) => [b.lane, b.name, b.depths])).toEqual([[0, "MainThread", 3], [1, "worker", 1]]);
    const row = layout.rowHeight;
    expect(row).toBe(OVERVIEW.maxRow);
    expect(layout.box(0)).toEqual({ id: 0, x: 0, y: OVERVIEW.laneLabel, w: 1000, h: row });
    expect(layout.box(3)).toEqual({ id: 3, x: 450, y: OVERVIEW.laneLabel + 2 * row, w: 400, h: row });
    const worker = layout.bands[1]!;
    expect(worker.top).toBe(OVERVIEW.laneLabel + 3 * row + OVERVIEW.laneGap);
    expect(layout.box(4)?.y).toBe(worker.top + OVERVIEW.laneLabel);
  });

  it("stretches to now while a node runs, and shrinks rows to fit deep trees", () => {
    const m = new RunModel(RUN);
    const chain = Array.from({ length: 200 }, (_, i) => node(i, i === 0 ? null : i - 1, { depth: i, first_t: i, last_t: 10 }));
    chain[199] = { ...chain[199]!, state: "processing", active: 1 };
    m.apply(snapshot(1, chain));
    const layout = new OverviewLayout();
    layout.build(m, 500, 300, 5000);
    expect(layout.end).toBe(5000);
    expect(span(m.node(199)!, 5000)).toEqual([199, 5000]);
    expect(layout.rowHeight).toBe(OVERVIEW.minRow);
    expect(layout.bands[0]!.depths).toBe(Math.floor((300 - OVERVIEW.laneLabel - OVERVIEW.laneGap) / OVERVIEW.minRow));
    expect(layout.box(199)).toBeUndefined();
    expect(layout.box(0)).toBeDefined();
  });

  it("finds the node under a point", () => {
    const layout = built();
    const y = (depth: number) => OVERVIEW.laneLabel + depth * layout.rowHeight + 2;
    expect(layout.hit(500, y(0))).toBe(0);
    expect(layout.hit(200, y(1))).toBe(1);
    expect(layout.hit(350, y(1))).toBeUndefined();
    expect(layout.hit(600, y(2))).toBe(3);
    expect(layout.hit(600, y(3))).toBeUndefined();
    expect(layout.hit(300, layout.bands[1]!.top + OVERVIEW.laneLabel + 2)).toBe(4);
  });

  it("turns a brushed range into the nodes that start in it, shallowest first", () => {
    const layout = built();
    const y = OVERVIEW.laneLabel + 2;
    expect(layout.brush(380, 500, y)).toEqual([2, 3]);
    expect(layout.brush(500, 380, y)).toEqual([2, 3]);
    expect(layout.brush(50, 150, y)).toEqual([1]);
    // nothing starts in 320–380: the deepest node running across its start
    expect(layout.brush(320, 380, y)).toEqual([0]);
    expect(layout.brush(460, 470, y)).toEqual([3]);
    expect(layout.brush(300, 320, layout.bands[1]!.top + 20)).toEqual([4]);
  });

  it("gives the time span of the spine's visible nodes, and keyboard neighbours", () => {
    const layout = built();
    expect(layout.spanOf([1, 3])).toEqual([100, 850]);
    expect(layout.spanOf([])).toBeNull();
    expect(layout.neighbour(1, "right")).toBe(2);
    expect(layout.neighbour(2, "left")).toBe(1);
    expect(layout.neighbour(1, "left")).toBeUndefined();
    expect(layout.neighbour(2, "down")).toBe(3);
    expect(layout.neighbour(3, "up")).toBe(2);
    expect(layout.neighbour(0, "up")).toBeUndefined();
  });

  it("squeezes the time of folded imports into a few pixels, and maps it back", () => {
    const m = new RunModel(RUN);
    m.apply(
      snapshot(1, [
        node(0, null, { first_t: 0, last_t: 1000 }),
        node(1, 0, { depth: 1, kind: "imports", first_t: 0, last_t: 800 }),
        node(2, 0, { depth: 1, first_t: 800, last_t: 1000 }),
      ]),
    );
    const layout = new OverviewLayout();
    layout.build(m, 208, 200, 1000, (n) => n.kind === "imports");
    expect(layout.squeezes).toEqual([{ start: 0, stop: 800 }]);
    expect(layout.box(1)?.w).toBeCloseTo(OVERVIEW.squeezed);
    expect(layout.xOf(800)).toBe(OVERVIEW.squeezed);
    expect(layout.xOf(1000)).toBe(208);
    expect(layout.box(2)).toMatchObject({ x: OVERVIEW.squeezed, w: 200 });
    for (const t of [0, 400, 800, 900, 1000]) expect(layout.timeOf(layout.xOf(t))).toBeCloseTo(t);
    // Unsqueezed, the same run leaves node 2 a fifth of the width.
    layout.build(m, 208, 200, 1000);
    expect(layout.box(2)?.w).toBeCloseTo(208 / 5);
  });
});
