// The dashboard's page: polls /api/runs every second and redraws one SVG line chart per tag,
// one line per run, without reloading. Each chart's element carries data-points (the points
// drawn) and the body data-updates (how many polls brought new points), which the tests read.
// Per-layer diagnostics (layers/<statistic>/<layer>) show as a table of their latest values, the
// prediction/N images of validation samples with their prediction/N captions as figures.
"use strict";

const WIDTH = 360, HEIGHT = 200, LEFT = 48, RIGHT = 10, TOP = 8, BOTTOM = 22;
const COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf"];
const SVG = "http://www.w3.org/2000/svg";
let lastSignature = "";
let updates = 0;

const STATISTICS = ["activation_mean", "activation_std", "dead_fraction", "gradient_norm", "weight_norm", "update_ratio"];

function section(tag) {
  if (tag.startsWith("layers/")) return "layers";
  if (tag.startsWith("gradient_norm")) return "gradients";
  if (tag.includes("learning_rate")) return "rate";
  if (tag.startsWith("batch_")) return "batch";
  return "epoch";
}

function element(name, attributes, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  parent.appendChild(node);
  return node;
}

function format(value) {
  const magnitude = Math.abs(value);
  return magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e4) ? value.toExponential(2) : value.toPrecision(4);
}

function chart(tag, series) {
  const box = document.createElement("div");
  box.className = "chart";
  box.dataset.tag = tag;
  const title = document.createElement("h3");
  title.textContent = tag;
  box.appendChild(title);
  const svg = element("svg", {width: WIDTH, height: HEIGHT, viewBox: `0 0 ${WIDTH} ${HEIGHT}`}, box);
  const points = series.flatMap(s => s.points.filter(p => p.length === 2));
  box.dataset.points = String(points.length);
  if (points.length === 0) return box;
  const steps = points.map(p => p[0]), values = points.map(p => p[1]);
  let [x0, x1] = [Math.min(...steps), Math.max(...steps)];
  let [y0, y1] = [Math.min(...values), Math.max(...values)];
  if (x0 === x1) { x0 -= 1; x1 += 1; }
  if (y0 === y1) { y0 -= Math.abs(y0) * 0.1 + 1e-9; y1 += Math.abs(y1) * 0.1 + 1e-9; }
  const x = s => LEFT + (s - x0) / (x1 - x0) * (WIDTH - LEFT - RIGHT);
  const y = v => HEIGHT - BOTTOM - (v - y0) / (y1 - y0) * (HEIGHT - TOP - BOTTOM);
  element("line", {x1: LEFT, y1: HEIGHT - BOTTOM, x2: WIDTH - RIGHT, y2: HEIGHT - BOTTOM, stroke: "#999"}, svg);
  element("line", {x1: LEFT, y1: TOP, x2: LEFT, y2: HEIGHT - BOTTOM, stroke: "#999"}, svg);
  element("text", {x: 2, y: TOP + 8}, svg).textContent = format(y1);
  element("text", {x: 2, y: HEIGHT - BOTTOM}, svg).textContent = format(y0);
  element("text", {x: LEFT, y: HEIGHT - 6}, svg).textContent = String(x0);
  element("text", {x: WIDTH - RIGHT, y: HEIGHT - 6, "text-anchor": "end"}, svg).textContent = String(x1);
  for (const s of series) {
    const drawn = s.points.filter(p => p.length === 2);
    const path = drawn.map(p => `${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join(" ");
    element("polyline", {points: path, fill: "none", stroke: s.color, "stroke-width": 1.6}, svg);
    if (drawn.length === 1) element("circle", {cx: x(drawn[0][0]), cy: y(drawn[0][1]), r: 2.5, fill: s.color}, svg);
  }
  return box;
}

function render(data) {
  document.getElementById("directory").textContent = data.directory;
  const colors = new Map(data.runs.map((run, i) => [run.name, COLORS[i % COLORS.length]]));
  const legend = document.getElementById("legend");
  legend.replaceChildren(...data.runs.map(run => {
    const item = document.createElement("span");
    item.innerHTML = `<i style="background:${colors.get(run.name)}"></i>`;
    item.appendChild(document.createTextNode(run.name));
    return item;
  }));
  const tags = [...new Set(data.runs.flatMap(run => Object.keys(run.scalars)))].sort();
  for (const id of ["epoch", "batch", "rate", "gradients"]) {
    const charts = tags.filter(tag => section(tag) === id).map(tag => chart(tag, data.runs
        .filter(run => run.scalars[tag]).map(run => ({color: colors.get(run.name), points: run.scalars[tag]}))));
    document.getElementById(id).replaceChildren(...charts);
  }
  document.getElementById("layers").replaceChildren(...data.runs.map(layerTable).filter(table => table));
  document.getElementById("predictions").replaceChildren(...data.runs.flatMap(predictions));
  const warnings = data.runs.filter(run => run.texts.warnings)
      .flatMap(run => run.texts.warnings.split("\n\n").map(warning => {
        const line = document.createElement("p");
        line.className = "warning";
        line.textContent = `${run.name}: ${warning}`;
        return line;
      }));
  if (warnings.length === 0) {
    const none = document.createElement("p");
    none.textContent = "None so far (vanishing or exploding gradients, a learning rate that makes the loss rise).";
    warnings.push(none);
  }
  document.getElementById("warnings").replaceChildren(...warnings);
  const texts = document.getElementById("texts");
  texts.replaceChildren(...data.runs.flatMap(run => Object.entries(run.texts)
      .filter(([tag]) => !tag.startsWith("prediction/") && tag !== "warnings").map(([tag, text]) => {
    const block = document.createElement("details");
    const summary = document.createElement("summary");
    summary.textContent = `${run.name}: ${tag}`;
    const pre = document.createElement("pre");
    pre.textContent = text.replace(/^```\w*\n|```$/g, "");
    block.append(summary, pre);
    return block;
  })));
}

// One row per layer, one column per statistic: the latest value of each layers/<statistic>/<layer> scalar.
function layerTable(run) {
  const rows = new Map();
  for (const [tag, points] of Object.entries(run.scalars)) {
    if (!tag.startsWith("layers/") || points.length === 0) continue;
    const [, statistic, ...layer] = tag.split("/");
    const name = layer.join("/");
    if (!rows.has(name)) rows.set(name, {});
    const last = points[points.length - 1];
    rows.get(name)[statistic] = last.length === 2 ? last[1] : NaN;
  }
  if (rows.size === 0) return null;
  const table = document.createElement("table");
  table.className = "layers";
  table.dataset.run = run.name;
  const head = table.createTHead().insertRow();
  for (const title of [run.name, ...STATISTICS]) head.insertCell().textContent = title.replace("_", " ");
  const body = table.createTBody();
  const order = [...rows.keys()].sort((a, b) => a.localeCompare(b, undefined, {numeric: true}));
  for (const name of order) {
    const row = body.insertRow();
    row.insertCell().textContent = name;
    for (const statistic of STATISTICS) {
      const value = rows.get(name)[statistic];
      row.insertCell().textContent = value === undefined ? "" : statistic === "dead_fraction"
          ? `${Math.round(100 * value)}%` : format(value);
    }
  }
  return table;
}

// The prediction/N images of a run, each with its caption (true and predicted class).
function predictions(run) {
  return Object.entries(run.images ?? {}).filter(([tag]) => tag.startsWith("prediction/"))
      .sort(([a], [b]) => a.localeCompare(b, undefined, {numeric: true})).map(([tag, step]) => {
        const figure = document.createElement("figure");
        figure.className = "prediction";
        const image = document.createElement("img");
        image.src = `api/image?run=${encodeURIComponent(run.name)}&tag=${encodeURIComponent(tag)}&step=${step}`;
        image.alt = tag;
        const caption = document.createElement("figcaption");
        caption.textContent = run.texts[tag] ?? "";
        figure.append(image, caption);
        return figure;
      });
}

async function poll() {
  try {
    const response = await fetch("api/runs", {cache: "no-store"});
    const data = await response.json();
    const signature = JSON.stringify(data.runs.map(run => [run.name, Object.values(run.scalars)
        .reduce((sum, points) => sum + points.length, 0), run.images, Object.keys(run.texts).length]));
    if (signature !== lastSignature) {
      lastSignature = signature;
      updates++;
      document.body.dataset.updates = String(updates);
      render(data);
    }
    document.getElementById("status").textContent = `${data.runs.length} run(s), updated ${new Date().toLocaleTimeString()}`;
  } catch (error) {
    document.getElementById("status").textContent = `waiting for the server (${error})`;
  }
  setTimeout(poll, 1000);
}

poll();
