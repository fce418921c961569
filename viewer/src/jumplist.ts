// A list of functions to jump to (the slowest ones, the most called ones): a small dialog
// under the bar, with tabs for the measures it can rank by. Picking an entry jumps to its node.

import { button, el } from "./dom";
import { formatCount, formatDuration } from "./format";
import type { RankBy, Ranked } from "./rankings";

export interface JumpListActions {
  rank(by: RankBy): Ranked[];
  jump(id: number): void;
  closed(): void;
}

const TABS: Record<"slowest" | "called", RankBy[]> = { slowest: ["own", "total"], called: ["calls"] };
const TAB_NAMES: Record<RankBy, string> = { own: "by own time", total: "by total time", calls: "by calls" };

export class JumpList {
  readonly element: HTMLElement;
  private readonly tabs: HTMLElement;
  private readonly list: HTMLOListElement;
  private kind: "slowest" | "called" = "slowest";
  private by: RankBy = "own";

  constructor(private readonly actions: JumpListActions) {
    this.element = el("div", "df-jumplist");
    this.element.setAttribute("role", "dialog");
    this.element.hidden = true;
    this.tabs = el("div", "df-jumplist-tabs");
    this.list = el("ol", "df-jumplist-items");
    const close = button("✕", "df-jumplist-close", () => this.close());
    close.setAttribute("aria-label", "Close");
    this.element.append(this.tabs, close, this.list);
    this.element.addEventListener("keydown", (event) => this.onKey(event));
  }

  get open(): boolean {
    return !this.element.hidden;
  }

  /** Open (or switch to) a list, and put the keyboard on its first entry. */
  show(kind: "slowest" | "called"): void {
    this.kind = kind;
    this.by = TABS[kind][0] as RankBy;
    this.element.setAttribute("aria-label", kind === "slowest" ? "Slowest functions" : "Most called functions");
    this.element.hidden = false;
    this.render();
    this.list.querySelector<HTMLButtonElement>("button")?.focus();
  }

  close(): void {
    if (this.element.hidden) return;
    this.element.hidden = true;
    this.actions.closed();
  }

  /** Refresh the entries while open (the run grew, or its exact statistics arrived). */
  refresh(): void {
    if (this.open) this.render(false);
  }

  private render(rebuildTabs = true): void {
    if (rebuildTabs) {
      this.tabs.replaceChildren(
        ...TABS[this.kind].map((by) => {
          const tab = button(TAB_NAMES[by], "df-jumplist-tab", () => {
            this.by = by;
            this.render();
          });
          tab.setAttribute("aria-pressed", String(by === this.by));
          return tab;
        }),
      );
    }
    const ranked = this.actions.rank(this.by);
    if (ranked.length === 0) {
      this.list.replaceChildren(el("li", "df-jumplist-empty", "No finished calls yet."));
      return;
    }
    this.list.replaceChildren(...ranked.map((entry) => this.item(entry)));
  }

  private item(entry: Ranked): HTMLLIElement {
    const li = el("li", "df-jumplist-item");
    const figure = this.by === "calls" ? `×${formatCount(entry.value)}` : formatDuration(entry.value);
    const pick = button("", "df-jumplist-pick", () => {
      this.actions.jump(entry.node);
    });
    pick.dataset.node = String(entry.node);
    pick.dataset.function = entry.function;
    pick.append(el("span", "df-jumplist-figure", figure), el("span", "df-jumplist-name", entry.function), el("span", "df-jumplist-meta", `${entry.module} · ${formatCount(entry.calls)} calls${entry.nodes > 1 ? ` · ${entry.nodes} nodes` : ""}`));
    pick.setAttribute("aria-label", `${entry.function}, ${figure}${entry.exact ? "" : " (so far)"}, ${formatCount(entry.calls)} calls`);
    li.append(pick);
    return li;
  }

  private onKey(event: KeyboardEvent): void {
    const buttons = [...this.list.querySelectorAll<HTMLButtonElement>("button")];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === "Escape") this.close();
    else if (event.key === "ArrowDown") buttons[Math.min(buttons.length - 1, index + 1)]?.focus();
    else if (event.key === "ArrowUp") buttons[Math.max(0, index - 1)]?.focus();
    else return;
    event.preventDefault();
    event.stopPropagation();
  }
}
