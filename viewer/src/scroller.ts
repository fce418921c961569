// The scrolling surface over the canvas, and the smooth-scroll "focus zone": once enough nodes
// exist the view glides so the followed call sits in the middle band (focuszone.ts says when).
// Scrolling by hand stops the following until the user scrolls back to the end or presses
// "Follow".
//
// The scroll box is read from the page once per frame, at its start (measure), before the
// frame writes anything: reading scrollTop or clientHeight after a write makes the browser lay
// the page out there and then. Between two measures the box is what was measured plus what
// this class did itself (its own scrolls, the content size it set).

import { FocusFollower, type ScrollBox, horizontalGoal } from "./focuszone";
import { TIMING } from "./theme";

/** Content point to bring into the focus zone, in content coordinates. */
export interface Target {
  x: number;
  y: number;
}

const USER_INTENT_MS = 600; // a scroll this soon after wheel/touch/keys/drag is the user's
const END_SLACK = 8;

export class Scroller {
  following = true;
  private readonly spacer: HTMLElement;
  private expected: { left: number; top: number } | null = null;
  private intentAt = -Infinity;
  private readonly follower = new FocusFollower();
  private view: Measured = { left: 0, top: 0, width: 0, height: 0 };
  private content = { width: 0, height: 0 };
  private scrolled = false;

  constructor(
    readonly element: HTMLElement,
    private readonly changed: () => void,
  ) {
    this.spacer = document.createElement("div");
    this.spacer.className = "df-spacer";
    element.append(this.spacer);
    const intent = () => {
      this.intentAt = performance.now();
    };
    for (const name of ["wheel", "touchstart", "pointerdown", "keydown"]) {
      element.addEventListener(name, intent, { passive: true });
    }
    // Only noted here: the position is read at the next frame's start (measure).
    element.addEventListener("scroll", () => {
      this.scrolled = true;
      this.changed();
    });
  }

  /** Read the scroll position and the visible size: once a frame, before the frame writes. */
  measure(): void {
    const el = this.element;
    this.view = { left: el.scrollLeft, top: el.scrollTop, width: el.clientWidth, height: el.clientHeight };
    if (this.scrolled) {
      this.scrolled = false;
      this.onScroll();
    }
  }

  /** Size the scrollable area to the content. */
  setContentSize(width: number, height: number): void {
    this.content = { width: Math.ceil(width), height: Math.ceil(height) };
    this.spacer.style.width = `${this.content.width}px`;
    this.spacer.style.height = `${this.content.height}px`;
  }

  /** Scroll position as of the last measure (or this class's own scroll since). */
  get left(): number {
    return this.view.left;
  }

  get top(): number {
    return this.view.top;
  }

  /** Take one step toward keeping `target` in the focus zone; returns whether to keep going. */
  follow(target: Target | null, nodeCount: number, now: number): boolean {
    if (!this.following || target === null || nodeCount < TIMING.focusMinNodes) return false;
    const box = this.box();
    const step = this.follower.step(box, target, now);
    if (step.left !== box.left || step.top !== box.top) this.scrollTo(step.left, step.top);
    return step.moving;
  }

  /** Jump so a content point is in view (keyboard focus, test hooks); stops following. */
  reveal(target: Target): void {
    this.following = false;
    const box = this.box();
    const top = Math.max(0, Math.min(target.y - box.height / 2, box.maxTop));
    this.scrollTo(horizontalGoal(box, target.x), top);
    this.changed();
  }

  /** Start following again, straight to the followed node (the "Follow" button, End, a new run). */
  resume(): void {
    this.following = true;
    this.follower.kick();
    this.changed();
  }

  private box(): ScrollBox {
    return scrollBox(this.view, this.content);
  }

  private scrollTo(left: number, top: number): void {
    // Where the browser will put it (it clamps and rounds), without asking it (a forced layout).
    const at = clampScroll(this.box(), left, top);
    this.element.scrollLeft = at.left;
    this.element.scrollTop = at.top;
    this.view = { ...this.view, ...at };
    this.expected = at;
  }

  // A scroll happened since the last frame: the user's (wheel, keys, drag) stops following
  // unless it went to the end; our own (follow, reveal) changes nothing.
  private onScroll(): void {
    const { left, top } = this.view;
    const ours = this.expected !== null && Math.abs(top - this.expected.top) < 2 && Math.abs(left - this.expected.left) < 2;
    const byUser = !ours && performance.now() - this.intentAt < USER_INTENT_MS;
    if (byUser) {
      this.following = top >= this.box().maxTop - END_SLACK;
      this.expected = null;
    }
  }
}

/** What measure reads: the scroll position and the visible (client) size, CSS pixels. */
export interface Measured {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The scroll box from a measured view and the content's size (the spacer is all it holds). */
export function scrollBox(view: Measured, content: { width: number; height: number }): ScrollBox {
  return {
    ...view,
    maxLeft: Math.max(0, content.width - view.width),
    maxTop: Math.max(0, content.height - view.height),
  };
}

/** Where a scroll to (left, top) ends: inside the box, on whole pixels. */
export function clampScroll(box: ScrollBox, left: number, top: number): { left: number; top: number } {
  return {
    left: Math.round(Math.max(0, Math.min(left, box.maxLeft))),
    top: Math.round(Math.max(0, Math.min(top, box.maxTop))),
  };
}
