// The History panel: live runs and recorded runs from the store, newest first; picking one
// opens it.

import { button, el } from "./dom";
import { runMeta } from "./format";
import { GHOST_KIND } from "./ghost";
import type { RunInfo } from "./protocol";
import { newestFirst } from "./runorder";

export interface HistoryActions {
  open(run: RunInfo): void;
  followLive(on: boolean): void;
  refresh(): void;
}

export class HistoryPanel {
  readonly element: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly follow: HTMLInputElement;
  private runs: RunInfo[] = [];
  private current: string | null = null;

  constructor(private readonly actions: HistoryActions) {
    this.element = el("aside", "df-history");
    this.element.setAttribute("aria-label", "History");
    const head = el("div", "df-history-head");
    head.append(el("h2", "df-history-title", "History"), button("↻", "df-refresh", () => actions.refresh()));
    const label = el("label", "df-follow-live");
    this.follow = el("input", "");
    this.follow.type = "checkbox";
    this.follow.checked = true;
    this.follow.addEventListener("change", () => actions.followLive(this.follow.checked));
    label.append(this.follow, " follow new live runs");
    this.list = el("ul", "df-runs");
    this.list.setAttribute("aria-label", "Runs");
    this.element.append(head, label, this.list);
  }

  /** Show a new run list (in time order, whatever order the hub sent). */
  setRuns(runs: readonly RunInfo[]): void {
    this.runs = newestFirst(runs);
    this.render();
  }

  /** Mark the run on screen. */
  setCurrent(runId: string | null): void {
    this.current = runId;
    for (const item of this.list.querySelectorAll<HTMLElement>("[data-run]")) {
      item.setAttribute("aria-current", String(item.dataset.run === runId));
    }
  }

  setFollowLive(on: boolean): void {
    this.follow.checked = on;
  }

  private render(): void {
    const items = this.runs.map((run) => this.item(run));
    if (items.length === 0) items.push(el("li", "df-runs-empty", "No runs yet. Try: flow run script.py"));
    this.list.replaceChildren(...items);
  }

  private item(run: RunInfo): HTMLLIElement {
    const li = el("li", "df-run");
    const open = button("", "df-run-open", () => this.actions.open(run));
    open.dataset.run = run.id;
    open.dataset.state = run.state;
    open.setAttribute("aria-current", String(run.id === this.current));
    const name = el("span", "df-run-script", run.script || run.id);
    const meta = el("span", "df-run-meta", runMeta(run));
    const badge = el("span", `df-run-state df-run-${run.state}`, run.state);
    open.append(badge, name, meta);
    const ghost = run.kind === GHOST_KIND;
    if (ghost) {
      open.dataset.ghost = "true";
      name.prepend(el("span", "df-run-ghost", "GHOST"), " ");
    }
    const label = `${run.script || run.id}${ghost ? ", ghost" : ""}, ${run.state}, ${runMeta(run)}`;
    open.setAttribute("aria-label", label);
    li.append(open);
    return li;
  }
}
