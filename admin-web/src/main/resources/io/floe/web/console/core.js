// The console's core: elements, the REST API as the signed-in token, messages.
// Every text reaches the page through textContent (never innerHTML), so names and values that
// look like markup are shown as written.

export const TOKEN_KEY = "floe.token";
export const main = document.getElementById("main");

/** An element with attributes and children (strings become text nodes). */
export function h(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k === "text") e.textContent = v;
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

export function show(...nodes) {
  main.replaceChildren(...nodes);
  main.focus();
}

export function toast(message) {
  const t = document.getElementById("toast");
  t.textContent = message;
  t.classList.add("shown");
  setTimeout(() => t.classList.remove("shown"), 2500);
}

export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.message ? body.message : `HTTP ${status}`);
    this.status = status;
    this.code = body && body.error;
    this.sqlstate = body && body.sqlstate;
  }
}

/** Calls the REST API with the signed-in token; a token no longer valid signs out. */
export async function api(method, path, body, candidate) {
  const headers = { "Accept": "application/json" };
  const token = candidate || sessionStorage.getItem(TOKEN_KEY);
  if (token) headers["Authorization"] = "Bearer " + token;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (r.status === 401 && token && !candidate) {
    signOut("Your token is no longer valid (expired or revoked). Sign in again.");
    throw new ApiError(r.status, json);
  }
  if (!r.ok) throw new ApiError(r.status, json);
  return json;
}

export const enc = encodeURIComponent;

export function signOut(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.setItem("floe.signin.message", message || "");
  if (location.hash !== "#/signin") location.hash = "#/signin";
  else window.dispatchEvent(new HashChangeEvent("hashchange"));
}

/** A text answer of the REST API (CSV), as {@link api} fetches JSON. */
export async function text(path) {
  const r = await fetch(path, { headers: { "Authorization": "Bearer " + sessionStorage.getItem(TOKEN_KEY) } });
  if (r.status === 401) {
    signOut("Your token is no longer valid (expired or revoked). Sign in again.");
  }
  if (!r.ok) {
    let body = null;
    try { body = await r.json(); } catch { body = null; }
    throw new ApiError(r.status, body);
  }
  return r.text();
}

export function bytes(n) {
  if (n === null || n === undefined) return "—";
  const units = ["B", "KB", "MB", "GB", "TB"];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return `${i ? n.toFixed(1) : n} ${units[i]}`;
}

export async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    toast("Copied");
  } catch {
    toast("Select the text and copy it");
  }
}

/** A value of a CSV field: null when the field was empty and unquoted, as Floe writes nulls. */
export function cell(v, type) {
  if (v.value === "" && !v.quoted) return h("td", { class: "null" }, "null");
  return h("td", { class: numericType(type) ? "num" : null }, v.value);
}

export function numericType(type) {
  return /^(SMALLINT|INTEGER|BIGINT|REAL|DOUBLE|DECIMAL)/.test(type || "");
}

/** RFC 4180 CSV into rows of {value, quoted} fields. */
export function parseCsv(csv) {
  const rows = [];
  let row = [];
  let i = 0;
  while (i < csv.length) {
    let value = "";
    let quoted = false;
    if (csv[i] === '"') {
      quoted = true;
      i++;
      while (i < csv.length) {
        if (csv[i] === '"' && csv[i + 1] === '"') { value += '"'; i += 2; }
        else if (csv[i] === '"') { i++; break; }
        else value += csv[i++];
      }
    } else {
      while (i < csv.length && csv[i] !== "," && csv[i] !== "\n" && csv[i] !== "\r") value += csv[i++];
    }
    row.push({ value, quoted });
    if (csv[i] === ",") { i++; continue; }
    if (csv[i] === "\r") i++;
    if (csv[i] === "\n") i++;
    rows.push(row);
    row = [];
  }
  return rows;
}
