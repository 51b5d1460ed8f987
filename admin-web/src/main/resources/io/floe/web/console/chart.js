// Bar and line charts of a result, drawn as SVG: the first non-numeric column (or the first column)
// along the x axis, up to four numeric columns as series. No library: a result grid's chart needs
// axes, bars, lines and a legend, which take less code than loading one.

import { h, numericType } from "./core.js";

const NS = "http://www.w3.org/2000/svg";
const COLOURS = ["#0b5cad", "#c4461b", "#1a7f37", "#8250df"];
const MARGIN = { top: 16, right: 16, bottom: 56, left: 72 };

function svg(tag, attrs = {}, ...children) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  for (const c of children.flat()) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

/** Ticks at a round step (1, 2, 5 times a power of ten) from at most lo to at least hi, about five. */
function ticks(lo, hi) {
  if (lo === hi) { lo -= 1; hi += 1; }
  const raw = (hi - lo) / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
  const out = [];
  for (let v = Math.floor(lo / step) * step; ; v += step) {
    out.push(Number(v.toPrecision(12)));
    if (v >= hi) return out;
  }
}

function label(v) {
  return Math.abs(v) >= 1e6 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : v.toLocaleString();
}

/**
 * A chart of {@code rows} (arrays of {value, quoted} CSV fields) whose columns are {@code columns}
 * ({name, type}); {@code kind} is "bar" or "line"; {@code size} its {width, height} in SVG units
 * (text is 12 units high). Returns a figure, or a note when nothing is numeric.
 */
export function chart(columns, rows, kind, size = { width: 860, height: 340 }) {
  const WIDTH = size.width;
  const HEIGHT = size.height;
  const numeric = columns.map((c) => numericType(c.type));
  let x = numeric.findIndex((n) => !n);
  if (x < 0) x = 0;
  const series = columns.map((c, i) => i).filter((i) => i !== x && numeric[i]).slice(0, COLOURS.length);
  if (!series.length || !rows.length) {
    return h("p", { class: "muted", id: "chart-note" }, "A chart needs rows and at least one numeric column besides the first.");
  }
  const value = (row, i) => (row[i].value === "" && !row[i].quoted ? null : Number(row[i].value));
  const all = rows.flatMap((r) => series.map((i) => value(r, i))).filter((v) => v !== null && Number.isFinite(v));
  const axis = ticks(Math.min(0, ...all), Math.max(0, ...all));
  const lo = axis[0];
  const hi = axis[axis.length - 1];
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const y = (v) => MARGIN.top + plotH - ((v - lo) / (hi - lo)) * plotH;
  const band = plotW / rows.length;
  const cx = (k) => MARGIN.left + band * (k + 0.5);
  const parts = [];
  for (const t of axis) {
    parts.push(svg("line", { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(t), y2: y(t), stroke: "#d0d7de" }),
      svg("text", { x: MARGIN.left - 6, y: y(t) + 4, "text-anchor": "end", "font-size": 12, fill: "#57606a" }, label(t)));
  }
  // A label every 36 units at most, evenly spaced.
  const every = Math.ceil(rows.length / Math.max(1, Math.floor(plotW / 36)));
  rows.forEach((r, k) => {
    if (k % every) return;
    const text = r[x].value.length > 14 ? r[x].value.slice(0, 13) + "…" : r[x].value;
    parts.push(svg("text", { x: cx(k), y: HEIGHT - MARGIN.bottom + 16, "text-anchor": "end", "font-size": 12,
      fill: "#57606a", transform: `rotate(-35 ${cx(k)} ${HEIGHT - MARGIN.bottom + 16})` }, text));
  });
  series.forEach((i, s) => {
    if (kind === "bar") {
      const w = Math.max(1, (band * 0.8) / series.length);
      rows.forEach((r, k) => {
        const v = value(r, i);
        if (v === null) return;
        const top = Math.min(y(v), y(0));
        parts.push(svg("rect", { x: cx(k) - band * 0.4 + s * w, y: top, width: w, height: Math.max(1, Math.abs(y(v) - y(0))),
          fill: COLOURS[s], class: "bar" }, svg("title", {}, `${r[x].value}: ${columns[i].name} ${r[i].value}`)));
      });
    } else {
      const points = rows.map((r, k) => [cx(k), value(r, i)]).filter(([, v]) => v !== null);
      parts.push(svg("polyline", { points: points.map(([px, v]) => `${px},${y(v)}`).join(" "), fill: "none",
        stroke: COLOURS[s], "stroke-width": 2, class: "line" }));
      points.forEach(([px, v], k) => parts.push(svg("circle", { cx: px, cy: y(v), r: 2.5, fill: COLOURS[s] },
        svg("title", {}, `${columns[i].name} ${v}`))));
    }
  });
  parts.push(svg("line", { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(0), y2: y(0), stroke: "#57606a" }));
  const names = series.map((i) => columns[i].name).join(", ");
  const picture = svg("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img", class: "chart",
    id: size.id || "chart-svg",
    "aria-label": `${kind === "bar" ? "Bar" : "Line"} chart of ${names} by ${columns[x].name}` }, parts);
  const legend = h("ul", { class: "legend" }, series.map((i, s) => h("li", {},
    h("span", { class: `swatch swatch-${s}`, "aria-hidden": "true" }), columns[i].name)));
  return h("figure", { id: size.id ? null : "chart" }, picture, legend,
    h("figcaption", { class: "muted" }, `${rows.length} rows; x: ${columns[x].name}`));
}
