import { describe, expect, it } from "vitest";
import { clampScroll, scrollBox } from "../src/scroller";

describe("scrollBox", () => {
  it("can scroll as far as the content is bigger than the view", () => {
    const box = scrollBox({ left: 0, top: 120, width: 800, height: 600 }, { width: 1000, height: 5000 });
    expect(box).toEqual({ left: 0, top: 120, width: 800, height: 600, maxLeft: 200, maxTop: 4400 });
  });

  it("cannot scroll content smaller than the view", () => {
    const box = scrollBox({ left: 0, top: 0, width: 800, height: 600 }, { width: 300, height: 100 });
    expect(box.maxLeft).toBe(0);
    expect(box.maxTop).toBe(0);
  });
});

describe("clampScroll", () => {
  const box = scrollBox({ left: 0, top: 0, width: 800, height: 600 }, { width: 1000, height: 5000 });

  it("ends inside the box, as the browser would put it", () => {
    expect(clampScroll(box, -40, 9000)).toEqual({ left: 0, top: 4400 });
    expect(clampScroll(box, 500, -1)).toEqual({ left: 200, top: 0 });
  });

  it("ends on whole pixels", () => {
    expect(clampScroll(box, 10.6, 99.4)).toEqual({ left: 11, top: 99 });
  });
});
