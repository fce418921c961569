// The source view: line numbers, Pygments tokens, the shown function's lines marked, the
// current line highlighted and scrolled into view, and a gutter of breakpoint buttons. It draws
// what sourcemodel.ts computes; a click or an edit only asks (through `actions`), and the
// gutter changes when the debugger's breakpoint table comes back.

import { el } from "./dom";
import type { BreakpointWire } from "./protocol";
import { formatCount, formatDuration } from "./format";
import { type SourceRow, breakpointLabel } from "./sourcemodel";

export interface CodeActions {
  toggle(line: number): void;
  edit(line: number, anchor: HTMLElement): void;
}

export class CodeView {
  readonly element: HTMLElement;
  private rows: HTMLElement[] = [];
  private shown: SourceRow[] = [];
  private focusLine = 1;

  constructor(private readonly actions: CodeActions) {
    this.element = el("div", "df-code");
    this.element.setAttribute("role", "group");
    this.element.setAttribute("aria-label", "Source");
    this.element.addEventListener("keydown", (event) => this.onKey(event));
  }

  /** A new file: build every row. */
  load(rows: SourceRow[]): void {
    this.shown = rows;
    this.rows = rows.map((row) => this.buildRow(row));
    this.element.replaceChildren(...this.rows);
    this.focusLine = rows.find((row) => row.current)?.line ?? 1;
    this.update(rows);
  }

  /** The same file with other marks: touch only the rows whose marks changed. */
  update(rows: SourceRow[]): void {
    rows.forEach((row, index) => {
      const element = this.rows[index];
      if (element !== undefined) this.mark(element, row);
    });
    this.shown = rows;
    this.element.dataset.stats = String(rows.some((row) => row.stat !== null)); // a column for them
    this.setFocusable(this.focusLine);
  }

  /** Scroll `line` into the middle of the view when it is out of sight. */
  reveal(line: number): void {
    const row = this.rows[line - 1];
    if (row === undefined) return;
    const view = this.element.getBoundingClientRect();
    const box = row.getBoundingClientRect();
    if (box.top < view.top || box.bottom > view.bottom) {
      this.element.scrollTop += box.top - view.top - view.height / 2 + box.height / 2;
    }
  }

  /** The gutter button of `line` (for tests and the editor's focus return). */
  gutter(line: number): HTMLButtonElement | null {
    return this.rows[line - 1]?.querySelector<HTMLButtonElement>(".df-gutter") ?? null;
  }

  private buildRow(row: SourceRow): HTMLElement {
    const element = el("div", "df-code-row");
    element.dataset.line = String(row.line);
    const gutter = el("button", "df-gutter");
    gutter.type = "button";
    gutter.tabIndex = -1;
    gutter.addEventListener("click", () => this.actions.toggle(row.line));
    gutter.addEventListener("contextmenu", (event) => {
      event.preventDefault();
      this.actions.edit(row.line, gutter);
    });
    const number = el("span", "df-line-number", String(row.line));
    number.setAttribute("aria-hidden", "true");
    const stat = el("span", "df-line-stat");
    const code = el("code", "df-line-code");
    for (const [kind = "", text = ""] of row.tokens) {
      if (kind === "" || kind === "w" || kind === "n" || kind === "p") code.append(text);
      else code.append(el("span", `t-${kind}`, text));
    }
    element.append(gutter, number, stat, code);
    return element;
  }

  private mark(element: HTMLElement, row: SourceRow): void {
    element.classList.toggle("df-in-function", row.inFunction);
    element.classList.toggle("df-current", row.current);
    element.classList.toggle("df-replayed", row.replayed);
    if (row.current) element.setAttribute("aria-current", "step");
    else element.removeAttribute("aria-current");
    const gutter = element.firstElementChild as HTMLButtonElement;
    setBreakpoint(gutter, row.line, row.breakpoint);
    const stat = gutter.nextElementSibling?.nextElementSibling as HTMLElement;
    const text = row.stat === null ? "" : `${formatCount(row.stat.hits)}× ${formatDuration(row.stat.ns)}`;
    if (stat.textContent !== text) stat.textContent = text;
  }

  private onKey(event: KeyboardEvent): void {
    const target = event.target as HTMLElement;
    if (!target.classList.contains("df-gutter")) return;
    const line = Number(target.closest<HTMLElement>(".df-code-row")?.dataset.line ?? "1");
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 20, PageUp: -20 };
    const delta = moves[event.key];
    if (delta === undefined) return;
    event.preventDefault();
    const next = Math.max(1, Math.min(this.shown.length, line + delta));
    this.setFocusable(next);
    this.gutter(next)?.focus();
  }

  // One gutter button is in the tab order (roving tabindex), so Tab does not walk every line.
  private setFocusable(line: number): void {
    const previous = this.gutter(this.focusLine);
    if (previous !== null) previous.tabIndex = -1;
    this.focusLine = Math.max(1, Math.min(this.shown.length, line));
    const next = this.gutter(this.focusLine);
    if (next !== null) next.tabIndex = 0;
  }
}

function setBreakpoint(gutter: HTMLButtonElement, line: number, bp: BreakpointWire | null): void {
  const kind = bp === null ? "" : bp.log !== null ? "log" : bp.condition !== null || bp.hit !== null ? "conditional" : "plain";
  if (gutter.dataset.breakpoint === kind && gutter.dataset.verified === String(bp?.verified ?? "")) return;
  gutter.dataset.breakpoint = kind;
  gutter.dataset.verified = String(bp?.verified ?? "");
  gutter.setAttribute("aria-pressed", String(bp !== null));
  const label = breakpointLabel(line, bp);
  gutter.setAttribute("aria-label", label);
  gutter.title = `${label} — click to toggle, right-click to edit`;
}
