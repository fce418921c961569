// The focus zone: the middle band of the stage where the followed node is kept. The view only
// moves when the node leaves the band, then glides until it is centred (hysteresis: a node
// that wobbles inside the band never moves the view). Going up needs the node to stay up
// there for a moment first, so a caller that runs for an instant between two short calls
// cannot pull the view up and down. Pure arithmetic, no DOM, so it is unit-tested directly.

import type { Point } from "./layout";
import { TIMING } from "./theme";

/** The band, as shares of the stage's height (drawn by the painter, kept by the follower). */
export const FOCUS_BAND = { top: 0.35, height: 0.3 } as const;

/** How long the followed node must stay above the band before the view goes up to it. */
export const UP_DWELL_MS = 400;

const LEFT_MARGIN = 40; // room left of a node's circle…
const LABEL_ROOM = 360; // …and right of it for its labels

/** The scrolling box: its position, its visible size and how far it can scroll. */
export interface ScrollBox {
  left: number;
  top: number;
  width: number;
  height: number;
  maxLeft: number;
  maxTop: number;
}

/** Where to scroll this frame, and whether frames must keep coming (gliding or waiting). */
export interface FollowStep {
  left: number;
  top: number;
  moving: boolean;
}

export class FocusFollower {
  private gliding = false;
  private upSince: number | null = null;

  /** Go to the target now, wherever it is (the Follow button, a new run). */
  kick(): void {
    this.gliding = true;
    this.upSince = -Infinity;
  }

  /** One frame's step toward keeping `target` (content coordinates) in the band. */
  step(box: ScrollBox, target: Point, now: number): FollowStep {
    const goalTop = clamp(target.y - box.height / 2, 0, box.maxTop);
    const goalLeft = horizontalGoal(box, target.x);
    const dy = goalTop - box.top;
    const dx = goalLeft - box.left;
    const band = (box.height * FOCUS_BAND.height) / 2;
    if (dy < -band) {
      this.upSince ??= now;
      if (now - this.upSince < UP_DWELL_MS) {
        this.gliding = false;
        return { left: box.left, top: box.top, moving: true };
      }
    } else {
      this.upSince = null;
    }
    if (!this.gliding && Math.abs(dx) < 1 && Math.abs(dy) <= band) {
      return { left: box.left, top: box.top, moving: false };
    }
    if (Math.abs(dx) < 1 && Math.abs(dy) < 1) {
      this.gliding = false; // arrived: land exactly on the goal
      return { left: goalLeft, top: goalTop, moving: false };
    }
    this.gliding = true;
    return { left: box.left + ease(dx), top: box.top + ease(dy), moving: true };
  }
}

/** The horizontal scroll that shows a node and its labels; unchanged while they are in view. */
export function horizontalGoal(box: ScrollBox, x: number): number {
  if (x - LEFT_MARGIN >= box.left && x + LABEL_ROOM <= box.left + box.width) return box.left;
  return clamp(x - LEFT_MARGIN, 0, box.maxLeft);
}

function clamp(value: number, low: number, high: number): number {
  return Math.max(low, Math.min(value, Math.max(low, high)));
}

// A share of the remaining distance per frame, at least a pixel so the glide always ends.
function ease(distance: number): number {
  const step = distance * TIMING.followEase;
  return Math.abs(step) < 1 ? Math.sign(distance) * Math.min(1, Math.abs(distance)) : step;
}
