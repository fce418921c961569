// The status panel: which script, whether it runs, and its counters (nodes, calls, exceptions,
// elapsed time). While a run is live the clock advances locally between hub updates.

import type { LinkState } from "./connection";
import { el } from "./dom";
import { formatCount, formatDuration } from "./format";
import { isGhostRun } from "./ghost";
import type { StatusWire, ViewMode } from "./protocol";

const FIELDS = ["script", "state", "nodes", "calls", "exceptions", "elapsed"] as const;
type Field = (typeof FIELDS)[number];

export class StatusPanel {
  readonly element: HTMLElement;
  private readonly values = new Map<Field, HTMLElement>();
  private readonly extra: HTMLElement;
  private readonly link: HTMLElement;
  private readonly ghostBadge: HTMLElement;

  constructor() {
    this.element = el("header", "df-status");
    this.element.setAttribute("aria-label", "Run status");
    const brand = el("div", "df-brand", "DebugFlow");
    this.ghostBadge = el("span", "df-ghost-badge", "GHOST");
    this.ghostBadge.title = "dry run with mock arguments (flow ghost)";
    this.ghostBadge.hidden = true;
    this.element.append(brand, this.ghostBadge);
    for (const field of FIELDS) {
      const box = el("div", `df-stat df-stat-${field}`);
      const value = el("span", "df-stat-value", "–");
      value.dataset.field = field;
      box.append(el("span", "df-stat-label", field), value);
      this.values.set(field, value);
      this.element.append(box);
    }
    this.extra = el("div", "df-stat-extra");
    this.link = el("div", "df-link", "connecting");
    this.link.setAttribute("role", "status");
    this.element.append(this.extra, this.link);
  }

  /** Show a run's status (null: no run open). */
  render(status: StatusWire | null, mode: ViewMode | null, at: number | null): void {
    this.showGhost(isGhostRun(status));
    if (status === null) {
      for (const value of this.values.values()) value.textContent = "–";
      this.extra.textContent = "";
      return;
    }
    this.set("script", status.argv.join(" ") || status.script || status.run);
    this.set("state", stateText(status, mode, at));
    this.element.dataset.state = mode === "replay" ? "replay" : status.state;
    this.set("nodes", formatCount(status.nodes));
    this.set("calls", formatCount(status.calls));
    this.set("exceptions", formatCount(status.exceptions));
    this.set("elapsed", formatDuration(elapsedNs(status, mode)));
    this.extra.textContent = extraText(status);
  }

  /** Show whether the hub connection is up. */
  renderLink(state: LinkState): void {
    this.link.textContent = state === "open" ? "hub connected" : state === "connecting" ? "connecting…" : "hub unreachable — retrying";
    this.link.dataset.link = state;
  }

  private showGhost(ghost: boolean): void {
    this.ghostBadge.hidden = !ghost;
    if (ghost) this.element.dataset.ghost = "true";
    else delete this.element.dataset.ghost;
  }

  private set(field: Field, text: string): void {
    const value = this.values.get(field);
    if (value !== undefined && value.textContent !== text) value.textContent = text;
  }
}

function stateText(status: StatusWire, mode: ViewMode | null, at: number | null): string {
  if (mode === "replay") return `replay @ ${formatDuration(at ?? 0)}`;
  if (status.state === "ended") return status.exit_code === null ? "ended" : `ended (exit ${status.exit_code})`;
  return status.state;
}

/** The run's elapsed time; advanced from the wall clock while it is live. */
export function elapsedNs(status: StatusWire, mode: ViewMode | null): number {
  if (mode !== "live" || status.state !== "live" || status.started_at <= 0) return status.elapsed_ns;
  const wall = (Date.now() / 1000 - status.started_at) * 1e9;
  return Math.max(status.elapsed_ns, wall);
}

function extraText(status: StatusWire): string {
  const parts: string[] = [];
  if (status.dropped > 0) parts.push(`${formatCount(status.dropped)} events dropped`);
  if (status.hidden > 0) parts.push(`${formatCount(status.hidden)} calls past the node limit`);
  if (status.backend) parts.push(`${status.backend} · Python ${status.python}`);
  return parts.join(" · ");
}
