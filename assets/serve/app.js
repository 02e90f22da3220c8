// The what-if page: builds one slider and number box per knob from
// /api/knobs, runs /api/run (debounced) when a knob changes, and shows the
// latest answer. No framework; server text is set with textContent only.
"use strict";

const DEBOUNCE_MS = 350;
const state = {
  knobs: [],
  scenario: null,
  replications: 0,
  changed: new Map(), // key -> value in scenario units
  seq: 0, // number of the latest request
  inFlight: null, // AbortController of the latest request
  timer: 0,
  last: null, // the latest answer shown
  expected: 0.8, // seconds the last run took
  chartUrls: [],
};

const $ = (id) => document.getElementById(id);

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

// Decimals needed to show `step` exactly.
function decimals(step) {
  const s = String(step);
  if (s.includes("e-")) return Number(s.split("e-")[1]);
  return s.includes(".") ? s.split(".")[1].length : 0;
}

function round(x, d) {
  return Number(x.toFixed(Math.min(Math.max(d, 0), 12)));
}

function shown(knob, value) {
  return round(value * knob.scale, decimals(knob.step * knob.scale) + 2);
}

function fromShown(knob, display) {
  const v = display / knob.scale;
  return knob.integer ? Math.round(v) : round(v, decimals(knob.step) + 4);
}

function formatShown(knob, value) {
  const d = decimals(round(knob.step * knob.scale, 10));
  return shown(knob, value).toLocaleString("en-US", { maximumFractionDigits: Math.max(d, 2) });
}

// A knob's value as sent: integers as JSON integers, floats as a TOML
// float literal (so 1 stays a float, as `--set key=1.0` would).
function wireValue(knob, value) {
  if (knob.integer) return Math.round(value);
  const s = String(value);
  return /[.eE]/.test(s) ? s : s + ".0";
}

function buildKnobs() {
  const root = $("knobs");
  root.textContent = "";
  let group = null;
  state.knobs.forEach((knob, i) => {
    if (!group || group.dataset.name !== knob.group) {
      group = el("fieldset", "group");
      group.dataset.name = knob.group;
      group.append(el("legend", "", knob.group));
      root.append(group);
    }
    const box = el("div", "knob");
    box.dataset.key = knob.key;
    const id = "knob-" + i;
    const label = el("label", "label", knob.label);
    label.htmlFor = id;
    const row = el("div", "row");
    const range = el("input", "range");
    range.type = "range";
    range.id = id + "-range";
    range.setAttribute("aria-label", knob.label);
    range.min = shown(knob, knob.min);
    range.max = shown(knob, knob.max);
    range.step = round(knob.step * knob.scale, 10);
    const num = el("input", "number");
    num.type = "number";
    num.id = id;
    num.inputMode = "decimal";
    num.step = "any";
    const unit = el("span", "unit", knob.unit);
    const numWrap = el("span", "numbox");
    numWrap.append(num, unit);
    row.append(range, numWrap);
    const back = el("button", "link back", "");
    back.type = "button";
    back.hidden = true;
    const help = el("p", "help", knob.help);
    const source = el("p", "source", knob.source);
    box.append(label, row, help, source, back);
    group.append(box);
    knob.ui = { range, num, back, box, source };
    range.addEventListener("input", () => {
      num.value = range.value;
      setValue(knob, fromShown(knob, Number(range.value)), false);
    });
    num.addEventListener("input", () => {
      if (num.value === "" || !Number.isFinite(Number(num.value))) return;
      range.value = num.value;
      setValue(knob, fromShown(knob, Number(num.value)), false);
    });
    back.addEventListener("click", () => setValue(knob, knob.value, true));
    setValue(knob, knob.value, true, true);
  });
}

// Sets a knob (in scenario units), marks it changed or not, and schedules a run.
function setValue(knob, value, updateInputs, initial) {
  if (updateInputs) {
    knob.ui.range.value = shown(knob, value);
    knob.ui.num.value = shown(knob, value);
  }
  const same = Math.abs(value - knob.value) <= 1e-12 * Math.max(1, Math.abs(knob.value));
  if (same) state.changed.delete(knob.key);
  else state.changed.set(knob.key, value);
  knob.ui.box.classList.toggle("changed", !same);
  // A source speaks of the value it was given for, never of a changed one.
  knob.ui.source.textContent = same ? knob.source : "Your change on this page.";
  knob.ui.back.hidden = same;
  knob.ui.back.textContent = "Back to " + formatShown(knob, knob.value) + " " + knob.unit;
  $("reset").disabled = state.changed.size === 0;
  if (!initial) schedule();
}

function schedule() {
  clearTimeout(state.timer);
  state.timer = setTimeout(run, DEBOUNCE_MS);
}

function requestBody() {
  const set = {};
  for (const knob of state.knobs) {
    if (state.changed.has(knob.key)) set[knob.key] = wireValue(knob, state.changed.get(knob.key));
  }
  return { set, replications: state.replications };
}

function busy(on) {
  const bar = $("progress-bar");
  document.body.classList.toggle("running", on);
  $("progress").hidden = false;
  if (on) {
    bar.style.transition = "none";
    bar.style.width = "0%";
    void bar.offsetWidth; // restart the transition
    bar.style.transition = "width " + Math.max(state.expected, 0.2) + "s ease-out";
    bar.style.width = "90%";
    $("status").textContent = state.last
      ? "Recalculating with your numbers…"
      : "Simulating your business…";
  } else {
    bar.style.transition = "width 0.15s";
    bar.style.width = "100%";
    setTimeout(() => { if (!document.body.classList.contains("running")) $("progress").hidden = true; }, 250);
  }
}

async function run() {
  const seq = ++state.seq;
  if (state.inFlight) state.inFlight.abort(); // the server cancels its simulation
  const ctrl = new AbortController();
  state.inFlight = ctrl;
  busy(true);
  let answer;
  let status = 0;
  try {
    const r = await fetch("/api/run", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(requestBody()),
      signal: ctrl.signal,
    });
    status = r.status;
    answer = await r.json();
    if (status === 503 && seq === state.seq) {
      const wait = Number(r.headers.get("Retry-After") || "1");
      setTimeout(() => { if (seq === state.seq) run(); }, wait * 1000);
      return;
    }
  } catch (e) {
    if (seq !== state.seq) return; // replaced by a newer request
    answer = { error: "The page cannot reach wom serve. Is it still running?" };
  }
  if (seq !== state.seq) return; // a stale answer: a newer request is on its way
  state.inFlight = null;
  busy(false);
  if (status === 200) {
    show(answer);
  } else {
    problem(answer && answer.error ? answer.error : "Something went wrong (" + status + ").");
  }
}

function problem(message) {
  const p = $("problem");
  p.hidden = false;
  // The command line's message names its flag (`--set KEY=VALUE: …`); on
  // the page the marked knob says which value it was.
  const words = message.replace(/^--set [^=\s]+=[^:]*: /, "");
  const reason = /[.!?]$/.test(words) ? words : words + ".";
  p.textContent = "The simulator cannot use these numbers: " + reason +
    " The answer shown is still the last one that worked.";
  $("status").textContent = "Showing the last answer that worked.";
  // Mark the knob the message names, if any.
  for (const knob of state.knobs) {
    knob.ui.box.classList.toggle("refused", message.includes("`" + knob.key + "`") || message.includes(knob.key + ":"));
  }
}

// The first comparison, large, stated once: who gains or loses how much
// against whom, its interval and the word-of-mouth part, read from the
// finding's fields. The card carries `wom run`'s sentence as data only.
function mainCard(c, horizon) {
  const card = el("article", "card main headline");
  card.dataset.headline = c.headline;
  const verb = c.tie ? "gives the same value as" : c.clear ? c.verb : c.verb + " (no clear difference)";
  card.append(el("p", "eyebrow", c.subject + " " + verb + ", over " + horizon));
  if (!c.tie) card.append(el("p", "big", c.difference));
  card.append(el("p", "versus", (c.tie ? "“" : "compared with “") + c.versus + "”"));
  const interval = el("p", "interval", "95% interval " + c.interval +
    (c.clear ? "" : ", which includes zero at this number of replications") +
    ". Both policies meet the same simulated customers, which narrows it to ");
  interval.append(el("span", "nowrap", "±" + c.paired_half_width),
    " (", el("span", "nowrap", "±" + c.unpaired_half_width), " from separate runs).");
  card.append(interval);
  if (c.word_of_mouth_share) {
    card.append(el("p", "share", c.word_of_mouth_share + " of the customer value lost travels by word of mouth."));
  }
  return card;
}

// With [uncertainty]: who is better in what share of plausible worlds and
// the uncertainty interval, read from the view's fields; the note says
// when the page drew fewer worlds than `wom run`.
function uncertaintyCard(u) {
  const card = el("article", "card uncertain");
  card.append(el("p", "eyebrow", "Given what is uncertain, over " + u.draws.toLocaleString("en-US") + " plausible worlds"));
  for (const c of u.comparisons) {
    const p = el("p", "odds");
    const worlds = c.probability.startsWith("all") ? " plausible worlds" : " of plausible worlds";
    p.append(el("span", "amount", "“" + c.better + "” is better in " + c.probability + worlds),
      "; “" + c.policy + "” is worth ", el("span", "nowrap", c.interval),
      " more than “" + c.baseline + "” (95% uncertainty interval).");
    card.append(p);
  }
  if (u.note) card.append(el("p", "note", u.note));
  return card;
}

function show(a) {
  state.last = a;
  if (!a.cached) state.expected = a.elapsed_seconds || state.expected;
  $("problem").hidden = true;
  state.knobs.forEach((k) => k.ui.box.classList.remove("refused"));
  const n = a.replications.toLocaleString("en-US");
  const horizon = a.periods + " " + a.period_label + (a.periods === 1 ? "" : "s");
  $("status").textContent = "Up to date · the next " + horizon + " simulated " + n + " times";
  const root = $("comparisons");
  root.textContent = "";
  const [main, ...others] = a.view.comparisons;
  if (main) root.append(mainCard(main, horizon));
  if (a.view.uncertainty) root.append(uncertaintyCard(a.view.uncertainty));
  if (others.length) {
    const card = el("article", "card others");
    // One subject for all (the baseline against each policy) is said once;
    // comparisons with subjects of their own (partings) say theirs.
    const same = others.every((c) => c.subject === main.subject);
    card.append(el("p", "eyebrow", same ? main.subject + ", against the other policies:" : "The other comparisons:"));
    const list = el("ul", "other-list");
    for (const c of others) {
      const li = el("li");
      li.dataset.headline = c.headline;
      if (!same) li.append(c.subject + " ");
      li.append(el("span", "amount", c.verb + " " + c.difference),
        " compared with “" + c.versus + "” ", el("span", "nowrap ci", "(95% interval " + c.interval + ")"));
      if (c.word_of_mouth_share) li.append("; " + c.word_of_mouth_share + " by word of mouth");
      list.append(li);
    }
    card.append(list);
    root.append(card);
  }
  const first = a.view.comparisons[0];
  $("ticker-text").textContent = first
    ? first.subject + " " + first.verb + " " + first.difference
    : "";
  showCharts(a.charts);
  showCauses(a.view.comparisons[0]);
  showTable(a.view.table);
  const changed = state.knobs.filter((k) => state.changed.has(k.key))
    .map((k) => k.label.toLowerCase() + (k.key.startsWith("policies.") ? " (policy “" + k.key.split(".")[1] + "”)" : "") +
      " " + formatShown(k, state.changed.get(k.key)) + " " + k.unit);
  $("method").textContent = "Scenario “" + a.scenario + "”, seed " + a.seed + ", " + n +
    " replications" + (changed.length ? "; your changes: " + changed.join("; ") : "; as written") +
    ". The downloaded scenario gives exactly these numbers with wom run.";
  $("download-scenario").disabled = false;
  $("download-report").disabled = false;
}

function showCharts(charts) {
  state.chartUrls.forEach((u) => URL.revokeObjectURL(u));
  state.chartUrls = [];
  // The response-time chart only when the scenario has response times.
  $("response").hidden = !charts.some((c) => c.name === "response_times");
  for (const c of charts) {
    const img = $("chart-" + c.name);
    if (!img) continue;
    const url = URL.createObjectURL(new Blob([c.svg], { type: "image/svg+xml" }));
    state.chartUrls.push(url);
    img.src = url;
    $("link-" + c.name).href = url;
    const title = /<text[^>]*>\s*([^<]+?)\s*<\/text>/.exec(c.svg);
    if (title) img.alt = title[1];
  }
}

// A minus sign stays with its number when a line breaks (U+2060 joins).
const glued = (text) => text.replace(/−/g, "−\u2060");

function showCauses(c) {
  const t = $("causes");
  t.textContent = "";
  if (!c) return;
  const head = t.createTHead().insertRow();
  ["Why “" + c.baseline + "” loses value", "mean", "95% interval"].forEach((h) => head.append(el("th", "", h)));
  const body = t.createTBody();
  for (const [label, mean, ci] of c.by_cause) {
    const r = body.insertRow();
    r.append(el("th", "", label), el("td", "num", glued(mean)), el("td", "num ci", glued(ci)));
  }
  const total = t.createTFoot().insertRow();
  total.append(el("th", "", "total"), el("td", "num", glued(c.difference)), el("td", "num ci", glued(c.interval)));
}

function showTable(table) {
  const t = $("metrics");
  t.textContent = "";
  const head = t.createTHead().insertRow();
  head.append(el("th", "", ""));
  // A policy name may break after `_` (a zero-width space), so two columns
  // fit a phone.
  table.columns.forEach((name) => head.append(el("th", "num", name.replace(/_/g, "_\u200b"))));
  const body = t.createTBody();
  for (const [label, cells] of table.rows) {
    const r = body.insertRow();
    r.append(el("th", "", label));
    for (const [mean, ci] of cells) {
      const td = el("td", "num");
      td.append(el("span", "mean", glued(mean)), el("span", "ci", glued(ci)));
      r.append(td);
    }
  }
}

function download(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function start() {
  try {
    const [scenario, knobs] = await Promise.all([
      fetch("/api/scenario").then((r) => r.json()),
      fetch("/api/knobs").then((r) => r.json()),
    ]);
    state.scenario = scenario;
    state.knobs = knobs.knobs;
    state.replications = knobs.replications;
    $("scenario").textContent = "Scenario “" + scenario.name + "”" +
      (scenario.description ? ": " + scenario.description : "");
    // A full stop unless the description ends a sentence of its own.
    if (!/[.?!]$/.test($("scenario").textContent)) $("scenario").textContent += ".";
    buildKnobs();
  } catch (e) {
    problem("the page could not load the scenario from wom serve.");
    return;
  }
  $("reset").addEventListener("click", () => {
    state.knobs.forEach((k) => setValue(k, k.value, true, true));
    schedule();
  });
  $("controls").addEventListener("submit", (e) => e.preventDefault());
  // On a phone the answer scrolls away: a bar at the top then keeps it in view.
  if ("IntersectionObserver" in window) {
    new IntersectionObserver(([entry]) => {
      document.body.classList.toggle("answer-hidden", !entry.isIntersecting);
    }).observe($("comparisons"));
  }
  $("download-scenario").addEventListener("click", () => {
    if (state.last) download(state.last.scenario_toml, state.last.scenario + "-what-if.toml", "application/toml");
  });
  $("download-report").addEventListener("click", () => {
    if (state.last) download(state.last.report_html, state.last.scenario + "-report.html", "text/html");
  });
  run();
}

document.addEventListener("DOMContentLoaded", start);
