// The details panel: everything about the selected node, unclipped. Its arguments and its
// return value or exception wrapped in full, its statistics (calls, exceptions, min / median /
// max, total and own time, and the tracer's exact numbers for its function), and its source
// location with "Open in editor" (the hub's /api/open, as a click on the canvas does).

import type { Connection } from "./connection";
import { button, el } from "./dom";
import { errorText, formatArg, formatCount, formatDuration, shownValue, sourceRef, title } from "./format";
import { isPlaceholder, unreachedReason } from "./ghost";
import type { CallWire, NodeWire } from "./protocol";
import type { RunModel } from "./runmodel";

export interface DetailsActions {
  focus(id: number): void;
  fold(id: number): void;
}

export class DetailsPanel {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private readonly status: HTMLElement;
  private shown: NodeWire | null = null;
  private shownStats: unknown = null;

  constructor(
    private readonly connection: Connection,
    private readonly actions: DetailsActions,
  ) {
    this.element = el("section", "df-details");
    this.element.setAttribute("aria-label", "Details");
    const head = el("h2", "df-panel-title", "Details");
    this.body = el("div", "df-details-body");
    this.status = el("div", "df-details-status");
    this.status.setAttribute("role", "status");
    this.element.append(head, this.body, this.status);
    this.clear();
  }

  /** Show a node (null: nothing selected). Re-renders only when the node changed. */
  show(model: RunModel, id: number | null): void {
    const node = id === null ? undefined : model.node(id);
    if (node === undefined) {
      if (this.shown !== null) this.clear();
      return;
    }
    const stats = model.functionOf(node) ?? null;
    if (node === this.shown && stats === this.shownStats) return; // nodes are replaced when they change
    if (node.id !== this.shown?.id) this.status.textContent = "";
    this.shown = node;
    this.shownStats = stats;
    this.element.dataset.node = String(node.id);
    this.body.replaceChildren(...this.render(model, node));
  }

  private clear(): void {
    this.shown = null;
    this.shownStats = null;
    delete this.element.dataset.node;
    this.body.replaceChildren(el("p", "df-details-empty", "Select a node (click it, or move in the spine with the keyboard) to see its values and statistics here."));
  }

  private render(model: RunModel, node: NodeWire): HTMLElement[] {
    const parts: HTMLElement[] = [el("div", "df-details-name", title(node))];
    const where = el("div", "df-details-where");
    const ref = el("span", "df-details-ref", node.kind === "mark" ? "manual pulse" : sourceRef(node));
    where.append(el("span", "df-details-module", node.module), ref);
    parts.push(where);
    const buttons = el("div", "df-details-actions");
    if (node.file !== "" && node.kind !== "mark") {
      buttons.append(button("Open in editor", "df-open-editor", () => void this.open(node)));
    }
    buttons.append(button("Focus", "df-details-focus", () => this.actions.focus(node.id)));
    if (model.children.has(node.id)) buttons.append(button("Fold / unfold", "df-details-fold", () => this.actions.fold(node.id)));
    parts.push(buttons);
    if (isPlaceholder(node)) {
      parts.push(section("Not reached", [value(unreachedReason(node), "df-details-reason")]));
      return parts;
    }
    parts.push(...callSections(node));
    parts.push(section("Statistics", [statsTable(model, node)]));
    return parts;
  }

  private async open(node: NodeWire): Promise<void> {
    this.status.textContent = `Opening ${sourceRef(node)}…`;
    const result = await this.connection.openSource(node.file, node.line);
    this.status.textContent = result.ok ? `Opened ${sourceRef(node)} in your editor.` : (result.error ?? "The editor could not be started.");
  }
}

// The call the node shows, whole: one row per argument, then what it returned or raised; and
// the latest call that raised when that is another one.
function callSections(node: NodeWire): HTMLElement[] {
  const sections: HTMLElement[] = [];
  const sample = node.sample;
  const label = node.calls > 1 ? "Latest call kept" : "Call";
  if (sample === null) {
    if (node.kind === "call") sections.push(section(label, [value("values not kept (past the detail budget)", "df-details-dim")]));
  } else {
    sections.push(section(label, callRows(sample)));
  }
  if (node.failure !== null) sections.push(section("Another call raised", callRows(node.failure)));
  return sections;
}

function callRows(call: CallWire): HTMLElement[] {
  const rows: HTMLElement[] = [];
  if (call.args === null) rows.push(value("arguments not kept", "df-details-dim"));
  else if (call.args.length === 0) rows.push(value("no arguments", "df-details-dim"));
  else for (const arg of call.args) rows.push(value(formatArg(arg), "df-details-arg"));
  if (call.state === "raised") rows.push(value(errorLine(call), "df-details-error"));
  else if (call.state === "returned" && call.ret !== null) rows.push(value(`→ ${shownValue(call.ret)}`, "df-details-return"));
  else if (call.state === "running") rows.push(value("running…", "df-details-dim"));
  if (call.duration !== null) rows.push(value(`took ${formatDuration(call.duration)}`, "df-details-dim"));
  return rows;
}

function errorLine(call: CallWire): string {
  if (call.error === null) return "✖ raised";
  const where = call.error.line === null ? "" : ` (line ${call.error.line})`;
  return `✖ ${call.error.message ? `${call.error.type}: ${call.error.message}` : call.error.type}${where}`;
}

function statsTable(model: RunModel, node: NodeWire): HTMLElement {
  const table = el("dl", "df-details-stats");
  const add = (name: string, text: string, key: string) => {
    const term = el("dt", "", name);
    const detail = el("dd", "", text);
    detail.dataset.stat = key;
    table.append(term, detail);
  };
  add("calls", formatCount(node.calls), "calls");
  add("exceptions", node.exceptions > 0 ? `${formatCount(node.exceptions)} · ${errorText(node)}` : "0", "exceptions");
  if (node.active > 0) add("running", formatCount(node.active), "running");
  if (node.dur !== null) {
    add("min / median / max", [node.dur.min, node.dur.median, node.dur.max].map(formatDuration).join(" / "), "minmax");
    add("total time", formatDuration(node.dur.total), "total");
    add("own time", formatDuration(node.dur.own), "own");
  }
  const exact = model.functionOf(node);
  if (exact !== undefined) {
    add("all calls of the function", `${formatCount(exact.calls)} (${formatCount(exact.exceptions)} raised)`, "fn-calls");
    add("function total / own", `${formatDuration(exact.total_ns)} / ${formatDuration(exact.own_ns)}`, "fn-time");
    add("function min / median / max", [exact.min_ns, exact.median_ns, exact.max_ns].map(formatDuration).join(" / "), "fn-minmax");
  }
  return table;
}

function section(name: string, rows: HTMLElement[]): HTMLElement {
  const box = el("div", "df-details-section");
  box.append(el("h3", "df-details-heading", name), ...rows);
  return box;
}

function value(text: string, className: string): HTMLElement {
  return el("div", `df-details-value ${className}`, text);
}
