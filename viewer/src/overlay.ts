// The metadata card shown while a node is hovered (or focused from the keyboard): module,
// file:line, duration in automatic units, calls, timing statistics, and the full values the
// canvas had to clip.

import {
  argsLine,
  durationText,
  errorText,
  formatArg,
  formatCount,
  formatDuration,
  shownValue,
  sourceRef,
  title,
} from "./format";
import { isPlaceholder, unreachedReason } from "./ghost";
import type { NodeWire } from "./protocol";
import type { RunModel } from "./runmodel";

export class HoverCard {
  readonly element: HTMLDivElement;
  private shownId: number | null = null;
  private shownVersion = -1;
  private size: { width: number; height: number } | null = null;

  constructor() {
    this.element = document.createElement("div");
    this.element.className = "df-card";
    this.element.id = "df-hover";
    this.element.setAttribute("role", "tooltip");
    this.element.hidden = true;
  }

  /** Show `id` right of (x, y) in the stage (CSS pixels) or left of it when there is no room. */
  show(model: RunModel, id: number | null, x: number, y: number, stage: DOMRect): void {
    const node = id === null ? undefined : model.node(id);
    if (node === undefined) {
      if (!this.element.hidden) this.element.hidden = true;
      this.shownId = null;
      return;
    }
    if (this.shownId !== node.id || this.shownVersion !== model.version) {
      this.element.replaceChildren(...cardRows(model, node));
      this.element.dataset.node = String(node.id);
      this.shownId = node.id;
      this.shownVersion = model.version;
      this.size = null;
    }
    if (this.element.hidden) {
      this.element.hidden = false;
      this.size = null;
    }
    // Measured only when the card's content changed: reading its size makes the browser lay
    // out what the frame wrote so far, and this runs every frame while a node is hovered.
    this.size ??= { width: this.element.offsetWidth, height: this.element.offsetHeight };
    const { width, height } = this.size;
    const left = x + 8 + width > stage.width ? Math.max(4, stage.width - width - 8) : x + 8;
    const top = Math.min(Math.max(4, y - 10), Math.max(4, stage.height - height - 4));
    const transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
    if (this.element.style.transform !== transform) this.element.style.transform = transform;
  }

  get visibleNode(): number | null {
    return this.element.hidden ? null : this.shownId;
  }
}

function cardRows(model: RunModel, node: NodeWire): HTMLElement[] {
  if (isPlaceholder(node)) return placeholderRows(node);
  const rows: HTMLElement[] = [line("df-card-title", title(node))];
  const where = node.kind === "mark" ? "manual pulse" : `${node.module} · ${sourceRef(node)}`;
  rows.push(line("df-card-where", where));
  rows.push(pair("state", node.state === "processing" ? `running (${node.active} open)` : node.state));
  const took = node.sample?.duration;
  if ((took !== null && took !== undefined) || node.dur !== null) {
    rows.push(pair("duration", durationText(node), "df-duration"));
  }
  rows.push(pair("calls", callsText(node)));
  if (node.dur !== null) {
    const { min, median, max } = node.dur;
    rows.push(pair("min / median / max", [min, median, max].map(formatDuration).join(" / ")));
    rows.push(pair("total / own", `${formatDuration(node.dur.total)} / ${formatDuration(node.dur.own)}`));
  }
  const exact = model.functionOf(node);
  if (exact !== undefined) rows.push(pair("all calls of this function", formatCount(exact.calls)));
  rows.push(...callRows(node));
  rows.push(line("df-card-hint", "click: show the source · right-click: trace its lines"));
  return rows;
}

function callsText(node: NodeWire): string {
  const raised = node.exceptions > 0 ? ` · ${formatCount(node.exceptions)} raised` : "";
  return `${formatCount(node.calls)}${raised}`;
}

// The call the node shows, whole, and the latest call that raised when it is another one.
function callRows(node: NodeWire): HTMLElement[] {
  const rows: HTMLElement[] = [];
  const sample = node.sample;
  if (sample !== null) {
    rows.push(pair(node.calls > 1 ? "latest call kept: args" : "args", argsLine(node), "df-value"));
    if (sample.state === "raised") rows.push(pair("raised", errorText(node), "df-error"));
    else if (sample.ret !== null) rows.push(pair("returned", shownValue(sample.ret), "df-value"));
  }
  if (node.failure !== null) {
    const args = node.failure.args === null ? "values not kept" : node.failure.args.map(formatArg).join(", ");
    rows.push(pair("another call raised", `${errorText(node)} · ${args}`, "df-error"));
  }
  return rows;
}

// A never-reached function of a ghost run: where it is and why the dry run missed it.
function placeholderRows(node: NodeWire): HTMLElement[] {
  return [
    line("df-card-title", node.function),
    line("df-card-where", `ghost placeholder · ${node.module} · ${sourceRef(node)}`),
    pair("not reached", unreachedReason(node), "df-value df-reason"),
  ];
}

function line(className: string, text: string): HTMLElement {
  const div = document.createElement("div");
  div.className = className;
  div.textContent = text;
  return div;
}

function pair(label: string, value: string, className = ""): HTMLElement {
  const row = document.createElement("div");
  row.className = `df-card-row ${className}`.trim();
  const name = document.createElement("span");
  name.className = "df-card-label";
  name.textContent = label;
  const text = document.createElement("span");
  text.className = "df-card-value";
  text.textContent = value;
  row.append(name, text);
  return row;
}
