import { describe, expect, it } from "vitest";
import { FOCUS_BAND, FocusFollower, type ScrollBox, UP_DWELL_MS, horizontalGoal } from "../src/focuszone";

const HEIGHT = 700;
const BAND = (HEIGHT * FOCUS_BAND.height) / 2; // how far from the centre a node may sit
const FRAME_MS = 16;

function box(top: number, more: Partial<ScrollBox> = {}): ScrollBox {
  return { left: 0, top, width: 1000, height: HEIGHT, maxLeft: 0, maxTop: 10_000, ...more };
}

/** Run frames until the follower stops; returns the scroll positions it went through. */
function glide(follower: FocusFollower, start: number, targetY: number, now = 0, frames = 200): number[] {
  const tops: number[] = [];
  let top = start;
  for (let i = 0; i < frames; i++) {
    const step = follower.step(box(top), { x: 30, y: targetY }, now + i * FRAME_MS);
    top = step.top;
    tops.push(top);
    if (!step.moving) break;
  }
  return tops;
}

describe("FocusFollower", () => {
  it("leaves the view alone while the node is inside the band", () => {
    const follower = new FocusFollower();
    const centred = 1000 + HEIGHT / 2;
    for (const y of [centred, centred + BAND - 1, centred - BAND + 1]) {
      expect(follower.step(box(1000), { x: 30, y }, 0)).toEqual({ left: 0, top: 1000, moving: false });
    }
  });

  it("glides down to centre a node that left the band below, and then stops", () => {
    const follower = new FocusFollower();
    const targetY = 3000;
    const tops = glide(follower, 1000, targetY);
    const goal = targetY - HEIGHT / 2;
    expect(Math.abs((tops.at(-1) ?? 0) - goal)).toBeLessThan(1);
    for (let i = 1; i < tops.length; i++) expect(tops[i]).toBeGreaterThanOrEqual(tops[i - 1] ?? 0);
    expect(tops.length).toBeLessThan(80);
  });

  it("does not follow a node that is above the band only for a moment", () => {
    const follower = new FocusFollower();
    const top = 2000;
    const below = top + HEIGHT / 2; // centred
    const above = 300; // the caller, far above
    let now = 0;
    // 150 ms up there, 150 ms back in the band, again and again: the view never moves.
    for (let round = 0; round < 10; round++) {
      for (const [y, ms] of [
        [above, 150],
        [below, 150],
      ] as const) {
        for (let t = 0; t < ms; t += FRAME_MS, now += FRAME_MS) {
          expect(follower.step(box(top), { x: 30, y }, now).top).toBe(top);
        }
      }
    }
  });

  it("goes up once the node has stayed above for a while", () => {
    const follower = new FocusFollower();
    const waiting = follower.step(box(2000), { x: 30, y: 300 }, 0);
    expect(waiting).toEqual({ left: 0, top: 2000, moving: true }); // frames keep coming
    expect(follower.step(box(2000), { x: 30, y: 300 }, UP_DWELL_MS - 1).top).toBe(2000);
    const tops = glide(follower, 2000, 300, UP_DWELL_MS);
    expect(tops.at(-1)).toBe(0); // as high as it goes (clamped)
  });

  it("goes straight to the node after kick(), up or down", () => {
    const follower = new FocusFollower();
    follower.kick();
    expect(follower.step(box(2000), { x: 30, y: 300 }, 0).top).toBeLessThan(2000);
    follower.kick();
    // Inside the band, a kick still centres it.
    const centred = 1000 + HEIGHT / 2;
    expect(follower.step(box(1000), { x: 30, y: centred + 100 }, 0).top).toBeGreaterThan(1000);
  });

  it("stops at the ends of the content", () => {
    const follower = new FocusFollower();
    const tops = glide(follower, 0, 50_000);
    expect(tops.at(-1)).toBe(10_000);
    expect(follower.step(box(10_000), { x: 30, y: 50_000 }, 0).moving).toBe(false);
  });
});

describe("horizontalGoal", () => {
  it("keeps the view while a node and its labels are in it, else brings them in", () => {
    const view = box(0, { left: 0, width: 1000, maxLeft: 2000 });
    expect(horizontalGoal(view, 100)).toBe(0);
    expect(horizontalGoal(view, 900)).toBe(860);
    expect(horizontalGoal({ ...view, left: 500 }, 100)).toBe(60);
    expect(horizontalGoal(view, 5000)).toBe(2000);
  });
});
