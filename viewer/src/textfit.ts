// Clipping labels to their column: measured once per (font, width, text), then cached, so a
// long value never bleeds out of the spine and redraws cost no measuring.

const ELLIPSIS = "…";
const CACHE_LIMIT = 4000;

export class TextFitter {
  private cache = new Map<string, string>();

  /** `text` as drawn in at most `width` pixels with the context's current font. */
  fit(ctx: CanvasRenderingContext2D, text: string, width: number): string {
    if (text === "" || width <= 0) return "";
    const key = `${ctx.font}|${Math.floor(width)}|${text}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const fitted = this.measureFit(ctx, text, width);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, fitted);
    return fitted;
  }

  private measureFit(ctx: CanvasRenderingContext2D, text: string, width: number): string {
    if (ctx.measureText(text).width <= width) return text;
    const chars = Array.from(text); // code points, so no emoji or accent is cut in half
    let low = 0;
    let high = chars.length;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      const candidate = chars.slice(0, mid).join("") + ELLIPSIS;
      if (ctx.measureText(candidate).width <= width) low = mid;
      else high = mid - 1;
    }
    return low === 0 ? ELLIPSIS : chars.slice(0, low).join("") + ELLIPSIS;
  }
}
