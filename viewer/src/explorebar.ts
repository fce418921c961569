// The bar above the spine for finding the call that matters: the search box (text, or a
// regular expression as /…/ or with the .* toggle) with its "3 of 17" count, next exception,
// the slowest and most called lists, fold all below a depth, the focus breadcrumb, and a line
// listing the keyboard shortcuts.

import { button, el } from "./dom";

export interface ExploreBarActions {
  search(text: string, regex: boolean): void;
  step(backwards: boolean): void;
  nextException(backwards: boolean): void;
  openList(kind: "slowest" | "called"): void;
  foldBelow(depth: number | null): void;
  crumb(id: number | null): void;
}

export const SHORTCUTS =
  "/ or Ctrl+F search · Enter / Shift+Enter next / previous hit · E next exception · " +
  "S slowest · M most called · F focus the selected node · Esc leave focus · " +
  "←/→ fold in the spine · O overview";

export class ExploreBar {
  readonly element: HTMLElement;
  readonly input: HTMLInputElement;
  private readonly regex: HTMLButtonElement;
  private readonly count: HTMLElement;
  private readonly crumbs: HTMLElement;
  private readonly depth: HTMLSelectElement;
  readonly slowest: HTMLButtonElement;
  readonly called: HTMLButtonElement;

  constructor(private readonly actions: ExploreBarActions) {
    this.element = el("div", "df-explore");
    this.element.setAttribute("role", "toolbar");
    this.element.setAttribute("aria-label", "Find and fold");
    const form = el("form", "df-search");
    form.setAttribute("role", "search");
    this.input = el("input", "df-search-input");
    this.input.type = "search";
    this.input.placeholder = "Search function, module, file  (/regex/)";
    this.input.setAttribute("aria-label", "Search nodes by function, module or file name");
    this.input.setAttribute("aria-keyshortcuts", "/ Control+F");
    this.input.addEventListener("input", () => this.changed());
    this.input.addEventListener("keydown", (event) => this.onKey(event));
    form.addEventListener("submit", (event) => event.preventDefault());
    this.regex = button(".*", "df-regex", () => {
      this.regex.setAttribute("aria-pressed", String(this.regex.getAttribute("aria-pressed") !== "true"));
      this.changed();
    });
    this.regex.setAttribute("aria-pressed", "false");
    this.regex.setAttribute("aria-label", "Regular expression");
    this.regex.title = "Read the search as a regular expression";
    this.count = el("span", "df-search-count");
    this.count.setAttribute("role", "status");
    const prev = button("↑", "df-search-prev", () => actions.step(true));
    prev.setAttribute("aria-label", "Previous match");
    prev.title = "Previous match (Shift+Enter)";
    const next = button("↓", "df-search-next", () => actions.step(false));
    next.setAttribute("aria-label", "Next match");
    next.title = "Next match (Enter)";
    form.append(this.input, this.regex, this.count, prev, next);
    const exception = button("Next exception", "df-next-exception", () => actions.nextException(false));
    exception.setAttribute("aria-keyshortcuts", "E");
    exception.title = "Next exception (E, Shift+E: previous)";
    this.slowest = button("Slowest", "df-slowest", () => actions.openList("slowest"));
    this.slowest.setAttribute("aria-keyshortcuts", "S");
    this.slowest.setAttribute("aria-haspopup", "dialog");
    this.slowest.title = "Slowest functions by own and by total time (S)";
    this.called = button("Most called", "df-most-called", () => actions.openList("called"));
    this.called.setAttribute("aria-keyshortcuts", "M");
    this.called.setAttribute("aria-haspopup", "dialog");
    this.called.title = "Most called functions (M)";
    this.depth = el("select", "df-fold-depth");
    this.depth.setAttribute("aria-label", "Fold all below depth");
    this.depth.append(new Option("fold: none", ""));
    for (const d of [1, 2, 3, 4, 6, 8]) this.depth.append(new Option(`fold below depth ${d}`, String(d)));
    this.depth.addEventListener("change", () => actions.foldBelow(this.depth.value === "" ? null : Number(this.depth.value)));
    this.crumbs = el("nav", "df-crumbs");
    this.crumbs.setAttribute("aria-label", "Focus");
    this.crumbs.hidden = true;
    const help = el("span", "df-help", "?");
    help.title = SHORTCUTS;
    help.setAttribute("aria-label", `Keyboard shortcuts: ${SHORTCUTS}`);
    help.tabIndex = 0;
    this.element.append(form, exception, this.slowest, this.called, this.depth, help, this.crumbs);
  }

  /** Show how many nodes match and which one is current ("3 of 17"), or why the query fails. */
  setCount(position: number, total: number, error: string | null, empty: boolean): void {
    const text = error !== null ? "invalid regex" : empty ? "" : total === 0 ? "no match" : position > 0 ? `${position} of ${total}` : `${total} found`;
    if (this.count.textContent !== text) this.count.textContent = text;
    this.count.title = error ?? "";
    this.input.setAttribute("aria-invalid", String(error !== null));
  }

  /** Show the focus breadcrumb: "All › main › work" (empty: no focus). */
  setCrumbs(path: { id: number; label: string }[]): void {
    this.crumbs.hidden = path.length === 0;
    if (path.length === 0) {
      this.crumbs.replaceChildren();
      return;
    }
    const parts: HTMLElement[] = [button("All", "df-crumb", () => this.actions.crumb(null))];
    path.forEach((step, i) => {
      parts.push(el("span", "df-crumb-sep", "›"));
      const last = i === path.length - 1;
      const crumb = button(step.label, "df-crumb", () => this.actions.crumb(step.id));
      if (last) crumb.setAttribute("aria-current", "location");
      parts.push(crumb);
    });
    this.crumbs.replaceChildren(...parts);
  }

  /** Reflect a fold depth chosen elsewhere (null: none). */
  setFoldDepth(depth: number | null): void {
    this.depth.value = depth === null ? "" : String(depth);
  }

  private changed(): void {
    this.actions.search(this.input.value, this.regex.getAttribute("aria-pressed") === "true");
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key === "Enter") {
      event.preventDefault();
      this.actions.step(event.shiftKey);
    } else if (event.key === "Escape") {
      // The first Escape clears the query, the next one gives the keyboard back to the page.
      event.preventDefault();
      event.stopPropagation();
      if (this.input.value === "") this.input.blur();
      else {
        this.input.value = "";
        this.changed();
      }
    }
  }
}
