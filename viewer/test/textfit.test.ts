import { describe, expect, it } from "vitest";
import { TextFitter, type TextMeasurer, clipped } from "../src/textfit";

/** A monospace font: every code point is 10 px wide. Counts the measurements made. */
class Mono implements TextMeasurer {
  font = "10px mono";
  measured = 0;

  measureText(text: string): { width: number } {
    this.measured++;
    return { width: Array.from(text).length * 10 };
  }
}

describe("TextFitter", () => {
  it("keeps text that fits", () => {
    expect(new TextFitter().fit(new Mono(), "step ×12", 80)).toBe("step ×12");
  });

  it("cuts what does not fit and ends it in an ellipsis, within the width", () => {
    const fitted = new TextFitter().fit(new Mono(), "abcdefghij", 50);
    expect(fitted).toBe("abcd…");
    expect(Array.from(fitted).length * 10).toBeLessThanOrEqual(50);
  });

  it("draws nothing for empty text or no room, and only the ellipsis for very little room", () => {
    const fitter = new TextFitter();
    expect(fitter.fit(new Mono(), "", 100)).toBe("");
    expect(fitter.fit(new Mono(), "abc", 0)).toBe("");
    expect(fitter.fit(new Mono(), "abc", 15)).toBe("…");
  });

  it("never cuts an emoji or an accent in half", () => {
    expect(new TextFitter().fit(new Mono(), "😀😀😀😀😀", 30)).toBe("😀😀…");
  });

  it("never doubles the ellipsis of a preview the tracer already clipped", () => {
    const fitter = new TextFitter();
    const line = "x: str='abcdef…' +40 chars";
    // Cut right after the preview's own "…": one ellipsis, not "……".
    expect(fitter.fit(new Mono(), line, 150)).toBe("x: str='abcdef…");
    expect(fitter.fit(new Mono(), "deep: list=[[[…]]]", 150)).toBe("deep: list=[[[…");
    // A cut after "… " drops the space too.
    expect(fitter.fit(new Mono(), "[0, 1, … 98 more]", 90)).toBe("[0, 1, …");
    // Every width: at most one ellipsis at the end, and always within the width.
    for (let width = 10; width <= 270; width += 10) {
      const fitted = fitter.fit(new Mono(), line, width);
      expect(fitted).not.toContain("……");
      expect(Array.from(fitted).length * 10).toBeLessThanOrEqual(width);
    }
  });

  it("measures a (font, width, text) once", () => {
    const fitter = new TextFitter();
    const mono = new Mono();
    fitter.fit(mono, "a long value that does not fit", 100);
    const first = mono.measured;
    expect(first).toBeGreaterThan(1);
    fitter.fit(mono, "a long value that does not fit", 100.4); // the same whole pixels
    expect(mono.measured).toBe(first);
    mono.font = "bold 10px mono";
    fitter.fit(mono, "a long value that does not fit", 100);
    expect(mono.measured).toBeGreaterThan(first);
  });
});

describe("clipped", () => {
  it("ends a cut in exactly one ellipsis", () => {
    const chars = Array.from("ab…  cd");
    expect(clipped(chars, 2)).toBe("ab…");
    expect(clipped(chars, 3)).toBe("ab…");
    expect(clipped(chars, 5)).toBe("ab…");
    expect(clipped(chars, 6)).toBe("ab…  c…");
    expect(clipped(chars, 0)).toBe("…");
  });
});
