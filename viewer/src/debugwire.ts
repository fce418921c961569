// The debugger's wire as the page uses it, beyond the generated shapes of protocol.ts: which
// hub messages belong to the debugger, checks of the answers the traced process sent (relayed
// by the hub, so checked before they are drawn).

import type {
  DebugReplyMessage,
  DebugStateMessage,
  EvaluateResult,
  LinesResult,
  LocalsResult,
  SourceResult,
  StackResult,
} from "./protocol";

export type DebugMessage = DebugStateMessage | DebugReplyMessage;

/** Whether a message from the hub belongs to the debugger (and not to the spine). */
export function isDebugMessage(message: { type: string }): message is DebugMessage {
  return message.type === "debug_state" || message.type === "debug_reply";
}

// The hub relays what the traced process answered: check the shapes before drawing them.

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function hasStrings(value: Record<string, unknown>, keys: readonly string[]): boolean {
  return keys.every((key) => typeof value[key] === "string");
}

export function asStack(result: unknown): StackResult | null {
  if (!isObject(result) || !Array.isArray(result.frames)) return null;
  const ok = result.frames.every(
    (f: unknown) => isObject(f) && typeof f.index === "number" && typeof f.line === "number" && hasStrings(f, ["file", "function"]),
  );
  return ok ? (result as unknown as StackResult) : null;
}

export function asLocals(result: unknown): LocalsResult | null {
  if (!isObject(result) || typeof result.total !== "number" || !Array.isArray(result.children)) return null;
  const ok = result.children.every(
    (c: unknown) => isObject(c) && hasStrings(c, ["key", "name", "type", "value"]) && typeof c.expandable === "boolean",
  );
  return ok ? (result as unknown as LocalsResult) : null;
}

export function asEvaluation(result: unknown): EvaluateResult | null {
  if (!isObject(result) || !hasStrings(result, ["type", "value"])) return null;
  if (result.error !== null && typeof result.error !== "string") return null;
  return result as unknown as EvaluateResult;
}

export function asSource(body: unknown): SourceResult | null {
  if (!isObject(body) || typeof body.file !== "string" || !Array.isArray(body.lines) || !Array.isArray(body.functions)) return null;
  const lines = body.lines.every(
    (line: unknown) =>
      Array.isArray(line) &&
      line.every((token: unknown) => Array.isArray(token) && typeof token[0] === "string" && typeof token[1] === "string"),
  );
  const functions = body.functions.every(
    (fn: unknown) => isObject(fn) && typeof fn.start === "number" && typeof fn.end === "number",
  );
  return lines && functions ? (body as unknown as SourceResult) : null;
}

export function asLines(body: unknown): LinesResult | null {
  if (!isObject(body) || typeof body.node !== "number" || !Array.isArray(body.calls)) return null;
  const ok = body.calls.every(
    (call: unknown) =>
      isObject(call) &&
      typeof call.t === "number" &&
      typeof call.truncated === "number" &&
      Array.isArray(call.steps) &&
      call.steps.every(
        (step: unknown) =>
          isObject(step) &&
          typeof step.line === "number" &&
          typeof step.t === "number" &&
          Array.isArray(step.changed) &&
          step.changed.every((arg: unknown) => isObject(arg) && hasStrings(arg, ["name", "type", "value"])),
      ),
  );
  return ok ? (body as unknown as LinesResult) : null;
}
