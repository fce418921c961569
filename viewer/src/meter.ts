// A frame-rate meter: counts animation frames and the longest gap between two, so benchmarks
// and tests can read how smooth the page stayed (window.debugflowHud.frames / maxFrameGapMs).

export class FrameMeter {
  frames = 0;
  maxGapMs = 0;
  since = performance.now();
  private last = performance.now();
  private running = false;

  start(): void {
    if (this.running) return;
    this.running = true;
    const tick = (now: number) => {
      this.frames += 1;
      this.maxGapMs = Math.max(this.maxGapMs, now - this.last);
      this.last = now;
      if (this.running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }

  stop(): void {
    this.running = false;
  }

  /** Start counting afresh. */
  reset(): void {
    this.frames = 0;
    this.maxGapMs = 0;
    this.since = performance.now();
    this.last = this.since;
  }

  /** Frames per second since the last reset. */
  fps(): number {
    const seconds = (performance.now() - this.since) / 1000;
    return seconds > 0 ? this.frames / seconds : 0;
  }
}
