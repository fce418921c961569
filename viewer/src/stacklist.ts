// The paused thread's call stack (traced code only, innermost first). Picking a frame shows
// its line in the code panel, its locals and the watches evaluated in it.

import { el } from "./dom";
import type { FrameWire } from "./protocol";
import { baseName } from "./debugstate";

export class StackList {
  readonly element: HTMLElement;
  private readonly list: HTMLOListElement;
  private frames: FrameWire[] = [];
  private selected = 0;

  constructor(private readonly pick: (frame: FrameWire) => void) {
    this.element = el("section", "df-inspect df-stack");
    this.element.setAttribute("aria-label", "Call stack");
    this.list = el("ol", "df-stack-list");
    this.list.setAttribute("role", "listbox");
    this.list.setAttribute("aria-label", "Call stack");
    this.list.tabIndex = 0;
    this.list.addEventListener("keydown", (event) => this.onKey(event));
    this.element.append(el("h3", "df-inspect-title", "Call stack"), this.list);
  }

  /** Show these frames (null: not paused, or not known yet), `selected` picked. */
  show(frames: FrameWire[] | null, selected: number, note = ""): void {
    this.frames = frames ?? [];
    this.selected = selected;
    if (frames === null || frames.length === 0) {
      this.list.replaceChildren(el("li", "df-inspect-empty", note));
      this.list.removeAttribute("aria-activedescendant");
      return;
    }
    this.list.replaceChildren(...frames.map((frame) => this.item(frame)));
    this.list.setAttribute("aria-activedescendant", `df-frame-${selected}`);
  }

  private item(frame: FrameWire): HTMLLIElement {
    const item = el("li", "df-frame");
    item.id = `df-frame-${frame.index}`;
    item.dataset.frame = String(frame.index);
    item.setAttribute("role", "option");
    item.setAttribute("aria-selected", String(frame.index === this.selected));
    item.append(el("span", "df-frame-function", frame.function), el("span", "df-frame-where", `${baseName(frame.file)}:${frame.line}`));
    item.title = `${frame.file}:${frame.line}`;
    item.addEventListener("click", () => this.pick(frame));
    return item;
  }

  private onKey(event: KeyboardEvent): void {
    const delta = event.key === "ArrowDown" ? 1 : event.key === "ArrowUp" ? -1 : 0;
    if (delta === 0) return;
    event.preventDefault();
    const position = this.frames.findIndex((frame) => frame.index === this.selected);
    const next = this.frames[position + delta];
    if (next !== undefined) this.pick(next);
  }
}
