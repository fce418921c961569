// Short-lived decoration: pulses travelling along the spine and flashes when calls end.
// Never state: dropping any of them changes nothing but the show.

import type { Outcome, PulseWire } from "./protocol";
import type { Change, RunModel } from "./runmodel";
import { TIMING } from "./theme";

export interface Pulse {
  dir: "down" | "up";
  node: number;
  parent: number | null;
  outcome: Outcome | null;
  start: number;
}

export interface Flash {
  color: "call" | Outcome;
  start: number;
}

// Pulses of one patch span the hub's ~33 ms window; spread them a little so a burst reads as
// a sequence, without letting a backlog build up.
const STAGGER_MS = 12;
const MAX_STAGGER_MS = 120;

export class Animations {
  pulses: Pulse[] = [];
  readonly flashes = new Map<number, Flash>();

  /** Start the animations of one applied message. */
  add(change: Change, model: RunModel, now: number): void {
    if (change.reset) this.clear();
    change.pulses.forEach((p, i) => this.addPulse(p, now + Math.min(i * STAGGER_MS, MAX_STAGGER_MS)));
    this.flashEnds(change, model, now);
    if (this.pulses.length > TIMING.maxPulses) this.pulses.splice(0, this.pulses.length - TIMING.maxPulses);
  }

  /** Drop finished animations; returns whether anything is still moving. */
  prune(now: number): boolean {
    this.pulses = this.pulses.filter((p) => now - p.start < TIMING.pulseMs);
    for (const [id, flash] of this.flashes) {
      if (now - flash.start > TIMING.flashMs) this.flashes.delete(id);
    }
    return this.pulses.length > 0 || this.flashes.size > 0;
  }

  clear(): void {
    this.pulses = [];
    this.flashes.clear();
  }

  private addPulse(p: PulseWire, start: number): void {
    this.pulses.push({ dir: p.dir, node: p.node, parent: p.parent, outcome: p.outcome, start });
    if (p.dir === "down") {
      this.flashes.set(p.node, { color: "call", start: start + TIMING.pulseMs * 0.8 });
    } else if (p.outcome !== null) {
      this.flashes.set(p.node, { color: p.outcome, start });
    }
  }

  // A call that ended without its pulse (the hub keeps only the newest ones) still flashes.
  private flashEnds(change: Change, model: RunModel, now: number): void {
    for (const [id, old] of change.before) {
      const state = model.node(id)?.state;
      const ended = state === "success" || state === "exception";
      if (old.state === "processing" && ended && !this.flashes.has(id)) {
        this.flashes.set(id, { color: state, start: now });
      }
    }
  }
}
