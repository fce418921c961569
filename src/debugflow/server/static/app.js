class P {
  constructor(t, e) {
    this.origin = t, this.token = e;
  }
  origin;
  token;
  socket = null;
  handlers = null;
  retryMs = 500;
  timer;
  stopped = !1;
  /** The connection for `location` (the page URL carries `?token=…`). */
  static fromLocation(t) {
    const e = new URLSearchParams(t.search).get("token") ?? "";
    return new P(t.origin, e);
  }
  start(t) {
    this.handlers = t, this.stopped = !1, this.open();
  }
  send(t) {
    this.socket?.readyState === WebSocket.OPEN && this.socket.send(JSON.stringify(t));
  }
  async openSource(t, e) {
    try {
      const s = await fetch(this.url("/api/open"), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ file: t, line: e })
      }), i = await s.json();
      return s.ok && i.ok ? { ok: !0, command: i.command ?? [] } : { ok: !1, error: i.error ?? `the hub answered ${s.status}` };
    } catch (s) {
      return { ok: !1, error: `the hub could not be reached (${String(s)})` };
    }
  }
  stop() {
    this.stopped = !0, window.clearTimeout(this.timer), this.socket?.close();
  }
  url(t) {
    return `${this.origin}${t}?token=${encodeURIComponent(this.token)}`;
  }
  open() {
    this.handlers?.state("connecting");
    const t = new WebSocket(this.url("/ws/viewer").replace(/^http/, "ws"));
    this.socket = t, t.onopen = () => {
      this.retryMs = 500, this.handlers?.state("open");
    }, t.onmessage = (e) => this.receive(e.data), t.onclose = () => this.closed(t);
  }
  receive(t) {
    let e;
    try {
      e = JSON.parse(t);
    } catch {
      return;
    }
    this.handlers?.message(e);
  }
  closed(t) {
    t === this.socket && (this.socket = null, this.handlers?.state("closed"), !this.stopped && (this.timer = window.setTimeout(() => this.open(), this.retryMs), this.retryMs = Math.min(this.retryMs * 2, 5e3)));
  }
}
const f = {
  edge: "rgba(125, 211, 252, 0.30)",
  pulseDown: "#22d3ee",
  text: "#d7e3ee",
  dim: "#7b8b9c",
  args: "#93a9bd",
  ret: "#86efac",
  error: "#fca5a5",
  header: "#5eead4",
  focusZone: "rgba(34, 211, 238, 0.045)",
  focusRing: "#f0f9ff",
  link: "rgba(196, 181, 253, 0.45)",
  hit: "#fbbf24",
  hitDim: "rgba(251, 191, 36, 0.55)"
}, F = {
  processing: "#facc15",
  success: "#4ade80",
  exception: "#f87171",
  info: "#c4b5fd",
  unfinished: "#94a3b8"
}, S = {
  fill: "rgba(167, 139, 250, 0.35)",
  stroke: "#a78bfa",
  text: "#c4b5fd",
  args: "#a5a0c8",
  dash: [3, 3],
  placeholderAlpha: 0.45
}, Z = { success: "#4ade80", exception: "#f87171" }, C = '"JetBrains Mono", "Fira Code", "DejaVu Sans Mono", Menlo, Consolas, monospace', u = {
  pad: 16,
  // left margin of the first lane
  columnWidth: 400,
  // one lane at least; labels are clipped to it
  maxColumnWidth: 1400,
  // one lane at most, however wide the stage
  laneGap: 28,
  headerHeight: 34,
  // lane names, drawn pinned to the top
  rowHeight: 60,
  // args line above, node, return line below
  indent: 16,
  // per depth level…
  maxIndentDepth: 10,
  // …up to this depth, so deep recursion stays in the column
  radius: 7,
  textGap: 14,
  // from the node centre to its labels
  nodeInset: 28,
  // from a column's left edge to a root's centre (room for the fold chevron)
  chevronOffset: 16,
  // from the node centre back to its fold chevron
  bottomSpace: 120
}, y = {
  pulseMs: 420,
  // a pulse travelling between a node and its parent
  flashMs: 700,
  // the green/red flash when a call ends
  maxPulses: 160,
  // animations beyond this are dropped (decoration, never state)
  followEase: 0.18,
  // share of the remaining distance scrolled per frame when following
  focusMinNodes: 5
  // the view starts following once this many nodes exist
}, yt = 12, St = 120;
class kt {
  pulses = [];
  flashes = /* @__PURE__ */ new Map();
  /** Start the animations of one applied message. */
  add(t, e, s) {
    t.reset && this.clear(), t.pulses.forEach((i, o) => this.addPulse(i, s + Math.min(o * yt, St))), this.flashEnds(t, e, s), this.pulses.length > y.maxPulses && this.pulses.splice(0, this.pulses.length - y.maxPulses);
  }
  /** Drop finished animations; returns whether anything is still moving. */
  prune(t) {
    this.pulses = this.pulses.filter((e) => t - e.start < y.pulseMs);
    for (const [e, s] of this.flashes)
      t - s.start > y.flashMs && this.flashes.delete(e);
    return this.pulses.length > 0 || this.flashes.size > 0;
  }
  clear() {
    this.pulses = [], this.flashes.clear();
  }
  addPulse(t, e) {
    this.pulses.push({ dir: t.dir, node: t.node, parent: t.parent, outcome: t.outcome, start: e }), t.dir === "down" ? this.flashes.set(t.node, { color: "call", start: e + y.pulseMs * 0.8 }) : t.outcome !== null && this.flashes.set(t.node, { color: t.outcome, start: e });
  }
  // A call that ended without its pulse (the hub keeps only the newest ones) still flashes.
  flashEnds(t, e, s) {
    for (const [i, o] of t.before) {
      const r = e.node(i)?.state, l = r === "success" || r === "exception";
      o.state === "processing" && l && !this.flashes.has(i) && this.flashes.set(i, { color: r, start: s });
    }
  }
}
function h(n, t, e = "") {
  const s = document.createElement(n);
  return s.className = t, e !== "" && (s.textContent = e), s;
}
function m(n, t, e) {
  const s = h("button", t, n);
  return s.type = "button", s.addEventListener("click", e), s;
}
function p(n) {
  const t = Math.trunc(n);
  if (t < 1e3) return `${t}ns`;
  const e = [
    ["us", 1e3],
    ["ms", 1e6],
    ["s", 1e9]
  ];
  for (const [s, i] of e)
    for (const o of [2, 1, 0]) {
      const r = Math.floor((t * 10 ** o * 2 + i) / (2 * i));
      if (r < 1e3 || s === "s" && o === 0) return Mt(r, o) + s;
    }
  return `${t}ns`;
}
function Mt(n, t) {
  if (t === 0) return String(n);
  const e = String(n % 10 ** t).padStart(t, "0");
  return `${Math.floor(n / 10 ** t)}.${e}`;
}
function w(n) {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
function G(n) {
  return n.value === "" ? n.type ? `${n.name}: ${n.type}` : n.name : n.type ? `${n.name}: ${n.type}=${n.value}` : `${n.name}=${n.value}`;
}
function j(n) {
  return n.kind === "call" || n.sample !== null ? gt(n.sample) : "";
}
function gt(n) {
  return n === null || n.args === null ? "…" : n.args.map(G).join(", ");
}
function wt(n) {
  const t = n.sample === null ? "" : At(n.sample), e = n.failure;
  if (e === null) return t;
  const i = `✖ another call ${e.args !== null && e.args.length > 0 ? `(${gt(e)}) ` : ""}raised ${W(e)}`;
  return t === "" ? i : `${t} · ${i}`;
}
function At(n) {
  return n.state === "raised" ? `✖ ${W(n)}` : n.state === "returned" && n.ret !== null ? `→ ${q(n.ret)}` : "";
}
function q(n) {
  return n.value === "" ? n.type : n.type ? `${n.type}=${n.value}` : n.value;
}
function W(n) {
  if (n.error === null) return "";
  const { type: t, message: e } = n.error;
  return e ? `${t}: ${e}` : t;
}
function K(n) {
  return n.sample?.state === "raised" ? n.sample : n.failure;
}
function D(n) {
  const t = K(n);
  return t === null || t.error === null ? "" : `✖ ${W(t)}`;
}
function A(n) {
  return n.calls > 1 ? `${n.function} ×${w(n.calls)}` : n.function;
}
function $t(n) {
  const t = n.dur;
  if (t === null) return n.active > 0 ? "running" : "";
  if (n.calls === 1 || t.min === t.max) return p(t.median);
  const [e, s, i] = [t.min, t.median, t.max].map(p);
  return `min ${e} · median ${s} · max ${i}`;
}
function vt(n) {
  const t = n.sample?.duration;
  return t != null ? p(t) : n.dur !== null ? p(n.dur.median) : n.state === "processing" ? "running" : "no duration";
}
function Lt(n) {
  const t = K(n)?.error, e = n.state === "exception" && t ? `exception ${t.type}` : n.state;
  return `${A(n)}, ${e}, ${vt(n)}`;
}
function M(n) {
  return n.line > 0 ? `${n.file}:${n.line}` : n.file;
}
function Tt(n) {
  return new Date(n * 1e3).toLocaleTimeString("en-GB", { hour12: !1 });
}
function J(n) {
  const t = [Tt(n.started_at)];
  return n.state === "live" ? (t.push("running"), t.join(" · ")) : (t.push(`${w(n.calls)} calls`), n.exceptions > 0 && t.push(`${w(n.exceptions)} exc`), n.exit_code !== null && n.exit_code !== 0 && t.push(`exit ${n.exit_code}`), t.join(" · "));
}
const V = "ghost";
function U(n) {
  return n?.kind === V;
}
function O(n) {
  return n.kind === "unreached";
}
function X(n) {
  return n.reason ?? "";
}
class Ct {
  constructor(t, e) {
    this.connection = t, this.actions = e, this.element = h("section", "df-details"), this.element.setAttribute("aria-label", "Details");
    const s = h("h2", "df-panel-title", "Details");
    this.body = h("div", "df-details-body"), this.status = h("div", "df-details-status"), this.status.setAttribute("role", "status"), this.element.append(s, this.body, this.status), this.clear();
  }
  connection;
  actions;
  element;
  body;
  status;
  shown = null;
  shownStats = null;
  /** Show a node (null: nothing selected). Re-renders only when the node changed. */
  show(t, e) {
    const s = e === null ? void 0 : t.node(e);
    if (s === void 0) {
      this.shown !== null && this.clear();
      return;
    }
    const i = t.functionOf(s) ?? null;
    s === this.shown && i === this.shownStats || (s.id !== this.shown?.id && (this.status.textContent = ""), this.shown = s, this.shownStats = i, this.element.dataset.node = String(s.id), this.body.replaceChildren(...this.render(t, s)));
  }
  clear() {
    this.shown = null, this.shownStats = null, delete this.element.dataset.node, this.body.replaceChildren(h("p", "df-details-empty", "Select a node (click it, or move in the spine with the keyboard) to see its values and statistics here."));
  }
  render(t, e) {
    const s = [h("div", "df-details-name", A(e))], i = h("div", "df-details-where"), o = h("span", "df-details-ref", e.kind === "mark" ? "manual pulse" : M(e));
    i.append(h("span", "df-details-module", e.module), o), s.push(i);
    const r = h("div", "df-details-actions");
    return e.file !== "" && e.kind !== "mark" && r.append(m("Open in editor", "df-open-editor", () => {
      this.open(e);
    })), r.append(m("Focus", "df-details-focus", () => this.actions.focus(e.id))), t.children.has(e.id) && r.append(m("Fold / unfold", "df-details-fold", () => this.actions.fold(e.id))), s.push(r), O(e) ? (s.push(L("Not reached", [x(X(e), "df-details-reason")])), s) : (s.push(...Et(e)), s.push(L("Statistics", [Ft(t, e)])), s);
  }
  async open(t) {
    this.status.textContent = `Opening ${M(t)}…`;
    const e = await this.connection.openSource(t.file, t.line);
    this.status.textContent = e.ok ? `Opened ${M(t)} in your editor.` : e.error ?? "The editor could not be started.";
  }
}
function Et(n) {
  const t = [], e = n.sample, s = n.calls > 1 ? "Latest call kept" : "Call";
  return e === null ? n.kind === "call" && t.push(L(s, [x("values not kept (past the detail budget)", "df-details-dim")])) : t.push(L(s, Q(e))), n.failure !== null && t.push(L("Another call raised", Q(n.failure))), t;
}
function Q(n) {
  const t = [];
  if (n.args === null) t.push(x("arguments not kept", "df-details-dim"));
  else if (n.args.length === 0) t.push(x("no arguments", "df-details-dim"));
  else for (const e of n.args) t.push(x(G(e), "df-details-arg"));
  return n.state === "raised" ? t.push(x(Rt(n), "df-details-error")) : n.state === "returned" && n.ret !== null ? t.push(x(`→ ${q(n.ret)}`, "df-details-return")) : n.state === "running" && t.push(x("running…", "df-details-dim")), n.duration !== null && t.push(x(`took ${p(n.duration)}`, "df-details-dim")), t;
}
function Rt(n) {
  if (n.error === null) return "✖ raised";
  const t = n.error.line === null ? "" : ` (line ${n.error.line})`;
  return `✖ ${n.error.message ? `${n.error.type}: ${n.error.message}` : n.error.type}${t}`;
}
function Ft(n, t) {
  const e = h("dl", "df-details-stats"), s = (o, r, l) => {
    const a = h("dt", "", o), d = h("dd", "", r);
    d.dataset.stat = l, e.append(a, d);
  };
  s("calls", w(t.calls), "calls"), s("exceptions", t.exceptions > 0 ? `${w(t.exceptions)} · ${D(t)}` : "0", "exceptions"), t.active > 0 && s("running", w(t.active), "running"), t.dur !== null && (s("min / median / max", [t.dur.min, t.dur.median, t.dur.max].map(p).join(" / "), "minmax"), s("total time", p(t.dur.total), "total"), s("own time", p(t.dur.own), "own"));
  const i = n.functionOf(t);
  return i !== void 0 && (s("all calls of the function", `${w(i.calls)} (${w(i.exceptions)} raised)`, "fn-calls"), s("function total / own", `${p(i.total_ns)} / ${p(i.own_ns)}`, "fn-time"), s("function min / median / max", [i.min_ns, i.median_ns, i.max_ns].map(p).join(" / "), "fn-minmax")), e;
}
function L(n, t) {
  const e = h("div", "df-details-section");
  return e.append(h("h3", "df-details-heading", n), ...t), e;
}
function x(n, t) {
  return h("div", `df-details-value ${t}`, n);
}
const tt = "/ or Ctrl+F search · Enter / Shift+Enter next / previous hit · E next exception · S slowest · M most called · F focus the selected node · Esc leave focus · ←/→ fold in the spine · O overview";
class Ot {
  constructor(t) {
    this.actions = t, this.element = h("div", "df-explore"), this.element.setAttribute("role", "toolbar"), this.element.setAttribute("aria-label", "Find and fold");
    const e = h("form", "df-search");
    e.setAttribute("role", "search"), this.input = h("input", "df-search-input"), this.input.type = "search", this.input.placeholder = "Search function, module, file  (/regex/)", this.input.setAttribute("aria-label", "Search nodes by function, module or file name"), this.input.setAttribute("aria-keyshortcuts", "/ Control+F"), this.input.addEventListener("input", () => this.changed()), this.input.addEventListener("keydown", (l) => this.onKey(l)), e.addEventListener("submit", (l) => l.preventDefault()), this.regex = m(".*", "df-regex", () => {
      this.regex.setAttribute("aria-pressed", String(this.regex.getAttribute("aria-pressed") !== "true")), this.changed();
    }), this.regex.setAttribute("aria-pressed", "false"), this.regex.setAttribute("aria-label", "Regular expression"), this.regex.title = "Read the search as a regular expression", this.count = h("span", "df-search-count"), this.count.setAttribute("role", "status");
    const s = m("↑", "df-search-prev", () => t.step(!0));
    s.setAttribute("aria-label", "Previous match"), s.title = "Previous match (Shift+Enter)";
    const i = m("↓", "df-search-next", () => t.step(!1));
    i.setAttribute("aria-label", "Next match"), i.title = "Next match (Enter)", e.append(this.input, this.regex, this.count, s, i);
    const o = m("Next exception", "df-next-exception", () => t.nextException(!1));
    o.setAttribute("aria-keyshortcuts", "E"), o.title = "Next exception (E, Shift+E: previous)", this.slowest = m("Slowest", "df-slowest", () => t.openList("slowest")), this.slowest.setAttribute("aria-keyshortcuts", "S"), this.slowest.setAttribute("aria-haspopup", "dialog"), this.slowest.title = "Slowest functions by own and by total time (S)", this.called = m("Most called", "df-most-called", () => t.openList("called")), this.called.setAttribute("aria-keyshortcuts", "M"), this.called.setAttribute("aria-haspopup", "dialog"), this.called.title = "Most called functions (M)", this.depth = h("select", "df-fold-depth"), this.depth.setAttribute("aria-label", "Fold all below depth"), this.depth.append(new Option("fold: none", ""));
    for (const l of [1, 2, 3, 4, 6, 8]) this.depth.append(new Option(`fold below depth ${l}`, String(l)));
    this.depth.addEventListener("change", () => t.foldBelow(this.depth.value === "" ? null : Number(this.depth.value))), this.crumbs = h("nav", "df-crumbs"), this.crumbs.setAttribute("aria-label", "Focus"), this.crumbs.hidden = !0;
    const r = h("span", "df-help", "?");
    r.title = tt, r.setAttribute("aria-label", `Keyboard shortcuts: ${tt}`), r.tabIndex = 0, this.element.append(e, o, this.slowest, this.called, this.depth, r, this.crumbs);
  }
  actions;
  element;
  input;
  regex;
  count;
  crumbs;
  depth;
  slowest;
  called;
  /** Show how many nodes match and which one is current ("3 of 17"), or why the query fails. */
  setCount(t, e, s, i) {
    const o = s !== null ? "invalid regex" : i ? "" : e === 0 ? "no match" : t > 0 ? `${t} of ${e}` : `${e} found`;
    this.count.textContent !== o && (this.count.textContent = o), this.count.title = s ?? "", this.input.setAttribute("aria-invalid", String(s !== null));
  }
  /** Show the focus breadcrumb: "All › main › work" (empty: no focus). */
  setCrumbs(t) {
    if (this.crumbs.hidden = t.length === 0, t.length === 0) {
      this.crumbs.replaceChildren();
      return;
    }
    const e = [m("All", "df-crumb", () => this.actions.crumb(null))];
    t.forEach((s, i) => {
      e.push(h("span", "df-crumb-sep", "›"));
      const o = i === t.length - 1, r = m(s.label, "df-crumb", () => this.actions.crumb(s.id));
      o && r.setAttribute("aria-current", "location"), e.push(r);
    }), this.crumbs.replaceChildren(...e);
  }
  /** Reflect a fold depth chosen elsewhere (null: none). */
  setFoldDepth(t) {
    this.depth.value = t === null ? "" : String(t);
  }
  changed() {
    this.actions.search(this.input.value, this.regex.getAttribute("aria-pressed") === "true");
  }
  onKey(t) {
    t.key === "Enter" ? (t.preventDefault(), this.actions.step(t.shiftKey)) : t.key === "Escape" && (t.preventDefault(), t.stopPropagation(), this.input.value === "" ? this.input.blur() : (this.input.value = "", this.changed()));
  }
}
const et = { slowest: ["own", "total"], called: ["calls"] }, It = { own: "by own time", total: "by total time", calls: "by calls" };
class _t {
  constructor(t) {
    this.actions = t, this.element = h("div", "df-jumplist"), this.element.setAttribute("role", "dialog"), this.element.hidden = !0, this.tabs = h("div", "df-jumplist-tabs"), this.list = h("ol", "df-jumplist-items");
    const e = m("✕", "df-jumplist-close", () => this.close());
    e.setAttribute("aria-label", "Close"), this.element.append(this.tabs, e, this.list), this.element.addEventListener("keydown", (s) => this.onKey(s));
  }
  actions;
  element;
  tabs;
  list;
  kind = "slowest";
  by = "own";
  get open() {
    return !this.element.hidden;
  }
  /** Open (or switch to) a list, and put the keyboard on its first entry. */
  show(t) {
    this.kind = t, this.by = et[t][0], this.element.setAttribute("aria-label", t === "slowest" ? "Slowest functions" : "Most called functions"), this.element.hidden = !1, this.render(), this.list.querySelector("button")?.focus();
  }
  close() {
    this.element.hidden || (this.element.hidden = !0, this.actions.closed());
  }
  /** Refresh the entries while open (the run grew, or its exact statistics arrived). */
  refresh() {
    this.open && this.render(!1);
  }
  render(t = !0) {
    t && this.tabs.replaceChildren(
      ...et[this.kind].map((s) => {
        const i = m(It[s], "df-jumplist-tab", () => {
          this.by = s, this.render();
        });
        return i.setAttribute("aria-pressed", String(s === this.by)), i;
      })
    );
    const e = this.actions.rank(this.by);
    if (e.length === 0) {
      this.list.replaceChildren(h("li", "df-jumplist-empty", "No finished calls yet."));
      return;
    }
    this.list.replaceChildren(...e.map((s) => this.item(s)));
  }
  item(t) {
    const e = h("li", "df-jumplist-item"), s = this.by === "calls" ? `×${w(t.value)}` : p(t.value), i = m("", "df-jumplist-pick", () => {
      this.actions.jump(t.node);
    });
    return i.dataset.node = String(t.node), i.dataset.function = t.function, i.append(h("span", "df-jumplist-figure", s), h("span", "df-jumplist-name", t.function), h("span", "df-jumplist-meta", `${t.module} · ${w(t.calls)} calls${t.nodes > 1 ? ` · ${t.nodes} nodes` : ""}`)), i.setAttribute("aria-label", `${t.function}, ${s}${t.exact ? "" : " (so far)"}, ${w(t.calls)} calls`), e.append(i), e;
  }
  onKey(t) {
    const e = [...this.list.querySelectorAll("button")], s = e.indexOf(document.activeElement);
    if (t.key === "Escape") this.close();
    else if (t.key === "ArrowDown") e[Math.min(e.length - 1, s + 1)]?.focus();
    else if (t.key === "ArrowUp") e[Math.max(0, s - 1)]?.focus();
    else return;
    t.preventDefault(), t.stopPropagation();
  }
}
const v = {
  laneLabel: 14,
  // height of a band's title
  laneGap: 6,
  maxRow: 14,
  minRow: 2,
  squeezed: 8
  // pixels given to each squeezed stretch of time
};
class Ht {
  width = 0;
  height = 0;
  /** The time at the right edge, ns since the run started. */
  end = 1;
  rowHeight = v.maxRow;
  bands = [];
  /** Rectangles of every laid out node, in model id order. */
  boxes = [];
  boxOf = /* @__PURE__ */ new Map();
  bandOf = /* @__PURE__ */ new Map();
  // Nodes of each (lane, depth) row by start time, for hit testing and neighbours.
  rows = /* @__PURE__ */ new Map();
  model = null;
  /** Squeezed stretches, in time order, not overlapping. */
  squeezes = [];
  scale = 1;
  // pixels per nanosecond outside the squeezed stretches
  /**
   * Lay out every node of `model` in a `width`×`height` box; `now` ends running nodes, and the
   * time of nodes for which `squeeze` holds is drawn a few pixels wide.
   */
  build(t, e, s, i, o = () => !1) {
    this.model = t, this.width = Math.max(1, e), this.height = Math.max(1, s), this.rows.clear(), this.boxOf.clear(), this.bandOf.clear(), this.boxes = [];
    const r = /* @__PURE__ */ new Map();
    let l = Math.max(1, i);
    for (const a of t.nodes) {
      if (a === void 0) continue;
      r.set(a.lane, Math.max(r.get(a.lane) ?? 0, a.depth)), l = Math.max(l, a.last_t);
      const d = R(a.lane, a.depth), c = this.rows.get(d);
      c === void 0 ? this.rows.set(d, [a]) : c.push(a);
    }
    this.end = l, this.squeezeTime(t, o), this.layBands(t, r);
    for (const a of this.rows.values()) a.sort((d, c) => d.first_t - c.first_t || d.id - c.id);
    for (const a of t.nodes) {
      const d = a === void 0 ? void 0 : this.bandOf.get(a.lane);
      if (a === void 0 || d === void 0 || a.depth >= d.depths) continue;
      const [c, g] = E(a, l), $ = this.xOf(c), k = {
        id: a.id,
        x: $,
        y: d.top + v.laneLabel + a.depth * this.rowHeight,
        w: Math.max(1, this.xOf(g) - $),
        h: this.rowHeight
      };
      this.boxes.push(k), this.boxOf.set(a.id, k);
    }
  }
  /** A node's rectangle (undefined: not laid out, or too deep for its band). */
  box(t) {
    return this.boxOf.get(t);
  }
  xOf(t) {
    let e = 0, s = 0;
    for (const { start: i, stop: o } of this.squeezes) {
      if (t < i) break;
      if (e += (i - s) * this.scale, t < o) return e + v.squeezed * (t - i) / (o - i);
      e += v.squeezed, s = o;
    }
    return e + (t - s) * this.scale;
  }
  timeOf(t) {
    const e = Math.max(0, Math.min(t, this.width));
    let s = 0, i = 0;
    for (const { start: o, stop: r } of this.squeezes) {
      const l = (o - i) * this.scale;
      if (e < s + l) break;
      if (s += l, e < s + v.squeezed) return o + (e - s) / v.squeezed * (r - o);
      s += v.squeezed, i = r;
    }
    return Math.min(this.end, i + (e - s) / this.scale);
  }
  // The squeezed stretches (merged where they overlap) and the scale of the rest.
  squeezeTime(t, e) {
    const s = [];
    let i = this.end;
    for (const d of t.nodes) d !== void 0 && (i = Math.min(i, d.first_t));
    i > 0 && i < this.end && s.push({ start: 0, stop: i });
    for (const d of t.nodes) {
      if (d === void 0 || !e(d)) continue;
      const [c, g] = E(d, this.end);
      g > c && s.push({ start: c, stop: g });
    }
    s.sort((d, c) => d.start - c.start);
    const o = [];
    for (const d of s) {
      const c = o[o.length - 1];
      c !== void 0 && d.start <= c.stop ? c.stop = Math.max(c.stop, d.stop) : o.push({ ...d });
    }
    const r = o.reduce((d, c) => d + (c.stop - c.start), 0), l = this.end - r, a = this.width - v.squeezed * o.length;
    if (o.length === 0 || l <= 0 || a < this.width / 2) {
      this.squeezes = [], this.scale = this.width / this.end;
      return;
    }
    this.squeezes = o, this.scale = a / l;
  }
  /** The band under a y coordinate. */
  bandAt(t) {
    return this.bands.find((e) => t >= e.top && t < e.top + e.height);
  }
  /** The node drawn under a point, if any. */
  hit(t, e) {
    const s = this.bandAt(e);
    if (s === void 0) return;
    const i = Math.floor((e - s.top - v.laneLabel) / this.rowHeight);
    if (i < 0 || i >= s.depths) return;
    let o;
    for (const r of this.rows.get(R(s.lane, i)) ?? []) {
      const l = this.boxOf.get(r.id);
      if (l !== void 0) {
        if (l.x > t + 1) break;
        if (t >= l.x && t <= l.x + l.w) return r.id;
        o === void 0 && t >= l.x - 1 && t <= l.x + l.w + 1 && (o = r.id);
      }
    }
    return o;
  }
  /**
   * The nodes a brush from x0 to x1 (in the band under y) takes in: those that start inside
   * the range, shallowest first, then by start. When none starts inside, the deepest node
   * running across the range's start. The first one is where the spine goes.
   */
  brush(t, e, s) {
    const i = this.bandAt(s) ?? this.bands[0];
    if (i === void 0) return [];
    const o = this.timeOf(Math.min(t, e)), r = this.timeOf(Math.max(t, e)), l = [];
    let a;
    for (let d = 0; d < i.depths; d++)
      for (const c of this.rows.get(R(i.lane, d)) ?? []) {
        if (c.first_t > r) break;
        c.first_t >= o ? l.push(c) : E(c, this.end)[1] >= o && (a = c);
      }
    return l.sort((d, c) => d.depth - c.depth || d.first_t - c.first_t || d.id - c.id), l.length > 0 ? l.map((d) => d.id) : a === void 0 ? [] : [a.id];
  }
  /** The time range covered by some nodes (the spine's visible rows), or null. */
  spanOf(t) {
    const e = this.model;
    if (e === null) return null;
    let s = 1 / 0, i = -1 / 0;
    for (const o of t) {
      const r = e.node(o);
      if (r === void 0) continue;
      const [l, a] = E(r, this.end);
      s = Math.min(s, l), i = Math.max(i, a);
    }
    return s <= i ? [s, i] : null;
  }
  /** The node next to `id` on the overview: its parent (up), first child (down), or the one
   * before or after it at the same depth of its lane (left, right). */
  neighbour(t, e) {
    const s = this.model, i = s?.node(t);
    if (s === null || i === void 0) return;
    if (e === "up") return i.parent ?? void 0;
    if (e === "down")
      return (s.children.get(t) ?? []).find((a) => this.boxOf.has(a));
    const o = this.rows.get(R(i.lane, i.depth)) ?? [], r = o.indexOf(i);
    return o[e === "left" ? r - 1 : r + 1]?.id;
  }
  // Bands share the height by their number of depths; the row height is the same in all.
  layBands(t, e) {
    const s = [...e.keys()].sort((c, g) => c - g), i = s.length * (v.laneLabel + v.laneGap), o = s.reduce((c, g) => c + (e.get(g) ?? 0) + 1, 0), r = Math.max(0, this.height - i), l = o > 0 ? Math.floor(r / o) : v.maxRow;
    this.rowHeight = Math.max(v.minRow, Math.min(v.maxRow, l));
    const a = Math.floor(r / Math.max(1, s.length) / this.rowHeight);
    let d = 0;
    this.bands = s.map((c) => {
      const g = (e.get(c) ?? 0) + 1, $ = l >= v.minRow ? g : Math.max(1, Math.min(g, a)), k = {
        lane: c,
        name: t.lanes[c]?.name ?? `lane ${c}`,
        top: d,
        height: v.laneLabel + $ * this.rowHeight,
        depths: $
      };
      return d += k.height + v.laneGap, this.bandOf.set(c, k), k;
    });
  }
}
function E(n, t) {
  const e = n.active > 0 || n.state === "processing" ? t : n.last_t;
  return [n.first_t, Math.max(n.first_t, e)];
}
function R(n, t) {
  return `${n}:${t}`;
}
const Nt = 500, st = 4;
class Dt {
  constructor(t) {
    this.actions = t, this.element = h("section", "df-overview"), this.element.setAttribute("aria-label", "Run overview"), this.canvas = h("canvas", "df-overview-canvas"), this.canvas.tabIndex = 0, this.canvas.setAttribute("role", "img"), this.canvas.setAttribute("aria-label", "Run overview"), this.canvas.setAttribute("aria-roledescription", "run overview"), this.canvas.setAttribute("aria-keyshortcuts", "O"), this.described = h("span", "df-overview-cursor"), this.described.id = "df-overview-cursor", this.described.setAttribute("aria-live", "polite"), this.canvas.setAttribute("aria-describedby", this.described.id), this.canvas.title = "Time across, depth down. Click or drag to move the spine there; arrows and Enter from the keyboard.", this.picture = document.createElement("canvas");
    const e = this.canvas.getContext("2d");
    if (e === null) throw new Error("this browser cannot draw on a canvas");
    this.ctx = e, this.element.append(h("h2", "df-panel-title", "Overview"), this.canvas, this.described), this.listen(), new ResizeObserver(() => this.resize()).observe(this.canvas);
  }
  actions;
  element;
  canvas;
  layout = new Ht();
  described;
  picture;
  ctx;
  builtVersion = -1;
  builtAt = -1 / 0;
  builtSlow = /* @__PURE__ */ new Set();
  size = { width: 0, height: 0 };
  dpr = 1;
  brushFrom = null;
  brushTo = null;
  cursor = null;
  model = null;
  dirty = !0;
  /** A new run: forget the picture and the cursor. */
  reset() {
    this.builtVersion = -1, this.cursor = null, this.brushFrom = this.brushTo = null, this.described.textContent = "", this.dirty = !0;
  }
  /** Draw one frame; rebuilds the boxes when the run changed (throttled while it is live).
   * `squeeze`: nodes whose time is drawn a few pixels wide (folded imports). */
  draw(t, e, s, i) {
    this.model = t;
    const { width: o, height: r } = this.size;
    if (o <= 0 || r <= 0) return;
    const l = t.version !== this.builtVersion || e.slow !== this.builtSlow || this.dirty, a = t.status?.state === "live";
    if (l && (s - this.builtAt >= Nt || this.builtVersion < 0 || !a || this.dirty)) {
      const c = t.status?.elapsed_ns ?? 0;
      this.layout.build(t, o, r, c, i), this.paintBoxes(t, e.slow), this.builtVersion = t.version, this.builtSlow = e.slow, this.builtAt = s, this.dirty = !1;
    }
    const { ctx: d } = this;
    d.setTransform(1, 0, 0, 1, 0, 0), d.clearRect(0, 0, this.canvas.width, this.canvas.height), d.drawImage(this.picture, 0, 0), d.setTransform(this.dpr, 0, 0, this.dpr, 0, 0), this.drawMarks(e);
  }
  /** Give the overview the keyboard (the O shortcut). */
  focus() {
    this.canvas.focus();
  }
  resize() {
    const t = this.canvas.getBoundingClientRect();
    this.dpr = window.devicePixelRatio || 1, this.size = { width: Math.floor(t.width), height: Math.floor(t.height) };
    for (const e of [this.canvas, this.picture])
      e.width = Math.max(1, Math.round(this.size.width * this.dpr)), e.height = Math.max(1, Math.round(this.size.height * this.dpr));
    this.dirty = !0;
  }
  // The boxes, once per rebuild: depth-tinted cyan, red where calls raised, amber outlines on
  // the slowest functions' nodes, lane names on top of their bands.
  paintBoxes(t, e) {
    const s = this.picture.getContext("2d");
    if (s === null) return;
    s.setTransform(this.dpr, 0, 0, this.dpr, 0, 0), s.clearRect(0, 0, this.size.width, this.size.height);
    const i = this.layout.rowHeight >= 6 ? 1 : 0;
    for (const o of this.layout.boxes) {
      const r = t.node(o.id);
      r !== void 0 && (s.fillStyle = r.state === "exception" ? F.exception : r.state === "processing" ? F.processing : Bt(r.depth), s.fillRect(o.x, o.y, Math.max(1, o.w - i), o.h - i));
    }
    s.strokeStyle = f.hit, s.lineWidth = 1.5;
    for (const o of e) {
      const r = this.layout.box(o);
      r !== void 0 && s.strokeRect(r.x + 0.75, r.y + 0.75, Math.max(2, r.w - 1.5), r.h - 1.5);
    }
    s.fillStyle = "rgba(196, 181, 253, 0.16)";
    for (const { start: o, stop: r } of this.layout.squeezes) {
      const l = this.layout.xOf(o);
      s.fillRect(l, 0, Math.max(1, this.layout.xOf(r) - l), this.size.height);
    }
    s.font = `600 10px ${C}`, s.textBaseline = "top", s.fillStyle = f.header;
    for (const o of this.layout.bands) s.fillText(`▍${o.name}`.toUpperCase(), 2, o.top + 1);
  }
  drawMarks(t) {
    const { ctx: e, layout: s } = this, i = this.size.height;
    if (t.visible !== null) {
      const o = s.xOf(t.visible[0]), r = Math.max(o + 2, s.xOf(t.visible[1]));
      e.fillStyle = "rgba(240, 249, 255, 0.10)", e.fillRect(o, 0, r - o, i), e.strokeStyle = "rgba(240, 249, 255, 0.65)", e.lineWidth = 1, e.strokeRect(o + 0.5, 0.5, r - o - 1, i - 1);
    }
    e.fillStyle = f.hit;
    for (const o of t.hits) {
      const r = s.box(o);
      r !== void 0 && e.fillRect(r.x, r.y + r.h - 3, Math.max(2, r.w), 3);
    }
    for (const [o, r] of [
      [t.selected, f.focusRing],
      [this.cursor, f.pulseDown]
    ]) {
      const l = o === null ? void 0 : s.box(o);
      l !== void 0 && (e.strokeStyle = r, e.lineWidth = 2, e.strokeRect(l.x - 1, l.y - 1, Math.max(3, l.w + 2), l.h + 2));
    }
    if (this.brushFrom !== null && this.brushTo !== null) {
      const o = Math.min(this.brushFrom.x, this.brushTo.x), r = Math.abs(this.brushTo.x - this.brushFrom.x);
      e.fillStyle = "rgba(34, 211, 238, 0.18)", e.fillRect(o, 0, r, i);
    }
    e.fillStyle = f.dim, e.font = `10px ${C}`, e.textBaseline = "bottom", e.fillText(p(s.end), Math.max(0, this.size.width - 60), i - 1);
  }
  listen() {
    const t = (e) => {
      const s = this.canvas.getBoundingClientRect();
      return { x: e.clientX - s.left, y: e.clientY - s.top };
    };
    this.canvas.addEventListener("pointerdown", (e) => {
      this.canvas.setPointerCapture(e.pointerId), this.brushFrom = t(e), this.brushTo = this.brushFrom;
    }), this.canvas.addEventListener("pointermove", (e) => {
      this.brushFrom !== null && (this.brushTo = t(e));
    }), this.canvas.addEventListener("pointerup", (e) => {
      const s = this.brushFrom, i = t(e);
      if (this.brushFrom = this.brushTo = null, s === null) return;
      const o = Math.abs(i.x - s.x) < st, l = (o ? this.layout.hit(i.x, i.y) : void 0) ?? this.layout.brush(s.x, o ? s.x + st : i.x, s.y)[0];
      l !== void 0 && this.jumpTo(l);
    }), this.canvas.addEventListener("pointercancel", () => {
      this.brushFrom = this.brushTo = null;
    }), this.canvas.addEventListener("keydown", (e) => this.onKey(e));
  }
  onKey(t) {
    const s = { ArrowLeft: "left", ArrowRight: "right", ArrowUp: "up", ArrowDown: "down" }[t.key];
    if (s !== void 0) {
      const i = this.cursor ?? this.layout.boxes[0]?.id, o = i === void 0 ? void 0 : this.cursor === null ? i : this.layout.neighbour(i, s);
      o !== void 0 && this.setCursor(o);
    } else if (t.key === "Enter" || t.key === " ")
      this.cursor !== null && this.actions.jump(this.cursor);
    else if (t.key === "Home") {
      const i = this.layout.boxes[0]?.id;
      i !== void 0 && this.setCursor(i);
    } else
      return;
    t.preventDefault(), t.stopPropagation();
  }
  /** Put the keyboard cursor on a node (kept in step with the selection). */
  setCursor(t) {
    this.cursor = t;
    const e = t === null ? void 0 : this.model?.node(t);
    this.described.textContent = e === void 0 ? "" : `${A(e)}, ${e.state}, depth ${e.depth}${e.dur ? `, ${p(e.dur.total)} total` : ""}`;
  }
  get cursorNode() {
    return this.cursor;
  }
  jumpTo(t) {
    this.setCursor(t), this.actions.jump(t);
  }
}
function Bt(n) {
  const t = Math.min(n, 12) / 12, e = 58 - t * 26;
  return `hsl(${188 + t * 30}, 70%, ${e}%)`;
}
function it(n, t, e = 10) {
  const s = /* @__PURE__ */ new Map();
  for (const o of n.nodes) {
    if (o === void 0 || o.kind !== "call") continue;
    let r = s.get(o.fkey);
    r === void 0 && (r = { nodes: [], own: 0, total: 0, calls: 0 }, s.set(o.fkey, r)), r.nodes.push(o), r.own += o.dur?.own ?? 0, r.total += o.dur?.total ?? 0, r.calls += o.calls;
  }
  const i = [];
  for (const [o, r] of s) {
    const l = r.nodes[0], a = n.functions.get(o), d = a === void 0 ? r[t] : t === "own" ? a.own_ns : t === "total" ? a.total_ns : a.calls;
    i.push({
      fkey: o,
      function: l.function,
      module: l.module,
      value: d,
      calls: a?.calls ?? r.calls,
      node: zt(r.nodes, t).id,
      nodes: r.nodes.length,
      exact: a !== void 0
    });
  }
  return i.sort((o, r) => r.value - o.value || o.node - r.node), i.filter((o) => o.value > 0).slice(0, e);
}
function nt(n, t) {
  return t === "calls" ? n.calls : t === "own" ? n.dur?.own ?? 0 : n.dur?.total ?? 0;
}
function zt(n, t) {
  let e = n[0];
  for (const s of n) nt(s, t) > nt(e, t) && (e = s);
  return e;
}
function ot(n) {
  return n.state === "exception" || n.exceptions > 0;
}
function Pt(n, t) {
  if (!ot(t)) return !1;
  const e = rt(t);
  for (const s of n.children.get(t.id) ?? []) {
    const i = n.node(s);
    if (i !== void 0 && ot(i) && (e === null || rt(i) === e)) return !1;
  }
  return !0;
}
function rt(n) {
  const t = n.sample?.state === "raised" ? n.sample : n.failure;
  return t?.error == null ? null : `${t.error.type}: ${t.error.message}`;
}
function Gt(n, t, e, s = !1) {
  const i = t.length;
  if (i === 0) return null;
  const o = e === null ? -1 : t.indexOf(e);
  for (let r = 1; r <= i; r++) {
    const l = s ? (((o < 0 ? 0 : o) - r) % i + i) % i : (o + r) % i, a = n.node(t[l]);
    if (a !== void 0 && Pt(n, a)) return a.id;
  }
  return null;
}
const jt = /^\/(.+)\/([a-z]*)$/s;
function qt(n, t = !1) {
  const e = n.trim();
  if (e === "") return { ok: !0, match: () => !1, empty: !0 };
  const s = jt.exec(e);
  if (t || s !== null) {
    const o = s?.[1] ?? e, r = s?.[2] ?? "i";
    let l;
    try {
      l = new RegExp(o, r.replace(/[gy]/g, ""));
    } catch (a) {
      return { ok: !1, error: a instanceof Error ? a.message : String(a) };
    }
    return { ok: !0, match: (a) => lt(a).some((d) => l.test(d)), empty: !1 };
  }
  const i = e.toLowerCase();
  return { ok: !0, match: (o) => lt(o).some((r) => r.toLowerCase().includes(i)), empty: !1 };
}
function lt(n) {
  return [n.function, n.module, n.file];
}
function Wt(n) {
  const t = [];
  for (const i of n.nodes) i !== void 0 && i.parent === null && t.push(i);
  t.sort((i, o) => i.lane - o.lane || i.id - o.id);
  const e = [], s = t.map((i) => i.id).reverse();
  for (; s.length > 0; ) {
    const i = s.pop();
    e.push(i);
    const o = n.children.get(i);
    if (o !== void 0) for (let r = o.length - 1; r >= 0; r--) s.push(o[r]);
  }
  return e;
}
function Kt(n, t, e) {
  const s = [];
  for (const i of t) {
    const o = n.node(i);
    o !== void 0 && e(o) && s.push(i);
  }
  return s;
}
class Vt {
  hits = [];
  index = -1;
  /** Replace the hits, keeping the current node when it is still among them. */
  setHits(t) {
    const e = this.current;
    this.hits = t, this.index = e === null ? -1 : t.indexOf(e);
  }
  /** The node of the current hit, or null before the first step. */
  get current() {
    return this.index < 0 ? null : this.hits[this.index] ?? null;
  }
  /** 1-based position of the current hit (0: none yet). */
  get position() {
    return this.index + 1;
  }
  /** Go to the next hit (or the previous one); returns its node, or null when there is none. */
  step(t = !1) {
    const e = this.hits.length;
    return e === 0 ? null : (this.index < 0 ? this.index = t ? e - 1 : 0 : this.index = (this.index + (t ? e - 1 : 1)) % e, this.current);
  }
  /** Go to the first hit after a node in `order` (the selected one), or the first one. */
  stepFrom(t, e, s = !1) {
    if (t === null || this.hits.length === 0) return this.step(s);
    const i = /* @__PURE__ */ new Map();
    e.forEach((a, d) => i.set(a, d));
    const o = i.get(t) ?? -1, r = this.hits.map((a) => i.get(a) ?? -1);
    let l;
    if (s) {
      l = -1;
      for (let a = r.length - 1; a >= 0 && l < 0; a--) r[a] < o && (l = a);
      l < 0 && (l = this.hits.length - 1);
    } else
      l = r.findIndex((a) => a > o), l < 0 && (l = 0);
    return this.index = l, this.current;
  }
  clear() {
    this.hits = [], this.index = -1;
  }
}
const Ut = 250, Xt = 5;
class Yt {
  constructor(t, e) {
    this.host = t, this.bar = new Ot({
      search: (s, i) => this.search(s, i),
      step: (s) => this.step(s),
      nextException: (s) => this.nextException(s),
      openList: (s) => this.openList(s),
      foldBelow: (s) => this.foldBelow(s),
      crumb: (s) => this.setFocus(s)
    }), this.list = new _t({
      rank: (s) => this.rank(s),
      jump: (s) => this.jump(s),
      closed: () => (this.listKind === "slowest" ? this.bar.slowest : this.bar.called).focus()
    }), this.overview = new Dt({ jump: (s) => this.jump(s) }), this.details = new Ct(e, {
      focus: (s) => this.setFocus(s),
      fold: (s) => this.toggleFold(s)
    }), window.addEventListener("keydown", (s) => this.onKey(s));
  }
  host;
  bar;
  list;
  overview;
  details;
  /** The node shown in the details panel. */
  selected = null;
  cursor = new Vt();
  hits = /* @__PURE__ */ new Set();
  matcher = null;
  order = [];
  orderVersion = -1;
  refreshedVersion = -1;
  refreshedAt = -1 / 0;
  slow = /* @__PURE__ */ new Set();
  listKind = "slowest";
  foldsDrawn = -1;
  squeezedKey = "";
  /** A new run: no selection, no hits, nothing folded by hand. */
  reset() {
    this.selected = null, this.cursor.clear(), this.hits = /* @__PURE__ */ new Set(), this.orderVersion = -1, this.refreshedVersion = -1, this.slow = /* @__PURE__ */ new Set(), this.squeezedKey = "", this.host.layout.folds.clear(), this.bar.setFoldDepth(null), this.bar.setCrumbs([]), this.overview.reset(), this.list.close();
  }
  /** Once per HUD frame: follow the run (throttled), draw the overview, fill the details. */
  frame(t, e) {
    t.version !== this.refreshedVersion && e - this.refreshedAt >= Ut ? (this.refreshedVersion = t.version, this.refreshedAt = e, this.matcher !== null && this.runSearch(t), this.slow = new Set(it(t, "own", Xt).map((r) => r.node)), this.list.refresh()) : t.version !== this.refreshedVersion && this.host.schedule();
    const s = this.host.layout.folds;
    if (s.revision !== this.foldsDrawn) {
      this.foldsDrawn = s.revision;
      const l = t.nodes.filter((a) => a?.kind === "imports" && s.isFolded(a)).map((a) => a.id).join(",");
      l !== this.squeezedKey && (this.squeezedKey = l, this.overview.dirty = !0);
    }
    const o = { visible: this.overview.layout.spanOf(this.host.visibleNodes()), hits: this.hits, selected: this.selected, slow: this.slow };
    this.overview.draw(t, o, e, (r) => r.kind === "imports" && s.isFolded(r)), this.details.show(t, this.selected);
  }
  /** Select a node (a click, the keyboard in the spine); null clears. */
  select(t) {
    t !== this.selected && (this.selected = t, this.overview.setCursor(t), this.host.schedule());
  }
  /** Fold or unfold one node. */
  setFold(t, e) {
    const s = this.host.model?.node(t);
    s !== void 0 && (this.host.layout.folds.set(s, e), this.host.relayout());
  }
  toggleFold(t) {
    const e = this.host.model?.node(t);
    e !== void 0 && this.setFold(t, !this.host.layout.folds.isFolded(e));
  }
  /** Show only a node's subtree (null: the whole run), with its breadcrumb. */
  setFocus(t) {
    const e = this.host.model;
    if (e === null) return;
    const s = this.host.layout.folds;
    s.setFocus(t);
    const i = t === null ? void 0 : e.node(t);
    i !== void 0 && s.isFolded(i) && s.set(i, !1), this.bar.setCrumbs(
      s.breadcrumb((o) => e.node(o)).map((o) => ({ id: o, label: e.node(o)?.function ?? String(o) }))
    ), this.host.relayout(), t !== null ? this.host.scrollTo(t) : this.selected !== null && this.reveal(this.selected);
  }
  /** Move the spine to a node: unfold what hides it, leave a focus it is outside of, select it. */
  jump(t) {
    this.select(t), this.reveal(t), this.host.markSelected(t);
  }
  reveal(t) {
    const e = this.host.model, s = e?.node(t);
    if (e === null || s === void 0) return;
    const i = this.host.layout.folds, o = (l) => e.node(l);
    let r = i.reveal(s, o);
    i.inFocus(s, o) || (i.setFocus(null), this.bar.setCrumbs([]), r = !0), (r || this.host.layout.row(t) === void 0) && this.host.relayout(), this.host.scrollTo(t);
  }
  treeOrder(t) {
    return this.orderVersion !== t.version && (this.order = Wt(t), this.orderVersion = t.version), this.order;
  }
  search(t, e) {
    const s = qt(t, e);
    if (!s.ok) {
      this.matcher = null, this.setHits([]), this.bar.setCount(0, 0, s.error, !1);
      return;
    }
    this.matcher = s.empty ? null : s.match, this.cursor.clear();
    const i = this.host.model;
    if (this.matcher === null || i === null) {
      this.setHits([]), this.bar.setCount(0, 0, null, !0);
      return;
    }
    this.runSearch(i);
  }
  runSearch(t) {
    this.matcher !== null && this.setHits(Kt(t, this.treeOrder(t), this.matcher));
  }
  setHits(t) {
    this.cursor.setHits(t), this.hits = new Set(t), this.bar.setCount(this.cursor.position, t.length, null, this.matcher === null), this.host.schedule();
  }
  step(t) {
    const e = this.host.model;
    if (e === null || this.cursor.hits.length === 0) return;
    const s = this.cursor.current === null ? this.selected : null, i = s === null ? this.cursor.step(t) : this.cursor.stepFrom(s, this.treeOrder(e), t);
    this.bar.setCount(this.cursor.position, this.cursor.hits.length, null, !1), i !== null && this.jump(i);
  }
  nextException(t) {
    const e = this.host.model;
    if (e === null) return;
    const s = Gt(e, this.treeOrder(e), this.selected, t);
    s !== null && this.jump(s);
  }
  rank(t) {
    const e = this.host.model;
    return e === null ? [] : it(e, t, 15);
  }
  openList(t) {
    this.listKind = t, this.list.show(t);
  }
  foldBelow(t) {
    const e = this.host.layout.folds;
    t === null ? e.unfoldAll() : e.foldBelow(t), this.bar.setFoldDepth(t), this.host.relayout(), this.selected !== null && this.reveal(this.selected);
  }
  // Shortcuts work anywhere but in text fields and lists (which use the keys themselves).
  onKey(t) {
    const s = t.target?.closest("input, select, textarea, [role=dialog]") != null;
    if ((t.ctrlKey || t.metaKey) && t.key.toLowerCase() === "f" && !t.shiftKey) {
      t.preventDefault(), this.bar.input.focus(), this.bar.input.select();
      return;
    }
    if (!(s || t.ctrlKey || t.metaKey || t.altKey)) {
      switch (t.key) {
        case "/":
          this.bar.input.focus(), this.bar.input.select();
          break;
        case "e":
        case "E":
          this.nextException(t.shiftKey);
          break;
        case "s":
          this.openList("slowest");
          break;
        case "m":
          this.openList("called");
          break;
        case "f":
          this.selected !== null && this.setFocus(this.selected);
          break;
        case "o":
          this.overview.focus();
          break;
        case "Escape":
          if (this.host.layout.folds.focus === null) return;
          this.setFocus(null);
          break;
        default:
          return;
      }
      t.preventDefault();
    }
  }
}
class Zt {
  /** Ids of the nodes with a call running, kept in step with each applied message. */
  running = /* @__PURE__ */ new Set();
  target = null;
  /** The node to follow, or null before anything was drawn. */
  get current() {
    return this.target;
  }
  /** A new run: nothing is followed yet. */
  reset() {
    this.running.clear(), this.target = null;
  }
  /** Take in one applied message; returns the node to follow now. */
  update(t, e) {
    if (e.reset) {
      this.running.clear();
      for (const s of t.nodes) s?.state === "processing" && this.running.add(s.id);
    } else
      for (const s of e.touched)
        t.node(s)?.state === "processing" ? this.running.add(s) : this.running.delete(s);
    return this.target = this.choose(t, e.reset ? void 0 : Qt(e.added)), this.target;
  }
  choose(t, e) {
    const s = this.deepestRunning(t), i = this.target === null ? void 0 : t.node(this.target);
    return i === void 0 ? s?.id ?? e ?? te(t) : i.state === "processing" ? s !== void 0 && s.depth > i.depth ? s.id : e !== void 0 && at(t, i.id, e) ? e : i.id : s !== void 0 && !at(t, s.id, i.id) ? s.id : e ?? i.id;
  }
  // Deepest first; among equals the latest to start or end, then the newest node.
  deepestRunning(t) {
    let e;
    for (const s of this.running) {
      const i = t.node(s);
      i !== void 0 && (e === void 0 || Jt(i, e)) && (e = i);
    }
    return e;
  }
}
function Jt(n, t) {
  return n.depth !== t.depth ? n.depth > t.depth : n.last_t !== t.last_t ? n.last_t > t.last_t : n.id > t.id;
}
function at(n, t, e) {
  let s = n.node(e)?.parent ?? null;
  for (; s !== null; ) {
    if (s === t) return !0;
    s = n.node(s)?.parent ?? null;
  }
  return !1;
}
function Qt(n) {
  let t;
  for (const e of n) (t === void 0 || e > t) && (t = e);
  return t;
}
function te(n) {
  return n.nodes.length === 0 ? null : n.nodes.length - 1;
}
function Y(n) {
  return [...n].sort(ne);
}
function ee(n) {
  return n.live && n.state === "live";
}
function se(n) {
  const t = Y(n);
  return t.find(ee) ?? t.find((e) => e.kind !== V);
}
function ie(n, t) {
  return Y(n).find((e) => e.live && (e.state === "live" || !t.has(e.id)));
}
function ne(n, t) {
  return n.started_at !== t.started_at ? t.started_at - n.started_at : n.id < t.id ? 1 : n.id > t.id ? -1 : 0;
}
class oe {
  constructor(t) {
    this.actions = t, this.element = h("aside", "df-history"), this.element.setAttribute("aria-label", "History");
    const e = h("div", "df-history-head");
    e.append(h("h2", "df-history-title", "History"), m("↻", "df-refresh", () => t.refresh()));
    const s = h("label", "df-follow-live");
    this.follow = h("input", ""), this.follow.type = "checkbox", this.follow.checked = !0, this.follow.addEventListener("change", () => t.followLive(this.follow.checked)), s.append(this.follow, " follow new live runs"), this.list = h("ul", "df-runs"), this.list.setAttribute("aria-label", "Runs"), this.element.append(e, s, this.list);
  }
  actions;
  element;
  list;
  follow;
  runs = [];
  current = null;
  /** Show a new run list (in time order, whatever order the hub sent). */
  setRuns(t) {
    this.runs = Y(t), this.render();
  }
  /** Mark the run on screen. */
  setCurrent(t) {
    this.current = t;
    for (const e of this.list.querySelectorAll("[data-run]"))
      e.setAttribute("aria-current", String(e.dataset.run === t));
  }
  setFollowLive(t) {
    this.follow.checked = t;
  }
  render() {
    const t = this.runs.map((e) => this.item(e));
    t.length === 0 && t.push(h("li", "df-runs-empty", "No runs yet. Try: flow run script.py")), this.list.replaceChildren(...t);
  }
  item(t) {
    const e = h("li", "df-run"), s = m("", "df-run-open", () => this.actions.open(t));
    s.dataset.run = t.id, s.dataset.state = t.state, s.setAttribute("aria-current", String(t.id === this.current));
    const i = h("span", "df-run-script", t.script || t.id), o = h("span", "df-run-meta", J(t)), r = h("span", `df-run-state df-run-${t.state}`, t.state);
    s.append(r, i, o);
    const l = t.kind === V;
    l && (s.dataset.ghost = "true", i.prepend(h("span", "df-run-ghost", "GHOST"), " "));
    const a = `${t.script || t.id}${l ? ", ghost" : ""}, ${t.state}, ${J(t)}`;
    return s.setAttribute("aria-label", a), e.append(s), e;
  }
}
const re = /* @__PURE__ */ new Set(["imports"]);
class le {
  /** Folded by the user (overrides every rule). */
  closed = /* @__PURE__ */ new Set();
  /** Opened by the user (overrides the depth limit and the default for "imports"). */
  opened = /* @__PURE__ */ new Set();
  /** Nodes at this depth or deeper start folded (null: no limit). */
  depthLimit = null;
  /** The node whose subtree alone is shown, or null for the whole run. */
  focused = null;
  /** Bumped on every change, so views can tell when to lay out again. */
  revision = 0;
  /** Whether a node's children are hidden. */
  isFolded(t) {
    return this.closed.has(t.id) ? !0 : this.opened.has(t.id) ? !1 : t.folded === !0 || re.has(t.kind) ? !0 : this.depthLimit !== null && t.depth >= this.depthLimit;
  }
  /** Fold (true) or unfold (false) one node. */
  set(t, e) {
    e ? (this.opened.delete(t.id), this.closed.add(t.id)) : (this.closed.delete(t.id), this.opened.add(t.id)), this.revision++;
  }
  /** Flip one node; returns whether it is folded now. */
  toggle(t) {
    const e = !this.isFolded(t);
    return this.set(t, e), e;
  }
  /** Fold every node at `depth` or deeper (0 folds the roots); earlier choices are dropped. */
  foldBelow(t) {
    this.closed.clear(), this.opened.clear(), this.depthLimit = Math.max(0, Math.floor(t)), this.revision++;
  }
  /** The depth limit of the last foldBelow, or null. */
  get foldDepth() {
    return this.depthLimit;
  }
  /** Unfold everything the user folded and drop the depth limit ("imports" stay folded). */
  unfoldAll() {
    this.closed.clear(), this.opened.clear(), this.depthLimit = null, this.revision++;
  }
  /** Unfold every ancestor of a node, so it is laid out (a search hit, a jump). */
  reveal(t, e) {
    let s = !1, i = t.parent === null ? void 0 : e(t.parent);
    for (; i !== void 0; )
      this.isFolded(i) && (this.closed.delete(i.id), this.opened.add(i.id), s = !0), i = i.parent === null ? void 0 : e(i.parent);
    return s && this.revision++, s;
  }
  /** The node in focus (only its subtree is shown), or null. */
  get focus() {
    return this.focused;
  }
  /** Show only this node's subtree (null: the whole run again). */
  setFocus(t) {
    this.focused !== t && (this.focused = t, this.revision++);
  }
  /** Whether a node is inside the focused subtree (everything is, without a focus). */
  inFocus(t, e) {
    if (this.focused === null) return !0;
    let s = t;
    for (; s !== void 0; ) {
      if (s.id === this.focused) return !0;
      s = s.parent === null ? void 0 : e(s.parent);
    }
    return !1;
  }
  /** The breadcrumb of the focus: its ancestors from the root down to it (empty: no focus). */
  breadcrumb(t) {
    const e = [];
    let s = this.focused === null ? void 0 : t(this.focused);
    for (; s !== void 0; )
      e.push(s.id), s = s.parent === null ? void 0 : t(s.parent);
    return e.reverse();
  }
  /** A new run: nothing folded by hand, no limit, no focus. */
  clear() {
    this.closed.clear(), this.opened.clear(), this.depthLimit = null, this.focused = null, this.revision++;
  }
}
class ae {
  /** Node ids of each lane column, top to bottom. */
  columns = [];
  /** Lane id shown in each column. */
  laneOfColumn = [];
  rowOf = /* @__PURE__ */ new Map();
  columnOfLane = /* @__PURE__ */ new Map();
  /** Which subtrees are folded and which node is in focus. */
  folds = new le();
  /** Width of one lane column in CSS pixels (see fitColumns). */
  columnWidth = u.columnWidth;
  /** Recompute every row from the model. */
  build(t) {
    this.rowOf.clear(), this.columnOfLane.clear();
    const e = /* @__PURE__ */ new Map(), s = this.folds.focus === null ? void 0 : t.node(this.folds.focus);
    if (s !== void 0) e.set(s.lane, [s.id]);
    else
      for (const o of t.nodes)
        o !== void 0 && o.parent === null && this.push(e, o.lane, o.id);
    const i = [...e.keys()].sort((o, r) => o - r);
    this.laneOfColumn = i, this.columns = i.map((o, r) => (this.columnOfLane.set(o, r), this.walk(t, e.get(o) ?? [])));
  }
  /** Size the columns to a stage `width` wide: lanes share it, none narrower than the minimum. */
  fitColumns(t, e) {
    const s = (t - 2 * u.pad - Math.max(0, e - 1) * u.laneGap) / Math.max(1, e), i = Math.max(u.columnWidth, Math.min(u.maxColumnWidth, Math.floor(s))), o = i !== this.columnWidth;
    return this.columnWidth = i, o;
  }
  /** Left edge of a column in content coordinates. */
  x(t) {
    return he(t, this.columnWidth);
  }
  /** Whether a node's children are hidden. */
  isFolded(t, e) {
    const s = t.node(e);
    return s !== void 0 && this.folds.isFolded(s);
  }
  /** Row index of a node in its column, or undefined when it is hidden under a collapsed one. */
  row(t) {
    return this.rowOf.get(t);
  }
  column(t) {
    return this.columnOfLane.get(t);
  }
  /** Centre of a node's circle in content coordinates. */
  center(t, e) {
    const s = t.node(e), i = this.rowOf.get(e), o = s === void 0 ? void 0 : this.columnOfLane.get(s.lane);
    if (s === void 0 || i === void 0 || o === void 0) return;
    const r = Math.min(s.depth, u.maxIndentDepth);
    return {
      x: this.x(o) + u.nodeInset + r * u.indent,
      y: B(i) + u.rowHeight / 2
    };
  }
  /** The node under a content-coordinate point, if any. */
  hit(t, e) {
    const s = this.columnWidth + u.laneGap, i = Math.floor((t - u.pad) / s), o = t - this.x(i);
    if (i < 0 || o < 0 || o > this.columnWidth) return;
    const r = Math.floor((e - u.headerHeight) / u.rowHeight);
    return r < 0 ? void 0 : this.columns[i]?.[r];
  }
  get width() {
    return this.x(this.columns.length) + u.pad;
  }
  get height() {
    const t = Math.max(0, ...this.columns.map((e) => e.length));
    return B(t) + u.bottomSpace;
  }
  walk(t, e) {
    const s = [], i = [...e].reverse();
    for (; i.length > 0; ) {
      const o = i.pop();
      this.rowOf.set(o, s.length), s.push(o);
      const r = t.children.get(o), l = t.node(o);
      if (!(r === void 0 || l === void 0 || this.folds.isFolded(l)))
        for (let a = r.length - 1; a >= 0; a--) i.push(r[a]);
    }
    return s;
  }
  push(t, e, s) {
    const i = t.get(e);
    i === void 0 ? t.set(e, [s]) : i.push(s);
  }
}
function he(n, t = u.columnWidth) {
  return u.pad + n * (t + u.laneGap);
}
function B(n) {
  return u.headerHeight + n * u.rowHeight;
}
class de {
  frames = 0;
  maxGapMs = 0;
  since = performance.now();
  last = performance.now();
  running = !1;
  start() {
    if (this.running) return;
    this.running = !0;
    const t = (e) => {
      this.frames += 1, this.maxGapMs = Math.max(this.maxGapMs, e - this.last), this.last = e, this.running && requestAnimationFrame(t);
    };
    requestAnimationFrame(t);
  }
  stop() {
    this.running = !1;
  }
  /** Start counting afresh. */
  reset() {
    this.frames = 0, this.maxGapMs = 0, this.since = performance.now(), this.last = this.since;
  }
  /** Frames per second since the last reset. */
  fps() {
    const t = (performance.now() - this.since) / 1e3;
    return t > 0 ? this.frames / t : 0;
  }
}
class ce {
  element;
  shownId = null;
  shownVersion = -1;
  constructor() {
    this.element = document.createElement("div"), this.element.className = "df-card", this.element.id = "df-hover", this.element.setAttribute("role", "tooltip"), this.element.hidden = !0;
  }
  /** Show `id` right of (x, y) in the stage (CSS pixels) or left of it when there is no room. */
  show(t, e, s, i, o) {
    const r = e === null ? void 0 : t.node(e);
    if (r === void 0) {
      this.element.hidden = !0, this.shownId = null;
      return;
    }
    (this.shownId !== r.id || this.shownVersion !== t.version) && (this.element.replaceChildren(...ue(t, r)), this.element.dataset.node = String(r.id), this.shownId = r.id, this.shownVersion = t.version), this.element.hidden = !1;
    const l = this.element.offsetWidth, a = this.element.offsetHeight, d = s + 8 + l > o.width ? Math.max(4, o.width - l - 8) : s + 8, c = Math.min(Math.max(4, i - 10), Math.max(4, o.height - a - 4));
    this.element.style.transform = `translate(${Math.round(d)}px, ${Math.round(c)}px)`;
  }
  get visibleNode() {
    return this.element.hidden ? null : this.shownId;
  }
}
function ue(n, t) {
  if (O(t)) return me(t);
  const e = [T("df-card-title", A(t))], s = t.kind === "mark" ? "manual pulse" : `${t.module} · ${M(t)}`;
  e.push(T("df-card-where", s)), e.push(b("state", t.state === "processing" ? `running (${t.active} open)` : t.state));
  const i = t.sample?.duration;
  if ((i != null || t.dur !== null) && e.push(b("duration", vt(t), "df-duration")), e.push(b("calls", fe(t))), t.dur !== null) {
    const { min: r, median: l, max: a } = t.dur;
    e.push(b("min / median / max", [r, l, a].map(p).join(" / "))), e.push(b("total / own", `${p(t.dur.total)} / ${p(t.dur.own)}`));
  }
  const o = n.functionOf(t);
  return o !== void 0 && e.push(b("all calls of this function", w(o.calls))), e.push(...pe(t)), e.push(T("df-card-hint", "click: open in editor")), e;
}
function fe(n) {
  const t = n.exceptions > 0 ? ` · ${w(n.exceptions)} raised` : "";
  return `${w(n.calls)}${t}`;
}
function pe(n) {
  const t = [], e = n.sample;
  if (e !== null && (t.push(b(n.calls > 1 ? "latest call kept: args" : "args", j(n), "df-value")), e.state === "raised" ? t.push(b("raised", D(n), "df-error")) : e.ret !== null && t.push(b("returned", q(e.ret), "df-value"))), n.failure !== null) {
    const s = n.failure.args === null ? "values not kept" : n.failure.args.map(G).join(", ");
    t.push(b("another call raised", `${D(n)} · ${s}`, "df-error"));
  }
  return t;
}
function me(n) {
  return [
    T("df-card-title", n.function),
    T("df-card-where", `ghost placeholder · ${n.module} · ${M(n)}`),
    b("not reached", X(n), "df-value df-reason")
  ];
}
function T(n, t) {
  const e = document.createElement("div");
  return e.className = n, e.textContent = t, e;
}
function b(n, t, e = "") {
  const s = document.createElement("div");
  s.className = `df-card-row ${e}`.trim();
  const i = document.createElement("span");
  i.className = "df-card-label", i.textContent = n;
  const o = document.createElement("span");
  return o.className = "df-card-value", o.textContent = t, s.append(i, o), s;
}
const z = { top: 0.35, height: 0.3 }, ge = 400, ht = 40, we = 360;
class ve {
  gliding = !1;
  upSince = null;
  /** Go to the target now, wherever it is (the Follow button, a new run). */
  kick() {
    this.gliding = !0, this.upSince = -1 / 0;
  }
  /** One frame's step toward keeping `target` (content coordinates) in the band. */
  step(t, e, s) {
    const i = xt(e.y - t.height / 2, 0, t.maxTop), o = bt(t, e.x), r = i - t.top, l = o - t.left, a = t.height * z.height / 2;
    if (r < -a) {
      if (this.upSince ??= s, s - this.upSince < ge)
        return this.gliding = !1, { left: t.left, top: t.top, moving: !0 };
    } else
      this.upSince = null;
    return !this.gliding && Math.abs(l) < 1 && Math.abs(r) <= a ? { left: t.left, top: t.top, moving: !1 } : Math.abs(l) < 1 && Math.abs(r) < 1 ? (this.gliding = !1, { left: o, top: i, moving: !1 }) : (this.gliding = !0, { left: t.left + dt(l), top: t.top + dt(r), moving: !0 });
  }
}
function bt(n, t) {
  return t - ht >= n.left && t + we <= n.left + n.width ? n.left : xt(t - ht, 0, n.maxLeft);
}
function xt(n, t, e) {
  return Math.max(t, Math.min(n, Math.max(t, e)));
}
function dt(n) {
  const t = n * y.followEase;
  return Math.abs(t) < 1 ? Math.sign(n) * Math.min(1, Math.abs(n)) : t;
}
const be = "…", xe = 4e3, ye = /…*\s*$/u;
class Se {
  cache = /* @__PURE__ */ new Map();
  /** `text` as drawn in at most `width` pixels with the context's current font. */
  fit(t, e, s) {
    if (e === "" || s <= 0) return "";
    const i = `${t.font}|${Math.floor(s)}|${e}`, o = this.cache.get(i);
    if (o !== void 0) return o;
    const r = this.measureFit(t, e, s);
    return this.cache.size >= xe && this.cache.clear(), this.cache.set(i, r), r;
  }
  measureFit(t, e, s) {
    if (t.measureText(e).width <= s) return e;
    const i = Array.from(e);
    let o = 0, r = i.length;
    for (; o < r; ) {
      const l = Math.ceil((o + r) / 2);
      t.measureText(ct(i, l)).width <= s ? o = l : r = l - 1;
    }
    return ct(i, o);
  }
}
function ct(n, t) {
  return n.slice(0, t).join("").replace(ye, "") + be;
}
const ke = 0.26, I = `11px ${C}`, ut = `600 13px ${C}`;
class Me {
  constructor(t) {
    this.canvas = t;
    const e = t.getContext("2d");
    if (e === null) throw new Error("this browser cannot draw on a canvas");
    this.ctx = e;
  }
  canvas;
  ctx;
  fitter = new Se();
  dpr = 1;
  /** Match the canvas to its box in CSS pixels. */
  resize(t, e, s) {
    this.dpr = s, this.canvas.width = Math.max(1, Math.round(t * s)), this.canvas.height = Math.max(1, Math.round(e * s));
  }
  /** Draw one frame; returns how many nodes were drawn. */
  draw(t) {
    const { ctx: e } = this, { view: s } = t;
    e.setTransform(this.dpr, 0, 0, this.dpr, 0, 0), e.clearRect(0, 0, s.width, s.height), t.focusZone && this.drawFocusZone(s), e.save(), e.translate(-s.left, -s.top);
    let i = 0;
    for (const o of ft(t.layout, s))
      i += this.drawColumn(t, o);
    return this.drawPulses(t), e.restore(), this.drawHeaders(t), i;
  }
  drawColumn(t, e) {
    const s = t.layout.columns[e] ?? [], i = Math.max(0, Math.floor((t.view.top - u.headerHeight) / u.rowHeight) - 1), o = Math.min(s.length - 1, Math.ceil((t.view.top + t.view.height) / u.rowHeight));
    if (i > o) return 0;
    const r = s.slice(i, o + 1);
    this.drawEdges(t, r);
    for (const l of r) this.drawNode(t, l);
    return r.length;
  }
  drawEdges(t, e) {
    const { ctx: s } = this, { model: i, layout: o } = t, r = new Set(e);
    for (const l of Ae(i, e[0])) r.add(l);
    s.strokeStyle = f.edge, s.lineWidth = 1.5, s.beginPath();
    for (const l of r) this.traceChildLine(t, l);
    for (const l of e) {
      const a = i.node(l), d = o.center(i, l), c = a?.parent != null ? o.center(i, a.parent) : void 0;
      d === void 0 || c === void 0 || (s.moveTo(c.x, d.y), s.lineTo(d.x - u.radius, d.y));
    }
    s.stroke(), this.drawSpawnLinks(t, e);
  }
  // The vertical line from a node down to its last shown child.
  traceChildLine(t, e) {
    const { model: s, layout: i } = t, o = i.isFolded(s, e) ? void 0 : s.children.get(e), r = o?.[o.length - 1], l = i.center(s, e), a = r === void 0 ? void 0 : i.center(s, r);
    l === void 0 || a === void 0 || (this.ctx.moveTo(l.x, l.y + u.radius), this.ctx.lineTo(l.x, a.y));
  }
  // A call started from another lane (thread or task) links to the node that spawned it.
  drawSpawnLinks(t, e) {
    const { ctx: s } = this;
    s.save(), s.setLineDash([4, 5]), s.strokeStyle = f.link, s.beginPath();
    for (const i of e) {
      const o = t.model.node(i);
      if (o?.spawned_by == null) continue;
      const r = t.layout.center(t.model, o.spawned_by), l = t.layout.center(t.model, i);
      r === void 0 || l === void 0 || (s.moveTo(r.x + u.radius, r.y), s.bezierCurveTo(r.x + 120, r.y, l.x - 120, l.y, l.x - u.radius, l.y));
    }
    s.stroke(), s.restore();
  }
  drawNode(t, e) {
    const s = t.model.node(e), i = t.layout.center(t.model, e);
    if (s === void 0 || i === void 0) return;
    const { ctx: o } = this, r = U(t.model.status), l = O(s);
    o.globalAlpha = t.hover !== null && t.hover !== e ? ke : 1, (t.hover === e || t.focus === e || t.selected === e) && this.drawRowBox(t, s, i), t.hits.has(e) && this.drawHitMark(t, s, i, t.hit === e), t.model.children.has(e) && this.drawChevron(t.layout.isFolded(t.model, e), i), l && (o.globalAlpha *= S.placeholderAlpha), r ? this.drawGhostCircle(s, i, l) : this.drawCircle(t, s, i), this.drawLabels(t, s, i, r), o.globalAlpha = 1;
  }
  // Ghost nodes: a translucent violet disc with a dashed ring; placeholders only the ring.
  drawGhostCircle(t, e, s) {
    const { ctx: i } = this;
    i.save(), i.beginPath(), i.arc(e.x, e.y, u.radius, 0, Math.PI * 2), s || (i.fillStyle = t.state === "exception" ? F.exception : S.fill, i.fill()), i.setLineDash([...S.dash]), i.strokeStyle = S.stroke, i.lineWidth = 1.5, i.stroke(), i.restore();
  }
  drawCircle(t, e, s) {
    const { ctx: i } = this, o = t.anim.flashes.get(e.id), r = o !== void 0 ? $e(o.start, t.now) : 0, l = F[e.state], a = e.state === "processing" ? 0.5 + 0.5 * Math.sin(t.now / 180) : 0;
    i.save(), i.shadowColor = l, i.shadowBlur = 8 + 6 * a + 18 * r, i.fillStyle = l, i.beginPath(), i.arc(s.x, s.y, u.radius + 3 * r, 0, Math.PI * 2), i.fill(), o !== void 0 && r > 0 && (i.strokeStyle = o.color === "call" ? f.pulseDown : Z[o.color], i.lineWidth = 2, i.beginPath(), i.arc(s.x, s.y, u.radius + 4 + 10 * (1 - r), 0, Math.PI * 2), i.globalAlpha *= r, i.stroke()), i.restore();
  }
  drawLabels(t, e, s, i) {
    const { ctx: o } = this, r = this.fitLabels(t.model, t.layout, e, s), l = s.x + u.textGap, a = s.y - u.rowHeight / 2;
    o.textBaseline = "alphabetic", o.font = I, o.fillStyle = i ? S.args : f.args, o.fillText(r.args, l, a + 15), o.font = ut, o.fillStyle = e.state === "unfinished" ? f.dim : i ? S.text : f.text, o.fillText(r.title, l, s.y + 4.5), o.font = I, o.fillStyle = e.state === "exception" ? f.error : i ? S.args : f.ret, o.fillText(r.result, l, a + u.rowHeight - 6);
  }
  /** A node's three lines as they are drawn, clipped to its column (undefined: not laid out). */
  labels(t, e, s) {
    const i = t.node(s), o = e.center(t, s);
    return i === void 0 || o === void 0 ? void 0 : this.fitLabels(t, e, i, o);
  }
  fitLabels(t, e, s, i) {
    const { ctx: o, fitter: r } = this, l = e.column(s.lane) ?? 0, a = e.x(l) + e.columnWidth - (i.x + u.textGap) - 6;
    o.font = I;
    const d = r.fit(o, j(s), a), c = r.fit(o, wt(s), a);
    o.font = ut;
    const g = r.fit(o, Le(t, e, s), a);
    return { args: d, title: g, result: c };
  }
  drawRowBox(t, e, s) {
    const { ctx: i } = this, o = t.layout.column(e.lane) ?? 0, r = t.layout.x(o), l = t.layout.columnWidth;
    i.save(), i.fillStyle = t.selected === e.id ? "rgba(148, 197, 255, 0.13)" : "rgba(148, 197, 255, 0.07)", i.fillRect(r, s.y - u.rowHeight / 2 + 1, l, u.rowHeight - 2), (t.focus === e.id || t.selected === e.id) && (i.strokeStyle = f.focusRing, i.lineWidth = 1.5, i.strokeRect(r + 1, s.y - u.rowHeight / 2 + 2, l - 2, u.rowHeight - 4)), i.restore();
  }
  // A search hit: an amber bar at the row's left edge (solid for the current hit).
  drawHitMark(t, e, s, i) {
    const { ctx: o } = this, r = t.layout.x(t.layout.column(e.lane) ?? 0);
    o.save(), o.fillStyle = i ? f.hit : f.hitDim, o.fillRect(r + 1, s.y - u.rowHeight / 2 + 6, i ? 5 : 3, u.rowHeight - 12), i && (o.strokeStyle = f.hit, o.lineWidth = 2, o.beginPath(), o.arc(s.x, s.y, u.radius + 4, 0, Math.PI * 2), o.stroke()), o.restore();
  }
  // ▸ folded, ▾ open: left of the circle, where a click folds or unfolds (chevronAt).
  drawChevron(t, e) {
    const { ctx: s } = this, i = e.x - u.chevronOffset;
    s.save(), s.fillStyle = t ? f.header : f.dim, s.beginPath(), t ? (s.moveTo(i - 3, e.y - 5), s.lineTo(i + 4, e.y), s.lineTo(i - 3, e.y + 5)) : (s.moveTo(i - 5, e.y - 3), s.lineTo(i + 5, e.y - 3), s.lineTo(i, e.y + 4)), s.fill(), s.restore();
  }
  drawPulses(t) {
    const { ctx: e } = this;
    e.save();
    for (const s of t.anim.pulses) {
      const i = (t.now - s.start) / y.pulseMs, o = i >= 0 && i <= 1 ? Te(t, s, i) : void 0;
      if (o === void 0) continue;
      const r = s.dir === "down" ? f.pulseDown : Z[s.outcome ?? "success"];
      e.shadowColor = r, e.shadowBlur = 14, e.fillStyle = r, e.beginPath(), e.arc(o.x, o.y, 3.5, 0, Math.PI * 2), e.fill();
    }
    e.restore();
  }
  drawFocusZone(t) {
    const { ctx: e } = this, s = t.height * z.top, i = t.height * z.height, o = e.createLinearGradient(0, s, 0, s + i);
    o.addColorStop(0, "rgba(34, 211, 238, 0)"), o.addColorStop(0.5, f.focusZone), o.addColorStop(1, "rgba(34, 211, 238, 0)"), e.fillStyle = o, e.fillRect(0, s, t.width, i);
  }
  drawHeaders(t) {
    const { ctx: e } = this, { view: s, layout: i, model: o } = t;
    e.fillStyle = "rgba(7, 11, 18, 0.97)", e.fillRect(0, 0, s.width, u.headerHeight), e.font = `600 11px ${C}`, e.textBaseline = "middle";
    for (const r of ft(i, s)) {
      const l = o.lanes[i.laneOfColumn[r] ?? -1], a = i.x(r) - s.left;
      e.fillStyle = f.header;
      const d = l === void 0 ? "" : `▍${l.name}`;
      e.fillText(this.fitter.fit(e, d.toUpperCase(), i.columnWidth), a, u.headerHeight / 2);
    }
  }
}
function ft(n, t) {
  const e = [];
  for (let s = 0; s < n.columns.length; s++) {
    const i = n.x(s);
    i + n.columnWidth >= t.left && i <= t.left + t.width && e.push(s);
  }
  return e;
}
function Ae(n, t) {
  const e = [];
  let s = t === void 0 ? void 0 : n.node(t);
  for (; s?.parent != null; )
    e.push(s.parent), s = n.node(s.parent);
  return e;
}
function $e(n, t) {
  const e = (t - n) / y.flashMs;
  return e < 0 || e > 1 ? 0 : 1 - e;
}
function Le(n, t, e) {
  const s = t.isFolded(n, e.id) ? n.children.get(e.id)?.length : 0;
  return s ? `${A(e)}  ▸ ${s} folded` : A(e);
}
function Te(n, t, e) {
  const { model: s, layout: i } = n, o = i.center(s, t.node);
  if (o === void 0) return;
  const l = (t.parent === null ? void 0 : i.center(s, t.parent)) ?? { x: o.x, y: B(0) }, a = t.dir === "down" ? e : 1 - e, d = Math.abs(o.y - l.y), c = Math.abs(o.x - l.x), g = a * (d + c);
  return g <= d ? { x: l.x, y: l.y + Math.sign(o.y - l.y) * g } : { x: l.x + Math.sign(o.x - l.x) * (g - d), y: o.y };
}
const Ce = 600, Ee = 8;
class Re {
  constructor(t, e) {
    this.element = t, this.changed = e, this.spacer = document.createElement("div"), this.spacer.className = "df-spacer", t.append(this.spacer);
    const s = () => {
      this.intentAt = performance.now();
    };
    for (const i of ["wheel", "touchstart", "pointerdown", "keydown"])
      t.addEventListener(i, s, { passive: !0 });
    t.addEventListener("scroll", () => this.onScroll());
  }
  element;
  changed;
  following = !0;
  spacer;
  expected = null;
  intentAt = -1 / 0;
  follower = new ve();
  /** Size the scrollable area to the content. */
  setContentSize(t, e) {
    this.spacer.style.width = `${Math.ceil(t)}px`, this.spacer.style.height = `${Math.ceil(e)}px`;
  }
  get left() {
    return this.element.scrollLeft;
  }
  get top() {
    return this.element.scrollTop;
  }
  /** Take one step toward keeping `target` in the focus zone; returns whether to keep going. */
  follow(t, e, s) {
    if (!this.following || t === null || e < y.focusMinNodes) return !1;
    const i = this.box(), o = this.follower.step(i, t, s);
    return (o.left !== i.left || o.top !== i.top) && this.scrollTo(o.left, o.top), o.moving;
  }
  /** Jump so a content point is in view (keyboard focus, test hooks); stops following. */
  reveal(t) {
    this.following = !1;
    const e = this.box(), s = Math.max(0, Math.min(t.y - e.height / 2, e.maxTop));
    this.scrollTo(bt(e, t.x), s), this.changed();
  }
  /** Start following again, straight to the followed node (the "Follow" button, End, a new run). */
  resume() {
    this.following = !0, this.follower.kick(), this.changed();
  }
  box() {
    const t = this.element;
    return {
      left: t.scrollLeft,
      top: t.scrollTop,
      width: t.clientWidth,
      height: t.clientHeight,
      maxLeft: t.scrollWidth - t.clientWidth,
      maxTop: t.scrollHeight - t.clientHeight
    };
  }
  scrollTo(t, e) {
    this.element.scrollLeft = t, this.element.scrollTop = e, this.expected = { left: this.element.scrollLeft, top: this.element.scrollTop };
  }
  onScroll() {
    const t = this.element;
    if (!(this.expected !== null && Math.abs(t.scrollTop - this.expected.top) < 2 && Math.abs(t.scrollLeft - this.expected.left) < 2) && performance.now() - this.intentAt < Ce) {
      const i = t.scrollTop + t.clientHeight >= t.scrollHeight - Ee;
      this.following = i, this.expected = null;
    }
    this.changed();
  }
}
const _ = 1, H = 2;
class Fe {
  constructor(t) {
    this.runId = t;
  }
  runId;
  version = -1;
  mode = "live";
  at = null;
  status = null;
  nodes = [];
  lanes = [];
  functions = /* @__PURE__ */ new Map();
  /** Children of each node in id order (the order they are drawn). */
  children = /* @__PURE__ */ new Map();
  /** Apply a snapshot or patch; a patch that does not follow the version held is a gap. */
  apply(t) {
    if (t.type === "patch" && t.base !== this.version) return { kind: "gap" };
    const e = { reset: !1, added: [], touched: [], before: /* @__PURE__ */ new Map(), pulses: [] };
    t.type === "snapshot" ? (this.clear(), e.reset = !0, this.status = t.status) : (t.status !== null && (this.status = t.status), e.pulses = t.pulses), this.version = t.version, this.mode = t.mode, this.at = t.at;
    for (const s of t.lanes) this.lanes[s.id] = s;
    for (const s of t.functions) this.functions.set(s.fkey, s);
    for (const s of t.nodes) this.put(s, e);
    return { kind: "applied", change: e };
  }
  /** The node with this id, if held. */
  node(t) {
    return this.nodes[t];
  }
  /** Exact tracer statistics for a node's function, once the run sent them. */
  functionOf(t) {
    return this.functions.get(t.fkey);
  }
  put(t, e) {
    const s = this.nodes[t.id];
    s === void 0 ? (e.added.push(t.id), t.parent !== null && this.childList(t.parent).push(t.id)) : e.before.set(t.id, s), this.nodes[t.id] = t, e.touched.push(t.id);
  }
  childList(t) {
    let e = this.children.get(t);
    return e === void 0 && (e = [], this.children.set(t, e)), e;
  }
  clear() {
    this.nodes.length = 0, this.lanes.length = 0, this.functions.clear(), this.children.clear();
  }
}
const Oe = 80;
class Ie {
  constructor(t, e) {
    this.connection = t, this.events = e;
  }
  connection;
  events;
  model = null;
  runs = [];
  followLive = !0;
  listed = !1;
  // the first run list tells what was there before the page
  kind = "live";
  playing = !1;
  awaitingStart = !1;
  // the first snapshot after "play" is where it starts, not its end
  speed = 1;
  duration = 0;
  compatible = !0;
  seekTimer;
  pendingSeek = null;
  lastSeekAt = 0;
  handle(t) {
    t.type === "hello" ? this.hello(t) : t.type === "runs" ? this.onRuns(t.runs) : t.type === "error" ? this.events.error(t.message) : this.compatible && this.onSpine(t);
  }
  /** Show a run: live runs are followed, recorded ones open at their end, ready to replay. */
  open(t, e) {
    e && (this.followLive = !1);
    const s = this.model;
    s !== null && s.runId !== t.id && this.connection.send({ type: "unsubscribe", run: s.runId }), this.model = new Fe(t.id), this.duration = 0, this.playing = !1, this.events.opened(this.model), t.live ? this.subscribe() : this.replay(null, 0);
  }
  seek(t) {
    if (this.model === null) return;
    this.kind = "replay", this.playing = !1, this.pendingSeek = t;
    const e = Oe - (performance.now() - this.lastSeekAt);
    window.clearTimeout(this.seekTimer), e <= 0 ? this.flushSeek() : this.seekTimer = window.setTimeout(() => this.flushSeek(), e);
  }
  play() {
    if (this.model === null) return;
    const t = this.cursor() >= this.duration ? 0 : this.cursor();
    this.playing = !0, this.awaitingStart = !0, this.replay(t, this.speed);
  }
  pause() {
    this.model !== null && (this.playing = !1, this.replay(this.cursor(), 0));
  }
  setSpeed(t) {
    this.speed = t, this.playing && this.replay(this.cursor(), t);
  }
  goLive() {
    this.model !== null && (this.playing = !1, this.subscribe());
  }
  setFollowLive(t) {
    this.followLive = t, t && this.onRuns(this.runs);
  }
  refresh() {
    this.connection.send({ type: "list_runs" });
  }
  timeline() {
    const t = this.currentInfo();
    return {
      enabled: this.model !== null && this.model.version >= 0,
      replaying: this.kind === "replay",
      playing: this.playing,
      at: this.cursor(),
      duration: this.duration,
      speed: this.speed,
      canGoLive: this.kind === "replay" && t?.live === !0
    };
  }
  hello(t) {
    if (this.compatible = t.v === _ && t.spine === H, !this.compatible) {
      const e = t.v > _ || t.spine > H ? "older" : "newer";
      this.events.incompatible(
        `This HUD (wire ${_}, spine ${H}) is ${e} than the hub (wire ${t.v}, spine ${t.spine}, debugflow ${t.hub.version}). Reload the page, or run the same DebugFlow version for the hub and the page.`
      );
      return;
    }
    this.model !== null && this.resync();
  }
  onRuns(t) {
    const e = !this.listed, s = new Set(this.runs.map((o) => o.id));
    if (this.listed = !0, this.runs = t, this.events.runs(t), !this.followLive || !this.compatible) return;
    const i = e && this.model === null ? se(t) : ie(t, s);
    i !== void 0 && i.id !== this.model?.runId && this.open(i, !1);
  }
  onSpine(t) {
    const e = this.model;
    if (e === null || t.run !== e.runId) return;
    const s = e.version, i = e.apply(t);
    if (i.kind === "gap") {
      this.resync();
      return;
    }
    this.track(t, s), this.events.applied(e, i.change);
  }
  // Keep the timeline's length and the play state in step with what arrives. A playing replay
  // ends with a snapshot at its end: the same version again, or the end of the timeline.
  track(t, e) {
    if (t.mode === "replay" && t.at !== null) {
      const s = this.awaitingStart;
      t.type === "snapshot" && (this.awaitingStart = !1);
      const i = t.version === e || t.at >= this.duration;
      this.playing && t.type === "snapshot" && !s && i && (this.playing = !1), this.duration = Math.max(this.duration, t.at);
    } else this.model?.status !== null && this.model?.status !== void 0 && (this.duration = Math.max(this.duration, this.model.status.elapsed_ns));
  }
  cursor() {
    const t = this.model;
    return t === null ? 0 : this.kind === "live" ? this.duration : this.pendingSeek ?? t.at ?? 0;
  }
  flushSeek() {
    this.pendingSeek !== null && (this.lastSeekAt = performance.now(), this.replay(this.pendingSeek, 0), this.pendingSeek = null);
  }
  subscribe() {
    this.model !== null && (this.kind = "live", this.connection.send({ type: "subscribe", run: this.model.runId }));
  }
  replay(t, e) {
    this.model !== null && (this.kind = "replay", this.connection.send({ type: "replay", run: this.model.runId, at: t, speed: e }));
  }
  resync() {
    this.kind === "live" ? this.subscribe() : this.replay(this.model?.at ?? null, this.playing ? this.speed : 0);
  }
  currentInfo() {
    const t = this.model?.runId;
    return this.runs.find((e) => e.id === t);
  }
}
class _e {
  element;
  constructor() {
    this.element = h("div", "df-side");
  }
  /** Add a panel below the ones already there; `grow` panels share the spare height. */
  add(t, e = !1) {
    t.classList.add("df-side-panel"), e && t.classList.add("df-side-grow"), this.element.append(t);
  }
}
class He {
  constructor(t) {
    this.connection = t, this.element = h("div", "df-popup"), this.element.setAttribute("role", "dialog"), this.element.setAttribute("aria-label", "Open source"), this.element.hidden = !0, this.message = h("div", "df-popup-message"), this.message.setAttribute("role", "status"), this.copyButton = m("Copy path:line", "df-copy", () => {
      this.copy();
    });
    const e = m("✕", "df-popup-close", () => this.hide());
    e.setAttribute("aria-label", "Close"), this.element.append(this.message, this.copyButton, e), this.element.addEventListener("keydown", (s) => {
      s.key === "Escape" && this.hide();
    });
  }
  connection;
  element;
  message;
  copyButton;
  ref = "";
  /** Open `node`'s source through the hub and show the popup at (x, y) in the stage. */
  async open(t, e, s) {
    if (this.ref = M(t), this.copyButton.dataset.ref = this.ref, this.element.style.transform = `translate(${Math.round(e)}px, ${Math.round(s)}px)`, this.element.hidden = !1, t.kind === "mark" || t.file === "") {
      this.say("A manual pulse has no source file.", "info");
      return;
    }
    this.say(`Opening ${this.ref}…`, "info");
    const i = await this.connection.openSource(t.file, t.line);
    i.ok ? this.say(`Opened ${this.ref} in your editor.`, "ok") : this.say(i.error ?? "The editor could not be started.", "error");
  }
  hide() {
    this.element.hidden = !0;
  }
  say(t, e) {
    this.message.textContent = t, this.element.dataset.result = e;
  }
  async copy() {
    try {
      await navigator.clipboard.writeText(this.ref), this.say(`Copied ${this.ref}`, "ok");
    } catch {
      this.say(this.ref, "info"), window.getSelection()?.selectAllChildren(this.message);
    }
  }
}
const Ne = ["script", "state", "nodes", "calls", "exceptions", "elapsed"];
class De {
  element;
  values = /* @__PURE__ */ new Map();
  extra;
  link;
  ghostBadge;
  constructor() {
    this.element = h("header", "df-status"), this.element.setAttribute("aria-label", "Run status");
    const t = h("div", "df-brand", "DebugFlow");
    this.ghostBadge = h("span", "df-ghost-badge", "GHOST"), this.ghostBadge.title = "dry run with mock arguments (flow ghost)", this.ghostBadge.hidden = !0, this.element.append(t, this.ghostBadge);
    for (const e of Ne) {
      const s = h("div", `df-stat df-stat-${e}`), i = h("span", "df-stat-value", "–");
      i.dataset.field = e, s.append(h("span", "df-stat-label", e), i), this.values.set(e, i), this.element.append(s);
    }
    this.extra = h("div", "df-stat-extra"), this.link = h("div", "df-link", "connecting"), this.link.setAttribute("role", "status"), this.element.append(this.extra, this.link);
  }
  /** Show a run's status (null: no run open). */
  render(t, e, s) {
    if (this.showGhost(U(t)), t === null) {
      for (const i of this.values.values()) i.textContent = "–";
      this.extra.textContent = "";
      return;
    }
    this.set("script", t.argv.join(" ") || t.script || t.run), this.set("state", Be(t, e, s)), this.element.dataset.state = e === "replay" ? "replay" : t.state, this.set("nodes", w(t.nodes)), this.set("calls", w(t.calls)), this.set("exceptions", w(t.exceptions)), this.set("elapsed", p(ze(t, e))), this.extra.textContent = Pe(t);
  }
  /** Show whether the hub connection is up. */
  renderLink(t) {
    this.link.textContent = t === "open" ? "hub connected" : t === "connecting" ? "connecting…" : "hub unreachable — retrying", this.link.dataset.link = t;
  }
  showGhost(t) {
    this.ghostBadge.hidden = !t, t ? this.element.dataset.ghost = "true" : delete this.element.dataset.ghost;
  }
  set(t, e) {
    const s = this.values.get(t);
    s !== void 0 && s.textContent !== e && (s.textContent = e);
  }
}
function Be(n, t, e) {
  return t === "replay" ? `replay @ ${p(e ?? 0)}` : n.state === "ended" ? n.exit_code === null ? "ended" : `ended (exit ${n.exit_code})` : n.state;
}
function ze(n, t) {
  if (t !== "live" || n.state !== "live" || n.started_at <= 0) return n.elapsed_ns;
  const e = (Date.now() / 1e3 - n.started_at) * 1e9;
  return Math.max(n.elapsed_ns, e);
}
function Pe(n) {
  const t = [];
  return n.dropped > 0 && t.push(`${w(n.dropped)} events dropped`), n.hidden > 0 && t.push(`${w(n.hidden)} calls past the node limit`), n.backend && t.push(`${n.backend} · Python ${n.python}`), t.join(" · ");
}
const Ge = [0.25, 0.5, 1, 2, 5, 10, 50, 200], N = 1e3;
class je {
  element;
  playButton;
  slider;
  clock;
  speed;
  live;
  state = null;
  dragging = !1;
  constructor(t) {
    this.element = h("footer", "df-timeline"), this.element.setAttribute("aria-label", "Replay"), this.playButton = m("▶", "df-play", () => this.state?.playing ? t.pause() : t.play()), this.slider = h("input", "df-scrubber"), this.slider.type = "range", this.slider.min = "0", this.slider.max = String(N), this.slider.setAttribute("aria-label", "Timeline"), this.slider.addEventListener("input", () => {
      this.dragging = !0, t.seek(this.sliderNs());
    }), this.slider.addEventListener("change", () => {
      this.dragging = !1, t.seek(this.sliderNs());
    }), this.clock = h("span", "df-clock", "0ns / 0ns"), this.speed = h("select", "df-speed"), this.speed.setAttribute("aria-label", "Replay speed");
    for (const e of Ge) this.speed.append(new Option(`${e}×`, String(e), e === 1, e === 1));
    this.speed.addEventListener("change", () => t.setSpeed(Number(this.speed.value))), this.live = m("● Live", "df-golive", () => t.goLive()), this.element.append(this.playButton, this.slider, this.clock, this.speed, this.live);
  }
  render(t) {
    this.state = t, this.element.dataset.replaying = String(t.replaying), this.element.dataset.playing = String(t.playing), this.playButton.textContent = t.playing ? "❚❚" : "▶", this.playButton.setAttribute("aria-label", t.playing ? "Pause" : "Play"), this.playButton.disabled = !t.enabled, this.slider.disabled = !t.enabled, this.speed.disabled = !t.enabled;
    const e = t.replaying ? t.at : t.duration;
    this.dragging || (this.slider.value = String(t.duration > 0 ? Math.round(e / t.duration * N) : 0)), this.slider.setAttribute("aria-valuetext", `${p(e)} of ${p(t.duration)}`), this.clock.textContent = `${p(e)} / ${p(t.duration)}`, this.live.hidden = !t.canGoLive;
  }
  sliderNs() {
    const t = this.state?.duration ?? 0;
    return Math.round(Number(this.slider.value) / N * t);
  }
}
class qe {
  constructor(t) {
    this.actions = t, this.element = document.createElement("ul"), this.element.className = "df-tree", this.element.setAttribute("role", "tree"), this.element.setAttribute("aria-label", "Call spine"), this.element.tabIndex = 0, this.element.addEventListener("keydown", (e) => this.onKey(e)), this.element.addEventListener("focus", () => this.onTreeFocus()), this.element.addEventListener("focusin", (e) => this.onFocusIn(e));
  }
  actions;
  element;
  items = /* @__PURE__ */ new Map();
  signatures = /* @__PURE__ */ new Map();
  lanes = /* @__PURE__ */ new Map();
  current = null;
  isFolded = () => !1;
  hiddenByFocus = [];
  /** Drop every item (a new run, or a snapshot). */
  reset() {
    this.element.replaceChildren(), this.items.clear(), this.signatures.clear(), this.lanes.clear(), this.current = null, this.hiddenByFocus = [], this.element.tabIndex = 0;
  }
  /** Bring the items of these nodes up to date, creating new ones in id order. */
  update(t, e, s) {
    this.isFolded = s;
    for (const r of t.lanes) r !== void 0 && this.updateLane(r);
    const i = [...e].sort((r, l) => r - l), o = U(t.status);
    for (const r of i) {
      const l = t.node(r);
      l !== void 0 && this.updateItem(l, s(r), o);
    }
  }
  /** Set every expandable item's aria-expanded from the fold state (after a fold changed). */
  syncFolds(t) {
    this.isFolded = t;
    for (const [e, s] of this.items) {
      if (!s.hasAttribute("aria-expanded")) continue;
      const i = String(!t(e));
      s.getAttribute("aria-expanded") !== i && s.setAttribute("aria-expanded", i);
    }
  }
  /**
   * Reflect a focus: only the focused node's subtree and its ancestors stay in the tree; the
   * siblings along the way and the other lanes are hidden (null: everything shown again).
   */
  setFocusRoot(t, e) {
    for (const o of this.hiddenByFocus) o.hidden = !1;
    this.hiddenByFocus = [];
    const s = e === null ? void 0 : t.node(e);
    if (s === void 0) {
      this.element.setAttribute("aria-label", "Call spine");
      return;
    }
    let i = this.items.get(s.id);
    for (; i !== void 0 && i !== this.element; ) {
      const o = i.parentElement;
      for (const r of o?.children ?? [])
        r !== i && r instanceof HTMLElement && !r.hidden && (r.hidden = !0, this.hiddenByFocus.push(r));
      i = o?.closest("[role=treeitem]") ?? void 0;
    }
    this.element.setAttribute("aria-label", `Call spine, focused on ${s.function}`);
  }
  /** Mark the selected node (a jump from search or a list) without moving the keyboard. */
  markSelected(t) {
    for (const s of this.element.querySelectorAll("[aria-selected]")) s.removeAttribute("aria-selected");
    const e = t === null ? void 0 : this.items.get(t);
    e !== void 0 && (e.setAttribute("aria-selected", "true"), this.current !== null && this.current !== e && (this.current.tabIndex = -1), this.current = e, e.tabIndex = 0, this.element.tabIndex = -1);
  }
  /** Mark one item expanded or collapsed. */
  setExpanded(t, e) {
    const s = this.items.get(t);
    s?.hasAttribute("aria-expanded") && s.setAttribute("aria-expanded", String(e));
  }
  /** Move keyboard focus to a node's item (from a click on the canvas). */
  focusItem(t) {
    const e = this.items.get(t);
    e !== void 0 && this.moveTo(e);
  }
  updateLane(t) {
    let e = this.lanes.get(t.id);
    e === void 0 && (e = document.createElement("li"), e.setAttribute("role", "treeitem"), e.setAttribute("aria-level", "1"), e.setAttribute("aria-expanded", "true"), e.dataset.lane = String(t.id), e.tabIndex = -1, e.append(pt()), this.element.append(e), this.lanes.set(t.id, e)), e.setAttribute("aria-label", `lane ${t.name}`);
  }
  updateItem(t, e, s) {
    const i = this.items.get(t.id) ?? this.createItem(t), o = Lt(t), r = j(t), l = wt(t), a = `${o}
${r}
${l}
${t.state}
${s}`;
    if (this.signatures.get(t.id) !== a) {
      this.signatures.set(t.id, a), i.setAttribute("aria-label", o), i.setAttribute("aria-description", [r, l].filter((g) => g !== "").join(" ; ")), i.dataset.state = t.state, i.dataset.calls = String(t.calls), i.dataset.args = r, i.dataset.result = l;
      const d = t.sample?.duration;
      d != null && (i.dataset.durationNs = String(d)), i.dataset.timing = $t(t);
      const c = K(t)?.error;
      c && (i.dataset.error = `${c.type}: ${c.message}`), We(i, t, s);
    }
    i.hasAttribute("aria-expanded") && i.setAttribute("aria-expanded", String(!e));
  }
  createItem(t) {
    const e = document.createElement("li");
    return e.setAttribute("role", "treeitem"), e.id = `df-node-${t.id}`, e.tabIndex = -1, e.dataset.node = String(t.id), e.dataset.function = t.function, e.dataset.kind = t.kind, e.dataset.source = t.line > 0 ? `${t.file}:${t.line}` : t.file, e.setAttribute("aria-level", String(t.depth + 2)), this.parentGroup(t).append(e), this.items.set(t.id, e), e;
  }
  // Children go into their parent's group (created on the first child, which also makes the
  // parent expandable); roots go into their lane's group.
  parentGroup(t) {
    const e = t.parent === null ? this.lanes.get(t.lane) : this.items.get(t.parent);
    if (e === void 0) return this.element;
    let s = e.querySelector(":scope > [role=group]");
    if (s === null) {
      s = pt(), e.append(s);
      const i = t.parent !== null && this.isFolded(t.parent);
      e.setAttribute("aria-expanded", String(!i));
    }
    return s;
  }
  onTreeFocus() {
    const t = this.visibleItems()[0];
    this.current === null && t !== void 0 ? this.moveTo(t) : this.current?.focus();
  }
  onFocusIn(t) {
    const e = t.target;
    if (e instanceof HTMLLIElement) {
      this.current = e, this.element.tabIndex = -1;
      for (const s of this.element.querySelectorAll("[aria-selected]")) s.removeAttribute("aria-selected");
      e.setAttribute("aria-selected", "true"), this.actions.focusNode(e.dataset.node === void 0 ? null : Number(e.dataset.node));
    }
  }
  onKey(t) {
    const e = this.current;
    if (e === null) return;
    this.handleKey(t.key, e) && t.preventDefault();
  }
  handleKey(t, e) {
    const s = () => {
      const o = this.visibleItems();
      return { items: o, index: o.indexOf(e) };
    }, i = e.getAttribute("aria-expanded");
    switch (t) {
      case "ArrowDown": {
        const { items: o, index: r } = s();
        return this.moveTo(o[r + 1]);
      }
      case "ArrowUp": {
        const { items: o, index: r } = s();
        return this.moveTo(o[r - 1]);
      }
      case "Home":
        return this.moveTo(s().items[0]);
      case "End": {
        const { items: o } = s();
        return this.moveTo(o[o.length - 1]);
      }
      case "ArrowRight":
        return i === "false" ? this.toggle(e, !1) : i === "true" ? this.moveTo(Ke(e)) : !1;
      case "ArrowLeft":
        return i === "true" && e.dataset.node !== void 0 ? this.toggle(e, !0) : this.moveTo(e.parentElement?.closest("[role=treeitem]") ?? void 0);
      case "Enter":
        return e.dataset.node !== void 0 && this.actions.openSource(Number(e.dataset.node)), !0;
      default:
        return !1;
    }
  }
  toggle(t, e) {
    return this.actions.setCollapsed(Number(t.dataset.node), e), t.setAttribute("aria-expanded", String(!e)), !0;
  }
  moveTo(t) {
    return t === void 0 ? !1 : (this.current !== null && (this.current.tabIndex = -1), t.tabIndex = 0, t.focus(), !0);
  }
  // Items whose ancestors are all expanded, in document (= drawing) order.
  visibleItems() {
    return [...this.element.querySelectorAll("[role=treeitem]")].filter(
      (e) => e.closest('[aria-expanded="false"] [role=treeitem]') === null && e.closest("[hidden]") === null
    );
  }
}
function We(n, t, e) {
  e ? n.dataset.ghost = "true" : delete n.dataset.ghost, O(t) ? (n.dataset.placeholder = "true", n.dataset.reason = X(t)) : (delete n.dataset.placeholder, delete n.dataset.reason);
}
function Ke(n) {
  const t = n.querySelector(":scope > [role=group]");
  for (const e of t?.children ?? [])
    if (e instanceof HTMLLIElement && !e.hidden) return e;
}
function pt() {
  const n = document.createElement("ul");
  return n.setAttribute("role", "group"), n;
}
const Ve = 200, Ue = 250, Xe = 500;
class Ye {
  constructor(t, e) {
    this.connection = e, this.root = t, this.session = new Ie(e, {
      incompatible: (i) => this.showIncompatible(i),
      runs: (i) => this.onRuns(i),
      opened: (i) => this.onOpened(i),
      applied: (i, o) => this.onApplied(i, o),
      error: (i) => this.showToast(i)
    }), this.canvas = h("canvas", "df-canvas"), this.canvas.setAttribute("aria-hidden", "true"), this.painter = new Me(this.canvas), this.stage = h("div", "df-stage");
    const s = h("div", "df-scroller");
    this.scroller = new Re(s, () => this.schedule()), this.history = new oe({
      open: (i) => this.session.open(i, !0),
      followLive: (i) => this.session.setFollowLive(i),
      refresh: () => this.session.refresh()
    }), this.timeline = new je({
      seek: (i) => this.session.seek(i),
      play: () => this.session.play(),
      pause: () => this.session.pause(),
      setSpeed: (i) => this.session.setSpeed(i),
      goLive: () => this.session.goLive()
    }), this.tree = new qe({
      focusNode: (i) => this.onTreeFocus(i),
      openSource: (i) => this.openSource(i, null),
      setCollapsed: (i, o) => this.setCollapsed(i, o)
    }), this.explorer = new Yt(this.exploreHost(), e), this.popup = new He(e), this.followButton = m("↓ Follow", "df-follow", () => this.scroller.resume()), this.notice = h("div", "df-notice"), this.toast = h("div", "df-toast"), this.toast.setAttribute("role", "alert"), this.build(s), this.listen(s);
  }
  connection;
  session;
  layout = new ae();
  anim = new kt();
  meter = new de();
  scroller;
  /** Which node the focus zone follows. */
  followed = new Zt();
  /** When each node was first laid out and drawn (Date.now() ms), for latency measurements. */
  appeared = /* @__PURE__ */ new Map();
  drawn = 0;
  hover = null;
  focus = null;
  /** Search, jumps, fold and focus, the overview and the details panel. */
  explorer;
  /** The column right of the spine where side panels are mounted. */
  side = new _e();
  root;
  stage;
  canvas;
  painter;
  status = new De();
  history;
  timeline;
  tree;
  card = new ce();
  popup;
  followButton;
  notice;
  toast;
  layoutDirty = !1;
  foldsShown = -1;
  treeDirty = /* @__PURE__ */ new Set();
  newNodes = [];
  frameRequested = !1;
  treeFlushedAt = 0;
  size = { width: 0, height: 0 };
  /** Connect and start drawing. */
  start() {
    this.meter.start(), this.connection.start({
      message: (t) => this.session.handle(t),
      state: (t) => this.status.renderLink(t)
    }), this.schedule();
  }
  /** The current run's model, if a run is open. */
  get model() {
    return this.session.model;
  }
  /** Where a node is drawn, in viewport (client) pixels; undefined when hidden or unknown. */
  nodeRect(t) {
    const e = this.model, s = e === null ? void 0 : this.layout.center(e, t);
    if (s === void 0) return;
    const i = this.stage.getBoundingClientRect(), o = i.left + s.x - this.scroller.left, r = i.top + s.y - this.scroller.top;
    return new DOMRect(o - 8, r - 8, 16, 16);
  }
  /** A node's three text lines as drawn, clipped to its column; undefined when not laid out. */
  labels(t) {
    const e = this.model;
    return e === null ? void 0 : this.painter.labels(e, this.layout, t);
  }
  /** Scroll a node into the middle of the view (stops following). */
  reveal(t) {
    const e = this.model, s = e === null ? void 0 : this.layout.center(e, t);
    s !== void 0 && this.scroller.reveal(s);
  }
  build(t) {
    this.root.classList.add("df-hud"), this.root.replaceChildren();
    const e = h("div", "df-body"), s = h("nav", "df-tree-box");
    s.setAttribute("aria-label", "Spine (keyboard: arrows move, Enter opens the source)"), s.append(this.tree.element), this.stage.append(this.canvas, t, this.card.element, this.popup.element, this.followButton, this.notice), this.side.add(this.explorer.details.element, !0), this.side.add(this.history.element), e.append(this.stage, this.explorer.overview.element, this.side.element), this.root.append(this.status.element, this.explorer.bar.element, e, this.timeline.element, s), this.root.append(this.explorer.list.element, this.toast), this.setNotice("Waiting for a traced program… run `flow run your_script.py` in this project."), new ResizeObserver(() => this.resize()).observe(this.stage);
  }
  listen(t) {
    t.addEventListener("pointermove", (e) => this.onPointer(e)), t.addEventListener("pointerleave", () => this.setHover(null)), t.addEventListener("click", (e) => this.onClick(e)), t.addEventListener("keydown", (e) => {
      e.key === "End" && this.scroller.resume();
    });
  }
  resize() {
    const t = this.stage.getBoundingClientRect();
    this.size = { width: t.width, height: t.height }, this.painter.resize(t.width, t.height, window.devicePixelRatio || 1), this.layoutDirty = !0, this.schedule();
  }
  onRuns(t) {
    this.history.setRuns(t), this.history.setCurrent(this.model?.runId ?? null), this.history.setFollowLive(this.session.followLive);
  }
  onOpened(t) {
    this.explorer.reset(), this.layout.build(t), this.tree.reset(), this.anim.clear(), this.appeared.clear(), this.treeDirty.clear(), this.newNodes = [], this.hover = null, this.focus = null, this.popup.hide(), this.followed.reset(), this.scroller.resume(), this.history.setCurrent(t.runId), this.history.setFollowLive(this.session.followLive), this.setNotice("Loading the run…"), this.schedule();
  }
  onApplied(t, e) {
    if (e.reset) {
      this.tree.reset(), this.treeDirty.clear(), this.layoutDirty = !0;
      for (const s of t.nodes) s !== void 0 && this.treeDirty.add(s.id);
    }
    e.added.length > 0 && (this.layoutDirty = !0, this.newNodes.push(...e.added));
    for (const s of e.touched) this.treeDirty.add(s);
    this.followed.update(t, e), this.anim.add(e, t, performance.now()), this.schedule();
  }
  schedule() {
    this.frameRequested || (this.frameRequested = !0, requestAnimationFrame((t) => this.frame(t)));
  }
  frame(t) {
    this.frameRequested = !1;
    const e = this.model;
    e !== null && this.commit(e);
    const s = this.scroller.follow(this.followTarget(e), e?.nodes.length ?? 0, t);
    this.followButton.hidden = this.scroller.following || (e?.nodes.length ?? 0) < 5, this.status.render(e?.status ?? null, e?.mode ?? null, e?.at ?? null), this.timeline.render(this.session.timeline()), this.drawn = e === null ? 0 : this.paint(e, t), e !== null && this.explorer.frame(e, t), (this.hover ?? this.focus) !== null && e !== null && this.refreshCard(e), e !== null && this.flushTree(e);
    const i = this.anim.prune(t), o = e?.status?.state === "live" && e.mode === "live";
    (i || s || o || this.treeDirty.size > 0) && this.schedule();
  }
  // Apply what arrived since the last frame: layout and appearance times.
  commit(t) {
    this.layoutDirty && this.relayout();
    const e = Date.now();
    for (const i of this.newNodes) this.appeared.has(i) || this.appeared.set(i, e);
    this.newNodes = [];
    const s = t.version < 0 ? "Loading the run…" : "Run started — waiting for its first traced call…";
    this.setNotice(t.nodes.length === 0 ? s : "");
  }
  // The accessible tree follows at most ~4 times a second when much changes at once.
  flushTree(t) {
    const e = performance.now() - this.treeFlushedAt > Ue;
    if (this.treeDirty.size === 0 || this.treeDirty.size > Ve && !e) return;
    const s = [...this.treeDirty].sort((i, o) => i - o).slice(0, Xe);
    this.tree.update(t, s, (i) => this.layout.isFolded(t, i));
    for (const i of s) this.treeDirty.delete(i);
    this.treeFlushedAt = this.treeDirty.size > 0 ? 0 : performance.now();
  }
  paint(t, e) {
    return this.painter.draw({
      model: t,
      layout: this.layout,
      anim: this.anim,
      view: { left: this.scroller.left, top: this.scroller.top, ...this.size },
      hover: this.hover,
      focus: this.focus,
      focusZone: this.scroller.following && t.nodes.length >= 5,
      now: e,
      hits: this.explorer.hits,
      hit: this.explorer.cursor.current,
      selected: this.explorer.selected
    });
  }
  /** Lay the spine out again now: after new nodes, a resize, a fold or a focus. */
  relayout() {
    const t = this.model;
    this.layoutDirty = !1, t !== null && (this.layout.build(t), this.layout.fitColumns(this.size.width, this.layout.columns.length), this.scroller.setContentSize(this.layout.width, this.layout.height + this.size.height / 2), this.layout.folds.revision !== this.foldsShown && (this.foldsShown = this.layout.folds.revision, this.tree.syncFolds((e) => this.layout.isFolded(t, e)), this.tree.setFocusRoot(t, this.layout.folds.focus)), this.schedule());
  }
  /** Node ids of the rows in view, in every column. */
  visibleNodes() {
    const t = Math.max(0, Math.floor((this.scroller.top - u.headerHeight) / u.rowHeight)), e = Math.ceil((this.scroller.top + this.size.height - u.headerHeight) / u.rowHeight);
    return this.layout.columns.flatMap((s) => s.slice(t, Math.max(t, e)));
  }
  exploreHost() {
    const t = this;
    return {
      get model() {
        return t.model;
      },
      layout: this.layout,
      relayout: () => this.relayout(),
      scrollTo: (e) => this.reveal(e),
      visibleNodes: () => this.visibleNodes(),
      markSelected: (e) => this.tree.markSelected(e),
      schedule: () => this.schedule()
    };
  }
  followTarget(t) {
    const e = this.followed.current;
    return t === null || e === null ? null : this.layout.center(t, e) ?? null;
  }
  onPointer(t) {
    const e = this.stage.getBoundingClientRect(), s = t.clientX - e.left + this.scroller.left, i = this.layout.hit(s, t.clientY - e.top + this.scroller.top);
    this.setHover(i ?? null);
  }
  setHover(t) {
    if (t === this.hover) return;
    this.hover = t;
    const e = this.model;
    e !== null && this.refreshCard(e), this.stage.dataset.hover = t === null ? "" : String(t), this.schedule();
  }
  // The card sits beside the node's column, so it never hides the spine it describes.
  refreshCard(t) {
    const e = this.hover ?? this.focus, s = e === null ? void 0 : t.node(e), i = this.nodePoint(e), o = s === void 0 ? void 0 : this.layout.column(s.lane), r = o === void 0 ? 0 : this.layout.x(o) + this.layout.columnWidth - this.scroller.left;
    this.card.show(t, e, r, (i?.y ?? 0) - 24, new DOMRect(0, 0, this.size.width, this.size.height));
  }
  nodePoint(t) {
    const e = this.model, s = e === null || t === null ? void 0 : this.layout.center(e, t);
    return s === void 0 ? null : { x: s.x - this.scroller.left, y: s.y - this.scroller.top };
  }
  onClick(t) {
    const e = this.stage.getBoundingClientRect(), s = { x: t.clientX - e.left, y: t.clientY - e.top }, i = this.layout.hit(s.x + this.scroller.left, s.y + this.scroller.top);
    if (i === void 0) {
      this.popup.hide();
      return;
    }
    const o = this.model, r = o === null ? void 0 : this.layout.center(o, i);
    if (r !== void 0 && s.x + this.scroller.left < r.x - u.radius && o?.children.has(i)) {
      this.explorer.toggleFold(i);
      return;
    }
    this.explorer.select(i), this.openSource(i, s);
  }
  openSource(t, e) {
    const s = this.model?.node(t), i = e ?? this.nodePoint(t);
    if (s === void 0 || i === null) return;
    const o = Math.min(i.x + 12, Math.max(8, this.size.width - 320));
    this.popup.open(s, o, i.y + 14);
  }
  onTreeFocus(t) {
    this.focus = t, this.explorer.select(t), t !== null && this.reveal(t);
    const e = this.model;
    e !== null && this.refreshCard(e), this.schedule();
  }
  setCollapsed(t, e) {
    this.explorer.setFold(t, e);
  }
  setNotice(t) {
    this.notice.textContent !== t && (this.notice.textContent = t), this.notice.hidden = t === "";
  }
  showIncompatible(t) {
    this.root.dataset.incompatible = "true", this.setNotice(t), this.notice.classList.add("df-notice-error");
  }
  showToast(t) {
    this.toast.textContent = t, this.toast.hidden = !1, window.setTimeout(() => {
      this.toast.textContent === t && (this.toast.hidden = !0);
    }, 6e3);
  }
}
function Ze(n) {
  window.debugflowHud = {
    get frames() {
      return n.meter.frames;
    },
    get maxFrameGapMs() {
      return n.meter.maxGapMs;
    },
    fps: () => n.meter.fps(),
    resetMeter: () => n.meter.reset(),
    runId: () => n.model?.runId ?? null,
    version: () => n.model?.version ?? -1,
    drawn: () => n.drawn,
    following: () => n.scroller.following,
    nodes: () => (n.model?.nodes ?? []).filter((t) => t !== void 0).map((t) => ({ id: t.id, function: t.function, state: t.state })),
    nodeRect: (t) => {
      const e = n.nodeRect(t);
      return e === void 0 ? null : { x: e.x, y: e.y, width: e.width, height: e.height };
    },
    reveal: (t) => n.reveal(t),
    labels: (t) => n.labels(t) ?? null,
    appeared: () => Object.fromEntries(n.appeared),
    rows: () => n.layout.columns.map((t) => [...t]),
    visible: () => n.visibleNodes(),
    selected: () => n.explorer.selected,
    hits: () => [...n.explorer.cursor.hits],
    folded: (t) => n.model === null ? !1 : n.layout.isFolded(n.model, t),
    overviewBox: (t) => {
      const e = n.explorer.overview.layout.box(t);
      if (e === void 0) return null;
      const s = n.explorer.overview.canvas.getBoundingClientRect();
      return { x: s.left + e.x, y: s.top + e.y, width: e.w, height: e.h };
    }
  };
}
function Je(n, t) {
  const e = new Ye(n, t);
  return e.start(), e;
}
function mt() {
  const n = document.getElementById("debugflow-hud");
  n === null || n.dataset.autostart === "false" || Ze(Je(n, P.fromLocation(window.location)));
}
document.readyState === "loading" ? document.addEventListener("DOMContentLoaded", mt) : mt();
export {
  P as HubConnection,
  Je as render
};
