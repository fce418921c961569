// The debug bar: Continue, Step over, Step into, Step out and Pause with the keys people know
// (F5, F10, F11, Shift+F11, F6), exception breakpoints, the "pause all threads" option (every
// other thread waits while one is paused), and one status line saying what the
// debugger does and why the last request was refused. Buttons are enabled only when their
// command applies to the state shown (debugstate.available).

import { button, el } from "./dom";
import type { ResumeCommand } from "./protocol";

export interface BarActions {
  command(kind: ResumeCommand): void;
  exceptions(raised: boolean, uncaught: boolean): void;
  pauseAll(on: boolean): void;
}

export interface BarState {
  enabled: Record<ResumeCommand, boolean>;
  /** Whether the run has a debugger at all (else the bar is hidden). */
  present: boolean;
  status: string;
  refusal: string | null;
  exceptions: { raised: boolean; uncaught: boolean } | null;
  pauseAll: boolean;
}

/** Each command's button text, name and key (KeyboardEvent.key, with Shift for step out). */
export const COMMAND_KEYS: readonly { kind: ResumeCommand; text: string; name: string; key: string; shift: boolean }[] = [
  { kind: "continue", text: "▶", name: "Continue", key: "F5", shift: false },
  { kind: "next", text: "⤼", name: "Step over", key: "F10", shift: false },
  { kind: "step", text: "↓", name: "Step into", key: "F11", shift: false },
  { kind: "return", text: "↑", name: "Step out", key: "F11", shift: true },
  { kind: "pause", text: "❚❚", name: "Pause", key: "F6", shift: false },
];

/** The command a key press asks for, if any. */
export function commandForKey(key: string, shift: boolean): ResumeCommand | null {
  return COMMAND_KEYS.find((entry) => entry.key === key && entry.shift === shift)?.kind ?? null;
}

export class DebugBar {
  readonly element: HTMLElement;
  private readonly buttons = new Map<ResumeCommand, HTMLButtonElement>();
  private readonly controls: HTMLElement[];
  private readonly status: HTMLElement;
  private readonly refusal: HTMLElement;
  private readonly raised: HTMLInputElement;
  private readonly uncaught: HTMLInputElement;
  private readonly pauseAll: HTMLInputElement;

  constructor(actions: BarActions) {
    this.element = el("div", "df-debugbar");
    const group = el("div", "df-debug-buttons");
    group.setAttribute("role", "toolbar");
    group.setAttribute("aria-label", "Debugger");
    for (const entry of COMMAND_KEYS) {
      const keys = entry.shift ? `Shift+${entry.key}` : entry.key;
      const element = button(entry.text, "df-debug-button", () => actions.command(entry.kind));
      element.dataset.command = entry.kind;
      element.setAttribute("aria-label", entry.name);
      element.setAttribute("aria-keyshortcuts", keys);
      element.title = `${entry.name} (${keys})`;
      element.disabled = true;
      this.buttons.set(entry.kind, element);
      group.append(element);
    }
    this.raised = checkbox("raised");
    this.uncaught = checkbox("uncaught");
    const onChange = (): void => actions.exceptions(this.raised.checked, this.uncaught.checked);
    this.raised.addEventListener("change", onChange);
    this.uncaught.addEventListener("change", onChange);
    const exceptions = el("fieldset", "df-debug-exceptions");
    exceptions.append(el("legend", "", "Pause on exceptions"), labelled(this.raised, "raised"), labelled(this.uncaught, "uncaught"));
    this.pauseAll = checkbox("pause_all");
    this.pauseAll.addEventListener("change", () => actions.pauseAll(this.pauseAll.checked));
    const threads = labelled(this.pauseAll, "pause all threads");
    threads.classList.add("df-debug-pause-all");
    threads.title = "While a thread is paused, every other thread of the program waits at its next line";
    this.status = el("div", "df-debug-status");
    this.status.setAttribute("role", "status");
    this.refusal = el("div", "df-debug-refusal");
    this.refusal.setAttribute("role", "status");
    this.controls = [group, exceptions, threads];
    this.element.append(group, exceptions, threads, this.status, this.refusal);
  }

  render(state: BarState): void {
    // Without a debugger only a refusal is shown (a gutter click on a recorded run says why).
    for (const control of this.controls) control.hidden = !state.present;
    this.element.hidden = !state.present && state.refusal === null;
    for (const [kind, element] of this.buttons) element.disabled = !state.enabled[kind];
    if (this.status.textContent !== state.status) this.status.textContent = state.status;
    const refusal = state.refusal ?? "";
    if (this.refusal.textContent !== refusal) this.refusal.textContent = refusal;
    this.raised.checked = state.exceptions?.raised ?? false;
    this.uncaught.checked = state.exceptions?.uncaught ?? false;
    this.pauseAll.checked = state.pauseAll;
  }
}

function checkbox(name: string): HTMLInputElement {
  const input = el("input", "df-debug-exception");
  input.type = "checkbox";
  input.name = name;
  return input;
}

function labelled(input: HTMLInputElement, text: string): HTMLLabelElement {
  const label = el("label", "df-debug-exception-label");
  label.append(input, ` ${text}`);
  return label;
}
