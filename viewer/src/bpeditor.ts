// The breakpoint edit form of one gutter line: a condition, a hit count ("5" or "every 100")
// and a logpoint message. Saving asks for the file's whole list with this line's entry
// replaced; what the gutter then shows comes from the debugger's answer, not from the form.

import { button, el } from "./dom";
import type { BreakpointSpecWire, BreakpointWire } from "./protocol";
import { optionalText, parseHit } from "./sourcemodel";

export interface EditorActions {
  save(spec: BreakpointSpecWire): void;
  remove(line: number): void;
  closed(line: number): void;
}

export class BreakpointEditor {
  readonly element: HTMLFormElement;
  private readonly title: HTMLElement;
  private readonly condition: HTMLInputElement;
  private readonly hit: HTMLInputElement;
  private readonly log: HTMLInputElement;
  private readonly error: HTMLElement;
  private line = 0;

  constructor(private readonly actions: EditorActions) {
    this.element = el("form", "df-bp-editor");
    this.element.setAttribute("aria-label", "Edit breakpoint");
    this.element.hidden = true;
    this.title = el("div", "df-bp-title");
    this.condition = field("Condition", "x > 3");
    this.hit = field("Hit count", '5 or "every 100"');
    this.log = field("Log message", "x is {x}");
    this.error = el("div", "df-bp-error");
    this.error.setAttribute("role", "alert");
    const save = el("button", "df-bp-save", "Save");
    save.type = "submit";
    const remove = button("Remove", "df-bp-remove", () => {
      this.actions.remove(this.line);
      this.close();
    });
    const cancel = button("Cancel", "df-bp-cancel", () => this.close());
    const buttons = el("div", "df-bp-buttons");
    buttons.append(save, remove, cancel);
    this.element.append(this.title, label(this.condition), label(this.hit), label(this.log), this.error, buttons);
    this.element.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit();
    });
    this.element.addEventListener("keydown", (event) => {
      if (event.key === "Escape") this.close();
    });
  }

  /** Edit `line`'s breakpoint (or a new one), focusing the condition field. */
  open(line: number, bp: BreakpointWire | null): void {
    this.line = line;
    this.title.textContent = `Line ${line}: pause if the condition holds, on a hit count, or log a message instead`;
    this.condition.value = bp?.condition ?? "";
    this.hit.value = bp?.hit ?? "";
    this.log.value = bp?.log ?? "";
    this.error.textContent = "";
    this.element.hidden = false;
    this.condition.focus();
  }

  close(): void {
    if (this.element.hidden) return;
    this.element.hidden = true;
    this.actions.closed(this.line);
  }

  private submit(): void {
    const hit = parseHit(this.hit.value);
    if ("error" in hit) {
      this.error.textContent = hit.error;
      this.hit.focus();
      return;
    }
    const spec = { line: this.line, condition: optionalText(this.condition.value), hit: hit.hit, log: optionalText(this.log.value) };
    this.actions.save(spec);
    this.close();
  }
}

function field(name: string, placeholder: string): HTMLInputElement {
  const input = el("input", "df-bp-field");
  input.type = "text";
  input.name = name;
  input.placeholder = placeholder;
  input.autocomplete = "off";
  input.spellcheck = false;
  return input;
}

function label(input: HTMLInputElement): HTMLLabelElement {
  const element = el("label", "df-bp-label", input.name);
  element.append(input);
  return element;
}
