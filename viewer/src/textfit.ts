// Clipping labels to their column: measured once per (font, width, text), then cached, so a
// long value never bleeds out of the spine and redraws cost no measuring.

const ELLIPSIS = "…";
const CACHE_LIMIT = 4000;
// What a cut must not leave before its own ellipsis: previews from Python already end in "…"
// where the tracer clipped them, and a cut right after one would read "……" (or "… …").
const TRAILING = /…*\s*$/u;

/** The part of a canvas context that fitting needs (a real one, or a fake in tests). */
export interface TextMeasurer {
  font: string;
  measureText(text: string): { width: number };
}

export class TextFitter {
  private cache = new Map<string, string>();

  /** `text` as drawn in at most `width` pixels with the context's current font. */
  fit(ctx: TextMeasurer, text: string, width: number): string {
    if (text === "" || width <= 0) return "";
    const key = `${ctx.font}|${Math.floor(width)}|${text}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const fitted = this.measureFit(ctx, text, width);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, fitted);
    return fitted;
  }

  private measureFit(ctx: TextMeasurer, text: string, width: number): string {
    if (ctx.measureText(text).width <= width) return text;
    const chars = Array.from(text); // code points, so no emoji or accent is cut in half
    let low = 0;
    let high = chars.length;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (ctx.measureText(clipped(chars, mid)).width <= width) low = mid;
      else high = mid - 1;
    }
    return clipped(chars, low);
  }
}

/** The first `count` code points of `chars`, ending in exactly one ellipsis. */
export function clipped(chars: readonly string[], count: number): string {
  return chars.slice(0, count).join("").replace(TRAILING, "") + ELLIPSIS;
}
