// The code panel's line replay: pick one of a focused node's recorded calls, then play, pause,
// scrub and set the speed; each step moves the highlighted line and shows the locals it
// changed. It replays what was recorded; it never touches the debugger's pause state.

import { button, el } from "./dom";
import { formatArg, formatDuration } from "./format";
import { frameAt, nextIndex, REPLAY_SPEEDS, type ReplayFrame, stepDelayMs } from "./linereplay";
import type { LineCallWire } from "./protocol";

export class ReplayBar {
  readonly element: HTMLElement;
  private readonly calls: HTMLSelectElement;
  private readonly play: HTMLButtonElement;
  private readonly scrub: HTMLInputElement;
  private readonly speed: HTMLSelectElement;
  private readonly info: HTMLElement;
  private list: LineCallWire[] = [];
  private index = 0;
  private timer: number | undefined;

  /** `show` gets the step to highlight (null: replay closed). */
  constructor(private readonly show: (frame: ReplayFrame | null) => void) {
    this.element = el("div", "df-replay");
    this.element.setAttribute("role", "group");
    this.element.setAttribute("aria-label", "Line replay");
    this.element.hidden = true;
    this.calls = el("select", "df-replay-call");
    this.calls.setAttribute("aria-label", "Recorded call");
    this.calls.addEventListener("change", () => this.goTo(0));
    this.play = button("▶", "df-replay-play", () => this.toggle());
    this.play.setAttribute("aria-label", "Play the call's lines");
    this.scrub = el("input", "df-replay-scrub");
    this.scrub.type = "range";
    this.scrub.min = "0";
    this.scrub.setAttribute("aria-label", "Step of the call");
    this.scrub.addEventListener("input", () => {
      this.stop();
      this.goTo(Number(this.scrub.value));
    });
    this.speed = el("select", "df-replay-speed");
    this.speed.setAttribute("aria-label", "Replay speed");
    for (const speed of REPLAY_SPEEDS) this.speed.append(new Option(`${speed}×`, String(speed), speed === 1, speed === 1));
    this.speed.addEventListener("change", () => {
      if (this.timer !== undefined) this.schedule();
    });
    this.info = el("div", "df-replay-info");
    this.info.setAttribute("aria-live", "polite");
    const title = el("span", "df-replay-title", "Line replay");
    this.element.append(title, this.calls, this.play, this.scrub, this.speed, this.info);
  }

  /** The node's recorded calls (oldest first); an empty list closes the replay. */
  load(calls: LineCallWire[]): void {
    this.stop();
    this.list = calls;
    this.element.hidden = calls.length === 0;
    const keep = Math.min(this.calls.selectedIndex, calls.length - 1);
    this.calls.replaceChildren(
      ...calls.map((call, i) => new Option(`call ${i + 1} of ${calls.length} (${call.steps.length} lines${call.truncated > 0 ? `, +${call.truncated} not kept` : ""})`, String(i))),
    );
    this.calls.selectedIndex = keep >= 0 ? keep : calls.length - 1; // the latest call first
    if (calls.length === 0) this.show(null);
    else this.goTo(0);
  }

  /** Whether a replay is playing (new calls wait until it stops). */
  get playing(): boolean {
    return this.timer !== undefined;
  }

  /** Stop playing and forget the calls (another node, another run). */
  close(): void {
    this.load([]);
  }

  private get call(): LineCallWire | undefined {
    return this.list[this.calls.selectedIndex];
  }

  private goTo(index: number): void {
    const call = this.call;
    const frame = call === undefined ? null : frameAt(call, index);
    if (call === undefined || frame === null) return;
    this.index = frame.index;
    this.scrub.max = String(frame.count - 1);
    this.scrub.value = String(frame.index);
    const changed = frame.changed.map(formatArg).join(", ");
    const where = `step ${frame.index + 1}/${frame.count} · line ${frame.line} · +${formatDuration(frame.t)}`;
    this.info.replaceChildren(
      el("div", "df-replay-step", changed ? `${where} · changed ${changed}` : where),
      el("div", "df-replay-locals", frame.locals.length === 0 ? "" : `locals: ${frame.locals.map(formatArg).join(", ")}`),
    );
    this.show(frame);
  }

  private toggle(): void {
    if (this.timer !== undefined) {
      this.stop();
      return;
    }
    const call = this.call;
    if (call === undefined) return;
    if (nextIndex(call, this.index) === null) this.goTo(0); // at the end: play from the start
    this.play.textContent = "❚❚";
    this.play.setAttribute("aria-label", "Pause the replay");
    this.schedule();
  }

  private schedule(): void {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.tick(), stepDelayMs(Number(this.speed.value)));
  }

  private tick(): void {
    const call = this.call;
    const next = call === undefined ? null : nextIndex(call, this.index);
    if (next === null) {
      this.stop();
      return;
    }
    this.goTo(next);
    this.schedule();
  }

  private stop(): void {
    window.clearTimeout(this.timer);
    this.timer = undefined;
    this.play.textContent = "▶";
    this.play.setAttribute("aria-label", "Play the call's lines");
  }
}
