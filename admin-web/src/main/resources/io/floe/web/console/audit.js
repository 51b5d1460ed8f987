// The audit log (GET /audit): every statement and refused login the signed-in token may see
// (the admin: all of them; a project's master token: its project's), filtered, newest first,
// with one entry's full detail.

import { api, enc, h, show } from "./core.js";

const PAGE = 50;
const FRONT_ENDS = ["jdbc", "pgwire", "rest", "snowflake", "agent"];

/** A datetime-local value (the browser's time zone) as an ISO instant, or undefined. */
function instant(value) {
  return value ? new Date(value).toISOString() : undefined;
}

export async function auditPage(title) {
  const field = (id, label, attrs = {}) => {
    const input = h("input", { id, name: id, ...attrs });
    return [h("label", { for: id }, label, input), input];
  };
  const [principalLabel, principal] = field("audit-principal", "Principal", { placeholder: "token:12" });
  const [frontLabel, frontEnd] = field("audit-front-end", "Front-end", { list: "front-ends" });
  const [tableLabel, table] = field("audit-table", "Table", { placeholder: "in_c_sales.orders" });
  const outcome = h("select", { id: "audit-outcome" }, ["", "ok", "error", "cancelled", "timeout"]
    .map((o) => h("option", { value: o }, o || "any")));
  const [fromLabel, from] = field("audit-from", "From", { type: "datetime-local" });
  const [toLabel, to] = field("audit-to", "To", { type: "datetime-local" });
  const [textLabel, text] = field("audit-text", "SQL contains");
  const form = h("form", { class: "filters", id: "audit-filter" },
    principalLabel, frontLabel, h("datalist", { id: "front-ends" }, FRONT_ENDS.map((f) => h("option", { value: f }))),
    tableLabel, h("label", { for: "audit-outcome" }, "Outcome", outcome), fromLabel, toLabel, textLabel,
    h("div", { class: "actions" }, h("button", { type: "submit" }, "Filter"),
      h("button", { type: "reset", class: "secondary" }, "Clear")));
  const body = h("tbody");
  const status = h("p", { id: "audit-status", role: "status", "aria-live": "polite" });
  const more = h("button", { class: "secondary", id: "audit-older", hidden: true }, "Older entries");
  const detail = h("div", { id: "audit-detail" });
  let next = null;

  const query = (before) => {
    const params = new URLSearchParams({ limit: String(PAGE) });
    const put = (k, v) => { if (v) params.set(k, v); };
    put("principal", principal.value.trim());
    put("front_end", frontEnd.value.trim());
    put("table", table.value.trim());
    put("outcome", outcome.value);
    put("from", instant(from.value));
    put("to", instant(to.value));
    put("text", text.value.trim());
    put("before", before);
    return "/audit?" + params;
  };
  const load = async (before) => {
    try {
      const page = await api("GET", query(before));
      if (!before) body.replaceChildren();
      body.append(...page.entries.map(row));
      next = page.next_before;
      more.hidden = !next;
      status.className = "";
      status.textContent = body.children.length ? `${body.children.length} entries shown, newest first` : "No entries.";
    } catch (err) {
      status.className = "error";
      status.textContent = err.code ? `${err.message} (${err.code})` : err.message;
    }
  };
  const row = (e) => h("tr", { "data-entry": e.id },
    h("td", {}, new Date(e.time).toLocaleString()),
    h("td", {}, e.principal, e.project ? h("span", { class: "badge" }, e.project) : null),
    h("td", {}, e.front_end),
    h("td", { class: e.outcome === "ok" ? null : "error" }, e.outcome, e.sqlstate ? ` ${e.sqlstate}` : ""),
    h("td", { class: "num" }, e.rows.toLocaleString()),
    h("td", { class: "num" }, `${e.duration_ms} ms`),
    h("td", {}, e.tables.join(", ")),
    h("td", { class: "sql" }, h("button", { class: "link plain", "aria-label": `Details of the entry at ${e.time}`,
      onclick: () => open(e.id) }, e.sql.length > 120 ? e.sql.slice(0, 119) + "…" : e.sql)));
  const open = async (id) => {
    try {
      const e = await api("GET", "/audit/" + enc(id));
      const facts = [["Time", e.time], ["Principal", e.principal], ["Project", e.project], ["Front-end", e.front_end],
        ["Session", e.session], ["Outcome", e.outcome], ["Error", e.error_code && `${e.error_code} (SQLSTATE ${e.sqlstate})`],
        ["Rows", e.rows], ["Duration", `${e.duration_ms} ms`], ["Tables", e.tables.join(", ")],
        ["Snowflake queries", e.source_queries && e.source_queries.join(", ")],
        ["Rows from sources", e.source_queries && e.source_rows], ["Remote address", e.remote], ["Reason", e.reason]]
        .filter(([, v]) => v !== null && v !== undefined && v !== "");
      detail.replaceChildren(h("section", { class: "panel", id: "audit-entry", "aria-label": "Audit entry" },
        h("h2", {}, "Statement"),
        h("dl", { class: "facts" }, facts.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, String(v))])),
        h("pre", { class: "code", id: "audit-sql" }, e.sql),
        h("button", { class: "secondary", onclick: () => detail.replaceChildren() }, "Close")));
      detail.scrollIntoView({ block: "nearest" });
    } catch (err) {
      status.className = "error";
      status.textContent = err.message;
    }
  };
  form.addEventListener("submit", (e) => { e.preventDefault(); load(); });
  form.addEventListener("reset", () => setTimeout(() => load(), 0));
  more.addEventListener("click", () => load(next));

  show(h("h1", {}, title), form, status, detail,
    h("div", { class: "scroll" }, h("table", { class: "grid", id: "audit" },
      h("thead", {}, h("tr", {}, ["Time", "Principal", "Front-end", "Outcome", "Rows", "Duration", "Tables", "Statement"]
        .map((c) => h("th", { scope: "col" }, c)))), body)),
    more);
  await load();
}
