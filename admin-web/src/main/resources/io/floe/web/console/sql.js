// The SQL editor: runs a statement through the engine as the signed-in token
// (POST /projects/{id}/statements), polls it, pages through its rows, cancels it, explains where
// each part runs, and charts the result.

import { ApiError, api, cell, enc, h, numericType, parseCsv, show, text } from "./core.js";
import { chart } from "./chart.js";

const PAGE = 100;
/** Rows a chart draws: the first of the result. */
const CHART_ROWS = 1000;

export async function sqlPage(projectId) {
  const base = `/projects/${enc(projectId)}/statements`;
  const saved = sessionStorage.getItem("floe.sql." + projectId) || "";
  const editor = h("textarea", { id: "sql", name: "sql", rows: 8, spellcheck: "false", class: "code",
    "aria-describedby": "sql-help" }, saved);
  const dialect = h("select", { id: "dialect", name: "dialect" },
    h("option", { value: "standard" }, "Standard SQL"), h("option", { value: "snowflake" }, "Snowflake SQL"));
  const runButton = h("button", { type: "submit", id: "run" }, "Run");
  const explainButton = h("button", { type: "button", class: "secondary", id: "explain" }, "Explain");
  const cancelButton = h("button", { type: "button", class: "danger", id: "cancel", disabled: true }, "Cancel");
  const elapsed = h("span", { id: "elapsed", class: "muted", role: "timer", "aria-live": "off" });
  const status = h("p", { id: "status", role: "status", "aria-live": "polite" });
  const output = h("div", { id: "output" });
  let current = null; // the statement running now: { id, cancelled }

  const form = h("form", { id: "sql-form", class: "stack wide" },
    h("label", { for: "sql" }, "SQL"), editor,
    h("span", { id: "sql-help", class: "muted" },
      "Tables are named bucket.table. Ctrl+Enter runs. Runs with this token's rights; results hold up to 10,000 rows."),
    h("div", { class: "actions" }, h("label", { class: "inline", for: "dialect" }, "Dialect"), dialect,
      runButton, explainButton, cancelButton, elapsed));
  form.addEventListener("submit", (e) => { e.preventDefault(); run(false); });
  explainButton.addEventListener("click", () => run(true));
  editor.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(false); }
  });
  cancelButton.addEventListener("click", async () => {
    if (!current) return;
    current.cancelled = true;
    cancelButton.disabled = true;
    status.textContent = "Cancelling…";
    try {
      await api("POST", `${base}/${enc(current.id)}/cancel`, {});
    } catch (err) {
      status.textContent = err.message;
    }
  });

  async function run(explain) {
    const sql = editor.value.trim();
    if (!sql || current) return;
    sessionStorage.setItem("floe.sql." + projectId, editor.value);
    const started = performance.now();
    const timer = setInterval(() => { elapsed.textContent = seconds(performance.now() - started); }, 100);
    runButton.disabled = explainButton.disabled = true;
    output.replaceChildren();
    status.className = "";
    status.textContent = "Running…";
    try {
      let s = await api("POST", base, { sql: explain ? "EXPLAIN " + sql : sql, dialect: dialect.value, wait_seconds: 1 });
      current = { id: s.id, cancelled: false };
      cancelButton.disabled = false;
      while (!["succeeded", "failed", "cancelled"].includes(s.state)) {
        s = await api("GET", `${base}/${enc(s.id)}?wait=5`);
      }
      clearInterval(timer);
      elapsed.textContent = seconds(s.elapsed_ms ?? performance.now() - started);
      if (s.state !== "succeeded") {
        failed(s.error ? `${s.error.message} (${s.error.error}, SQLSTATE ${s.error.sqlstate})` : s.state);
      } else if (explain) {
        await showPlan(s);
      } else if (!s.columns.length) {
        status.textContent = `${s.command || "Done"}: ${s.rows.toLocaleString()} rows`;
      } else {
        status.textContent = `${s.rows.toLocaleString()} rows${s.truncated ? " (cut at 10,000: add a LIMIT or export the rows)" : ""}`;
        await showResult(s);
      }
    } catch (err) {
      clearInterval(timer);
      elapsed.textContent = seconds(performance.now() - started);
      if (err.status === 401) return;
      failed(err instanceof ApiError && err.sqlstate ? `${err.message} (${err.code}, SQLSTATE ${err.sqlstate})` : err.message);
    } finally {
      current = null;
      runButton.disabled = explainButton.disabled = false;
      cancelButton.disabled = true;
    }
  }

  function failed(message) {
    status.className = "error";
    status.textContent = message;
  }

  async function showPlan(s) {
    const [, ...rows] = parseCsv(await text(`${base}/${enc(s.id)}/rows?format=csv&limit=10`));
    const plan = rows.map((r) => r[0].value).join("\n");
    // The plan, then one line per Snowflake query and dynamic filter, then the DuckDB statement
    // (over several lines) last.
    const duck = plan.indexOf("\nDuckDB SQL: ");
    const where = [];
    for (const line of (duck < 0 ? plan : plan.slice(0, duck)).split("\n")) {
      let m;
      if ((m = /^Snowflake SQL \(([^,]+), into ([^)]+)\): (.*)$/.exec(line))) {
        where.push(h("li", {}, h("strong", {}, `Sent to Snowflake (${m[1]})`), `, rows into ${m[2]}:`,
          h("pre", { class: "code" }, m[3])));
      } else if ((m = /^Streamed from Snowflake: (.*)$/.exec(line))) {
        where.push(h("li", {}, h("strong", {}, "Streamed from Snowflake"), ":", h("pre", { class: "code" }, m[1])));
      } else if ((m = /^Dynamic filter \(([^)]+)\): (.*)$/.exec(line))) {
        where.push(h("li", {}, h("strong", {}, `Dynamic filter on ${m[1]}`), ": ", m[2]));
      }
    }
    const streamed = where.findIndex((li) => li.textContent.startsWith("Streamed from Snowflake"));
    if (streamed >= 0) {
      // Snowflake answers the whole statement; its rows go to the client through no DuckDB table.
      where.splice(0, where.length, where[streamed],
        h("li", {}, "Nothing runs in DuckDB: the rows stream from Snowflake to the client."));
    } else if (duck >= 0) {
      where.push(h("li", {}, h("strong", {}, "Runs in DuckDB"), " as one statement:",
        h("pre", { class: "code", id: "duckdb-sql" }, plan.slice(duck + "\nDuckDB SQL: ".length).trim())));
    }
    if (!where.length) {
      where.push(h("li", {}, h("strong", {}, "Runs in Floe's own operators"),
        " (the plan below): the parts DuckDB cannot take run in the engine."));
    }
    status.textContent = "Where each part runs";
    output.replaceChildren(h("ul", { id: "pushdown", class: "plan" }, where),
      h("details", {}, h("summary", {}, "Full plan"), h("pre", { id: "plan", class: "code" }, plan)));
  }

  async function showResult(s) {
    const grid = h("div", { class: "scroll", id: "result" });
    const pager = h("div", { class: "actions", id: "pager" });
    const chartBox = h("div", { id: "chart-box" });
    const view = (kind) => async () => {
      try {
        const [, ...rows] = parseCsv(await text(`${base}/${enc(s.id)}/rows?format=csv&limit=${CHART_ROWS}`));
        chartBox.replaceChildren(chart(s.columns, rows, kind));
      } catch (err) {
        chartBox.replaceChildren(h("p", { class: "error", role: "alert" }, err.message));
      }
    };
    const page = async (offset) => {
      const [names, ...rows] = parseCsv(await text(`${base}/${enc(s.id)}/rows?format=csv&offset=${offset}&limit=${PAGE}`));
      grid.replaceChildren(h("table", { class: "grid", id: "rows" },
        h("thead", {}, h("tr", {}, names.map((n, i) => h("th", { scope: "col", title: s.columns[i].type,
          class: numericType(s.columns[i].type) ? "num" : null }, n.value)))),
        h("tbody", {}, rows.map((r) => h("tr", {}, r.map((v, i) => cell(v, s.columns[i].type)))))));
      const last = offset + rows.length;
      pager.replaceChildren(
        h("button", { class: "secondary", id: "prev", disabled: offset === 0, onclick: () => page(Math.max(0, offset - PAGE)) }, "Previous"),
        h("span", { class: "muted", id: "range" }, rows.length ? `Rows ${offset + 1}–${last} of ${s.rows.toLocaleString()}` : "No rows"),
        h("button", { class: "secondary", id: "next", disabled: last >= s.rows, onclick: () => page(offset + PAGE) }, "Next"));
    };
    output.replaceChildren(
      h("div", { class: "actions" },
        h("button", { class: "secondary", id: "chart-bar", onclick: view("bar") }, "Bar chart"),
        h("button", { class: "secondary", id: "chart-line", onclick: view("line") }, "Line chart")),
      chartBox, grid, pager);
    await page(0);
  }

  show(h("h1", {}, "SQL"), form, status, output);
  editor.focus();
}

function seconds(ms) {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
