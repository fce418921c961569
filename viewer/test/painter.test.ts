import { describe, expect, it } from "vitest";
import { Animations } from "../src/animations";
import { Layout } from "../src/layout";
import { type Scene, sameScene, sceneKey } from "../src/painter";
import { RunModel } from "../src/runmodel";
import { RUN, snapshot, tree } from "./fixtures";

function scene(): Scene {
  const model = new RunModel(RUN);
  model.apply(snapshot(1, tree([[0, null], [1, 0]])));
  const layout = new Layout();
  layout.build(model);
  return {
    model,
    layout,
    anim: new Animations(),
    view: { left: 0, top: 0, width: 800, height: 600 },
    hover: null,
    focus: null,
    focusZone: false,
    now: 0,
    hits: new Set(),
    hit: null,
    selected: null,
  };
}

describe("sameScene", () => {
  it("is the same scene a moment later when nothing shown changed", () => {
    const first = scene();
    const key = sceneKey(first);
    expect(sameScene(key, { ...first, now: 500, view: { ...first.view } })).toBe(true);
  });

  it("tells a scroll, a hover, a new search and a relayout apart", () => {
    const first = scene();
    const key = sceneKey(first);
    expect(sameScene(key, { ...first, view: { ...first.view, top: 60 } })).toBe(false);
    expect(sameScene(key, { ...first, hover: 1 })).toBe(false);
    expect(sameScene(key, { ...first, hits: new Set([1]) })).toBe(false);
    first.layout.build(first.model);
    expect(sameScene(key, first)).toBe(false);
  });

  it("tells a model change apart (a new version)", () => {
    const first = scene();
    const key = sceneKey(first);
    first.model.apply(snapshot(2, tree([[0, null], [1, 0], [2, 0]])));
    expect(sameScene(key, first)).toBe(false);
  });
});

describe("sameScene after a snapshot with the same version", () => {
  it("tells it apart (a replay's seek can repeat a version with other contents)", () => {
    const first = scene();
    const key = sceneKey(first);
    first.model.apply(snapshot(1, tree([[0, null]])));
    expect(first.model.version).toBe(1);
    expect(sameScene(key, first)).toBe(false);
  });
});
