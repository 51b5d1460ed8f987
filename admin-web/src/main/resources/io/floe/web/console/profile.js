// A table's profile (GET .../tables/{table}/profile): per column its nulls, distinct values, range,
// mean, quantiles, text lengths, most frequent values and a histogram, computed in DuckDB and kept
// until the table changes.

import { api, enc, h, show } from "./core.js";
import { chart } from "./chart.js";

function number(v) {
  if (v === null || v === undefined) return "—";
  return typeof v === "number" ? v.toLocaleString(undefined, { maximumFractionDigits: 4 }) : String(v);
}

/** A bin's lower bound, short: numbers to 3 significant digits, timestamps without zero times. */
function bound(v) {
  if (typeof v === "number") return Number(v.toPrecision(3)).toLocaleString();
  return String(v).replace(/ 00:00:00$/, "");
}

/** A histogram's bins as a result a chart draws: each bin's lower bound against its count. */
function histogram(column) {
  const rows = column.histogram.map((b) => [{ value: bound(b.lower), quoted: true }, { value: String(b.count) }]);
  return chart([{ name: column.name, type: "VARCHAR" }, { name: "rows", type: "BIGINT" }], rows, "bar",
    { width: 440, height: 240, id: `histogram-${column.name}` });
}

function columnCard(c, rows) {
  const facts = [
    ["Nulls", `${number(c.nulls)} (${(c.null_ratio * 100).toFixed(1)}%)`],
    ["Distinct", `${c.distinct_exact ? "" : "≈ "}${number(c.distinct)}`],
    ["Min", number(c.min)], ["Max", number(c.max)],
    c.mean !== null ? ["Mean", number(c.mean)] : null,
    c.stddev !== null ? ["Std. deviation", number(c.stddev)] : null,
    c.quantiles ? ["Quartiles", [c.quantiles.p25, c.quantiles.p50, c.quantiles.p75].map(number).join(" · ")] : null,
    c.quantiles ? ["1% – 99%", `${number(c.quantiles.p01)} – ${number(c.quantiles.p99)}`] : null,
    c.length ? ["Length", `${number(c.length.min)} – ${number(c.length.max)}, average ${number(c.length.avg)}`] : null,
  ].filter(Boolean);
  const repeats = c.top_values && c.top_values.some((t) => t.count > 1);
  const top = c.top_values && c.top_values.length && !repeats ? h("p", { class: "muted" }, "No value repeats.")
    : c.top_values && c.top_values.length ? h("table", { class: "grid top-values" },
    h("caption", {}, "Most frequent values"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Value"), h("th", { scope: "col", class: "num" }, "Rows"),
      h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Share")))),
    h("tbody", {}, c.top_values.map((t) => h("tr", {},
      h("td", {}, t.value === null ? "null" : String(t.value)), h("td", { class: "num" }, number(t.count)),
      h("td", {}, h("meter", { min: 0, max: Math.max(rows, 1), value: t.count,
        "aria-label": `${t.count} of ${rows} rows` })))))) : null;
  return h("section", { class: "panel profile-column", "data-column": c.name, "aria-label": `Column ${c.name}` },
    h("h2", {}, c.name, h("span", { class: "badge" }, c.type)),
    h("dl", { class: "facts" }, facts.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])),
    c.histogram && c.histogram.length ? h("div", { class: "histogram" }, h("h3", {}, "Histogram"), histogram(c)) : null,
    top);
}

export async function profilePage(projectId, bucket, table, refresh) {
  const base = `/projects/${enc(projectId)}/buckets/${enc(bucket)}/tables/${enc(table)}`;
  show(h("h1", {}, `Profile of ${bucket}.${table}`), h("p", { class: "muted", role: "status" }, "Computing…"));
  const p = await api("GET", `${base}/profile${refresh ? "?force_refresh=true" : ""}`);
  const again = h("button", { class: "secondary", id: "profile-refresh",
    onclick: () => profilePage(projectId, bucket, table, true) }, "Compute again");
  show(h("h1", {}, `Profile of ${bucket}.${table}`),
    h("p", { id: "profile-summary" },
      `${number(p.rows)} rows; computed ${new Date(p.computed_at).toLocaleString()}`,
      p.cached ? " (kept until the table changes)" : "",
      p.sampled ? `; quantiles, frequent values and histograms from a sample of ${number(p.sample_rows)} rows` : ""),
    h("div", { class: "actions" }, again,
      h("a", { href: `#/projects/${enc(projectId)}/buckets/${enc(bucket)}/tables/${enc(table)}` }, "Back to the table")),
    h("div", { class: "profile", id: "profile" }, p.columns.map((c) => columnCard(c, p.rows))));
}
