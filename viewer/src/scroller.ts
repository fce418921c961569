// The scrolling surface over the canvas, and the smooth-scroll "focus zone": once enough nodes
// exist the view glides so the followed call sits in the middle band (focuszone.ts says when).
// Scrolling by hand stops the following until the user scrolls back to the end or presses
// "Follow".

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
    element.addEventListener("scroll", () => this.onScroll());
  }

  /** Size the scrollable area to the content. */
  setContentSize(width: number, height: number): void {
    this.spacer.style.width = `${Math.ceil(width)}px`;
    this.spacer.style.height = `${Math.ceil(height)}px`;
  }

  get left(): number {
    return this.element.scrollLeft;
  }

  get top(): number {
    return this.element.scrollTop;
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
    const el = this.element;
    return {
      left: el.scrollLeft,
      top: el.scrollTop,
      width: el.clientWidth,
      height: el.clientHeight,
      maxLeft: el.scrollWidth - el.clientWidth,
      maxTop: el.scrollHeight - el.clientHeight,
    };
  }

  private scrollTo(left: number, top: number): void {
    this.element.scrollLeft = left;
    this.element.scrollTop = top;
    // What the browser really set (it rounds and clamps), to tell our scrolls from the user's.
    this.expected = { left: this.element.scrollLeft, top: this.element.scrollTop };
  }

  private onScroll(): void {
    const el = this.element;
    const ours =
      this.expected !== null &&
      Math.abs(el.scrollTop - this.expected.top) < 2 &&
      Math.abs(el.scrollLeft - this.expected.left) < 2;
    const byUser = !ours && performance.now() - this.intentAt < USER_INTENT_MS;
    if (byUser) {
      const atEnd = el.scrollTop + el.clientHeight >= el.scrollHeight - END_SLACK;
      this.following = atEnd;
      this.expected = null;
    }
    this.changed();
  }
}
