// The scrolling surface over the canvas, and the smooth-scroll "focus zone": once enough nodes
// exist the view glides so the active call sits in the middle band. Scrolling by hand stops the
// following until the user scrolls back to the end or presses "Follow".

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

  /** Take one easing step toward `target`; returns whether the view is still moving. */
  follow(target: Target | null, nodeCount: number): boolean {
    if (!this.following || target === null || nodeCount < TIMING.focusMinNodes) return false;
    const el = this.element;
    const top = clamp(target.y - el.clientHeight / 2, 0, el.scrollHeight - el.clientHeight);
    const left = this.horizontalGoal(target.x);
    const dy = top - el.scrollTop;
    const dx = left - el.scrollLeft;
    if (Math.abs(dy) < 1 && Math.abs(dx) < 1) return false;
    this.scrollTo(el.scrollLeft + ease(dx), el.scrollTop + ease(dy));
    return true;
  }

  /** Jump so a content point is in view (keyboard focus, test hooks); stops following. */
  reveal(target: Target): void {
    this.following = false;
    const el = this.element;
    const top = clamp(target.y - el.clientHeight / 2, 0, el.scrollHeight - el.clientHeight);
    this.scrollTo(this.horizontalGoal(target.x), top);
    this.changed();
  }

  /** Start following again (the "Follow" button, or the End key). */
  resume(): void {
    this.following = true;
    this.changed();
  }

  private horizontalGoal(x: number): number {
    const el = this.element;
    const margin = 40;
    if (x - margin >= el.scrollLeft && x + 360 <= el.scrollLeft + el.clientWidth) return el.scrollLeft;
    return clamp(x - margin, 0, el.scrollWidth - el.clientWidth);
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

function clamp(value: number, low: number, high: number): number {
  return Math.max(low, Math.min(value, Math.max(low, high)));
}

function ease(distance: number): number {
  const step = distance * TIMING.followEase;
  return Math.abs(step) < 1 ? Math.sign(distance) * Math.min(1, Math.abs(distance)) : step;
}
