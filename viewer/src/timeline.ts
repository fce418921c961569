// The replay bar: a timeline scrubber, play/pause, speed, and "Live" to return to a live run.

import { button, el } from "./dom";
import { formatDuration } from "./format";

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
  private state: TimelineState | null = null;
  private dragging = false;

  constructor(actions: TimelineActions) {
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
    this.element.append(this.playButton, this.slider, this.clock, this.speed, this.live);
  }

  render(state: TimelineState): void {
    this.state = state;
    this.element.dataset.replaying = String(state.replaying);
    this.element.dataset.playing = String(state.playing);
    this.playButton.textContent = state.playing ? "❚❚" : "▶";
    this.playButton.setAttribute("aria-label", state.playing ? "Pause" : "Play");
    this.playButton.disabled = !state.enabled;
    this.slider.disabled = !state.enabled;
    this.speed.disabled = !state.enabled;
    const at = state.replaying ? state.at : state.duration;
    if (!this.dragging) {
      this.slider.value = String(state.duration > 0 ? Math.round((at / state.duration) * SLIDER_STEPS) : 0);
    }
    this.slider.setAttribute("aria-valuetext", `${formatDuration(at)} of ${formatDuration(state.duration)}`);
    this.clock.textContent = `${formatDuration(at)} / ${formatDuration(state.duration)}`;
    this.live.hidden = !state.canGoLive;
  }

  private sliderNs(): number {
    const duration = this.state?.duration ?? 0;
    return Math.round((Number(this.slider.value) / SLIDER_STEPS) * duration);
  }
}
