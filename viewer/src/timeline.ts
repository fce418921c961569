// The replay bar: a timeline scrubber, play/pause, speed, and "Live" to return to a live run.
// A run's recorded debugger pauses are marks on the scrubber; picking one seeks there.

import { button, el } from "./dom";
import { baseName } from "./debugstate";
import { formatDuration } from "./format";
import type { PauseWire } from "./protocol";

export interface TimelineState {
  enabled: boolean;
  replaying: boolean;
  playing: boolean;
  at: number; // ns since the run started
  duration: number; // ns
  speed: number;
  canGoLive: boolean;
}

export interface TimelineActions {
  seek(at: number): void;
  play(): void;
  pause(): void;
  setSpeed(speed: number): void;
  goLive(): void;
}

const SPEEDS = [0.25, 0.5, 1, 2, 5, 10, 50, 200];
const SLIDER_STEPS = 1000;

export class Timeline {
  readonly element: HTMLElement;
  private readonly playButton: HTMLButtonElement;
  private readonly slider: HTMLInputElement;
  private readonly clock: HTMLElement;
  private readonly speed: HTMLSelectElement;
  private readonly live: HTMLButtonElement;
  private readonly marks: HTMLElement;
  private pauses: readonly PauseWire[] = [];
  private marked = ""; // the pauses and duration the marks were placed for
  private state: TimelineState | null = null;
  private dragging = false;
  private shown = ""; // what the bar was last written for (render)

  constructor(private readonly actions: TimelineActions) {
    this.element = el("footer", "df-timeline");
    this.element.setAttribute("aria-label", "Replay");
    this.playButton = button("▶", "df-play", () => (this.state?.playing ? actions.pause() : actions.play()));
    this.slider = el("input", "df-scrubber");
    this.slider.type = "range";
    this.slider.min = "0";
    this.slider.max = String(SLIDER_STEPS);
    this.slider.setAttribute("aria-label", "Timeline");
    this.slider.addEventListener("input", () => {
      this.dragging = true;
      actions.seek(this.sliderNs());
    });
    this.slider.addEventListener("change", () => {
      this.dragging = false;
      actions.seek(this.sliderNs());
    });
    this.clock = el("span", "df-clock", "0ns / 0ns");
    this.speed = el("select", "df-speed");
    this.speed.setAttribute("aria-label", "Replay speed");
    for (const s of SPEEDS) this.speed.append(new Option(`${s}×`, String(s), s === 1, s === 1));
    this.speed.addEventListener("change", () => actions.setSpeed(Number(this.speed.value)));
    this.live = button("● Live", "df-golive", () => actions.goLive());
    this.marks = el("div", "df-pause-marks");
    this.marks.setAttribute("role", "list");
    this.marks.setAttribute("aria-label", "Pauses");
    const track = el("div", "df-track");
    track.append(this.slider, this.marks);
    this.element.append(this.playButton, track, this.clock, this.speed, this.live);
  }

  /** The run's recorded pauses (a new run: none until its `pauses` message). */
  setPauses(pauses: readonly PauseWire[]): void {
    this.pauses = pauses;
    this.marked = "";
  }

  render(state: TimelineState): void {
    this.state = state;
    // Written only when they change: this runs every frame, and each write makes the browser
    // restyle the bar.
    const at = state.replaying ? state.at : state.duration;
    const slider = String(state.duration > 0 ? Math.round((at / state.duration) * SLIDER_STEPS) : 0);
    const shown = [state.replaying, state.playing, state.enabled, state.canGoLive, at, state.duration, slider, this.dragging].join("|");
    if (shown !== this.shown) {
      this.shown = shown;
      this.element.dataset.replaying = String(state.replaying);
      this.element.dataset.playing = String(state.playing);
      this.playButton.textContent = state.playing ? "❚❚" : "▶";
      this.playButton.setAttribute("aria-label", state.playing ? "Pause" : "Play");
      this.playButton.disabled = !state.enabled;
      this.slider.disabled = !state.enabled;
      this.speed.disabled = !state.enabled;
      if (!this.dragging) this.slider.value = slider;
      this.slider.setAttribute("aria-valuetext", `${formatDuration(at)} of ${formatDuration(state.duration)}`);
      this.clock.textContent = `${formatDuration(at)} / ${formatDuration(state.duration)}`;
      this.live.hidden = !state.canGoLive;
    }
    this.placeMarks(state.duration);
  }

  private placeMarks(duration: number): void {
    const key = `${this.pauses.length}:${duration}`;
    if (key === this.marked) return;
    this.marked = key;
    const marks = duration <= 0 ? [] : this.pauses.map((pause) => this.mark(pause, duration));
    this.marks.replaceChildren(...marks);
  }

  private mark(pause: PauseWire, duration: number): HTMLElement {
    const item = el("div", "df-pause-item");
    item.setAttribute("role", "listitem");
    item.style.left = `${Math.min(100, (pause.t / duration) * 100)}%`;
    const where = `${baseName(pause.file)}:${pause.line} in ${pause.function}`;
    const how = pause.how === null ? "" : `, resumed by ${pause.how}`;
    const label = `Paused (${pause.reason}) at ${where}, ${formatDuration(pause.t)}${how}`;
    const mark = button("", "df-pause-mark", () => this.actions.seek(pause.t));
    mark.dataset.reason = pause.reason;
    mark.setAttribute("aria-label", label);
    mark.title = label;
    item.append(mark);
    return item;
  }

  private sliderNs(): number {
    const duration = this.state?.duration ?? 0;
    return Math.round((Number(this.slider.value) / SLIDER_STEPS) * duration);
  }
}
