// Forms that change a project's data: new buckets and tables, a table's description and tags
// (metadata entries), and uploads of CSV or Parquet files with their progress and import job.

import { ApiError, TOKEN_KEY, api, enc, h, toast } from "./core.js";

/** A result line under a form: an error with its code, or what was done. */
function note(id) {
  const p = h("p", { id, role: "status", "aria-live": "polite" });
  p.fail = (err) => {
    p.className = "error";
    p.textContent = err.code ? `${err.message} (${err.code})` : err.message;
  };
  p.say = (text) => {
    p.className = "";
    p.textContent = text;
  };
  return p;
}

export function newBucketForm(projectId, onCreated) {
  const name = h("input", { id: "bucket-name", name: "name", required: true, pattern: "[A-Za-z0-9_-]+" });
  const stage = h("select", { id: "bucket-stage", name: "stage" },
    h("option", { value: "in" }, "in (raw data)"), h("option", { value: "out" }, "out (processed)"));
  const description = h("input", { id: "bucket-description", name: "description" });
  const result = note("bucket-result");
  const form = h("form", { class: "stack", id: "new-bucket" },
    h("label", { for: "bucket-name" }, "Bucket name"), name,
    h("label", { for: "bucket-stage" }, "Stage"), stage,
    h("label", { for: "bucket-description" }, "Bucket description"), description,
    h("button", { type: "submit" }, "Create bucket"), result);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      const b = await api("POST", `/projects/${enc(projectId)}/buckets`, {
        name: name.value.trim(), stage: stage.value, description: description.value.trim() || undefined });
      toast(`Bucket ${b.name} created`);
      onCreated(b);
    } catch (err) {
      result.fail(err);
    }
  });
  return form;
}

/**
 * Columns written one per line as {@code name TYPE}, with {@code not null} after the type for a
 * column that may not hold NULL: {@code amount DECIMAL(12,2) not null}.
 */
function columnsOf(text) {
  return text.split("\n").map((l) => l.trim()).filter(Boolean).map((line) => {
    const m = /^("?)([^"\s]+)\1\s+(.+?)(\s+not\s+null)?$/i.exec(line);
    if (!m) throw new ApiError(400, { message: `"${line}" is not "name TYPE"`, error: "invalid_argument" });
    return { name: m[2], type: m[3].trim(), nullable: !m[4] };
  });
}

export function newTableForm(projectId, buckets, onCreated) {
  const bucket = h("select", { id: "table-bucket", name: "bucket" },
    buckets.map((b) => h("option", { value: b.name }, b.name)));
  const name = h("input", { id: "table-name", name: "name", required: true });
  const columns = h("textarea", { id: "table-columns", name: "columns", rows: 4, class: "code", required: true,
    "aria-describedby": "table-columns-help", placeholder: "id INTEGER not null\nname VARCHAR" });
  const key = h("input", { id: "table-key", name: "primary_key", "aria-describedby": "table-key-help" });
  const result = note("table-result");
  const form = h("form", { class: "stack", id: "new-table" },
    h("label", { for: "table-bucket" }, "In bucket"), bucket,
    h("label", { for: "table-name" }, "Table name"), name,
    h("label", { for: "table-columns" }, "Columns"), columns,
    h("span", { id: "table-columns-help", class: "muted" },
      "One per line: name and type (INTEGER, BIGINT, DECIMAL(12,2), VARCHAR, DATE, TIMESTAMP, BOOLEAN…), then \"not null\" if it must have a value."),
    h("label", { for: "table-key" }, "Primary key"), key,
    h("span", { id: "table-key-help", class: "muted" }, "Column names, comma-separated; empty for none."),
    h("button", { type: "submit" }, "Create table"), result);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      const primaryKey = key.value.split(",").map((c) => c.trim()).filter(Boolean);
      const t = await api("POST", `/projects/${enc(projectId)}/buckets/${enc(bucket.value)}/tables`, {
        name: name.value.trim(), columns: columnsOf(columns.value), primary_key: primaryKey });
      toast(`Table ${t.name} created`);
      onCreated(bucket.value, t);
    } catch (err) {
      result.fail(err);
    }
  });
  return form;
}

/** The table's description, shown, and edited in place. */
export function descriptionEditor(base, description, onSaved) {
  const cell = h("dd", {});
  const edit = h("button", { class: "link small", id: "edit-description", type: "button" }, "Edit");
  const showText = () => cell.replaceChildren(h("span", { id: "table-description" }, description || "—"), " ", edit);
  edit.addEventListener("click", () => {
    const input = h("textarea", { id: "description-input", rows: 2, "aria-label": "Table description" }, description || "");
    const result = note("description-result");
    const form = h("form", { class: "stack", id: "description-form" }, input,
      h("div", { class: "actions" }, h("button", { type: "submit" }, "Save description"),
        h("button", { type: "button", class: "secondary", onclick: showText }, "Cancel")),
      result);
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      try {
        const t = await api("PUT", base, { description: input.value });
        description = t.description;
        showText();
        onSaved(t);
      } catch (err) {
        result.fail(err);
      }
    });
    cell.replaceChildren(form);
    input.focus();
  });
  showText();
  return cell;
}

/** Tags: the table's metadata entries, added and removed. */
export async function tagsEditor(base) {
  const list = h("ul", { class: "tags", id: "tags" });
  const result = note("tags-result");
  const load = async () => {
    const entries = (await api("GET", `${base}/metadata`)).metadata;
    list.replaceChildren(...entries.map((m) => h("li", { class: "tag" }, `${m.key}: ${m.value}`,
      h("button", { type: "button", class: "link small", "aria-label": `Remove tag ${m.key}`, onclick: async () => {
        try {
          await api("DELETE", `${base}/metadata/${enc(m.id)}`);
          await load();
        } catch (err) {
          result.fail(err);
        }
      } }, "✕"))));
    if (!entries.length) list.append(h("li", { class: "muted" }, "No tags."));
  };
  const key = h("input", { id: "tag-key", "aria-label": "Tag key", placeholder: "key", required: true });
  const value = h("input", { id: "tag-value", "aria-label": "Tag value", placeholder: "value" });
  const form = h("form", { class: "actions", id: "tag-form" }, key, value,
    h("button", { type: "submit", class: "secondary" }, "Add tag"));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await api("POST", `${base}/metadata`, { metadata: [{ key: key.value.trim(), value: value.value }] });
      key.value = value.value = "";
      await load();
      result.say("");
    } catch (err) {
      result.fail(err);
    }
  });
  await load();
  return h("div", {}, list, form, result);
}

/** Uploads a CSV or Parquet file into the table: bytes sent, then the import job, then its result. */
export function uploader(base, onImported) {
  const file = h("input", { type: "file", id: "upload-file", accept: ".csv,.tsv,.txt,.parquet,.gz,text/csv" });
  const incremental = h("input", { type: "checkbox", id: "upload-incremental" });
  const progress = h("progress", { id: "upload-progress", max: 100, value: 0, hidden: true, "aria-label": "Upload progress" });
  const result = note("upload-result");
  const cancel = h("button", { type: "button", class: "secondary", id: "upload-cancel", hidden: true }, "Cancel upload");
  let xhr = null;
  let job = null;
  cancel.addEventListener("click", async () => {
    if (xhr) xhr.abort();
    if (job) {
      try { await api("POST", job.url + "/cancel", {}); } catch (err) { result.fail(err); }
    }
  });
  const form = h("form", { class: "actions", id: "upload-form" },
    h("label", { for: "upload-file", class: "inline" }, "CSV or Parquet file"), file,
    h("label", { class: "inline check", for: "upload-incremental" }, incremental, "Add to the rows (upsert by key) instead of replacing them"),
    h("button", { type: "submit" }, "Upload"), cancel);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const f = file.files[0];
    if (!f) { result.fail(new Error("Choose a file first.")); return; }
    const parquet = /\.parquet$/i.test(f.name);
    const params = new URLSearchParams({ async: "true" });
    if (incremental.checked) params.set("incremental", "true");
    xhr = new XMLHttpRequest();
    xhr.open("POST", `${base}/import?${params}`);
    xhr.setRequestHeader("Authorization", "Bearer " + sessionStorage.getItem(TOKEN_KEY));
    xhr.setRequestHeader("Content-Type", parquet ? "application/vnd.apache.parquet" : "text/csv");
    progress.hidden = cancel.hidden = false;
    progress.value = 0;
    result.say(`Uploading ${f.name}…`);
    xhr.upload.addEventListener("progress", (p) => {
      if (p.lengthComputable) {
        progress.value = Math.round((p.loaded / p.total) * 100);
        result.say(`Uploading ${f.name}: ${progress.value}%`);
      }
    });
    xhr.addEventListener("abort", () => { xhr = null; progress.hidden = cancel.hidden = true; result.say("Upload cancelled."); });
    xhr.addEventListener("error", () => { xhr = null; progress.hidden = cancel.hidden = true; result.fail(new Error("The upload failed (connection lost).")); });
    xhr.addEventListener("load", async () => {
      const status = xhr.status;
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch { body = null; }
      xhr = null;
      progress.value = 100;
      if (status >= 400) {
        progress.hidden = cancel.hidden = true;
        result.fail(new ApiError(status, body));
        return;
      }
      job = body;
      try {
        while (!["success", "error", "cancelled"].includes(job.status)) {
          result.say(`Importing ${f.name}${job.progress != null ? `: ${Math.round(job.progress)}%` : "…"}`);
          job = await api("GET", `${job.url}?wait=5`);
        }
        if (job.status === "success") {
          result.say(`Imported ${job.result.imported_rows.toLocaleString()} rows; the table has ${job.result.total_rows.toLocaleString()}.`);
          onImported(job);
        } else if (job.status === "cancelled") {
          result.say("Import cancelled; the table is as it was.");
        } else {
          result.fail(new ApiError(400, { message: job.error.message, error: job.error.code }));
        }
      } catch (err) {
        result.fail(err);
      } finally {
        job = null;
        progress.hidden = cancel.hidden = true;
      }
    });
    xhr.send(f);
  });
  return h("div", {}, form, progress, result);
}
