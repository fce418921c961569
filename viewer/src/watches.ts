// Watch expressions: typed once, evaluated in the picked frame on every pause (an `evaluate`
// request each; the debugger runs them only then, only because this viewer asked).

import { button, el } from "./dom";
import type { EvaluateResult } from "./protocol";

/** Evaluates one expression in the current frame; null when the answer is stale. */
export type Evaluate = (expr: string) => Promise<EvaluateResult | string | null>;

export class Watches {
  readonly element: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly input: HTMLInputElement;
  private readonly expressions: string[] = [];
  private evaluate: Evaluate | null = null;
  private note = "";
  private generation = 0;

  constructor() {
    this.element = el("section", "df-inspect df-watches");
    this.element.setAttribute("aria-label", "Watches");
    const form = el("form", "df-watch-form");
    this.input = el("input", "df-watch-input");
    this.input.type = "text";
    this.input.placeholder = "add a watch expression";
    this.input.setAttribute("aria-label", "Watch expression");
    this.input.spellcheck = false;
    this.input.autocomplete = "off";
    form.append(this.input);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.add(this.input.value);
    });
    this.list = el("ul", "df-watch-list");
    this.list.setAttribute("aria-label", "Watch expressions");
    this.element.append(el("h3", "df-inspect-title", "Watches"), form, this.list);
  }

  /** Re-evaluate every watch through `evaluate` (null: not paused, values shown as `note`). */
  show(evaluate: Evaluate | null, note = ""): void {
    this.evaluate = evaluate;
    this.note = note;
    this.generation += 1;
    this.render();
  }

  private add(text: string): void {
    const expr = text.trim();
    if (expr === "" || this.expressions.includes(expr)) return;
    this.expressions.push(expr);
    this.input.value = "";
    this.render();
  }

  private render(): void {
    const generation = this.generation;
    this.list.replaceChildren(...this.expressions.map((expr) => this.item(expr, generation)));
  }

  private item(expr: string, generation: number): HTMLLIElement {
    const item = el("li", "df-watch");
    item.dataset.expr = expr;
    const value = el("span", "df-watch-value", this.evaluate === null ? this.note : "…");
    const remove = button("✕", "df-watch-remove", () => {
      this.expressions.splice(this.expressions.indexOf(expr), 1);
      this.render();
    });
    remove.setAttribute("aria-label", `Remove watch ${expr}`);
    item.append(el("span", "df-watch-expr", expr), value, remove);
    const evaluate = this.evaluate;
    if (evaluate !== null) {
      void evaluate(expr).then((answer) => {
        if (answer === null || generation !== this.generation) return;
        const text = typeof answer === "string" ? answer : answer.error ?? `${answer.type} = ${answer.value}`;
        value.textContent = text;
        item.dataset.error = String(typeof answer === "string" || answer.error !== null);
      });
    }
    return item;
  }
}
