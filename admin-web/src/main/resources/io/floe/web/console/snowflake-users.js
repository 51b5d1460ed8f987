// Snowflake clients of a project: how they connect, the key-pair users registered for them
// (/projects/{id}/snowflake-users), and the statements running or held now (SQL API, REST), which
// can be cancelled.

import { api, enc, h, show, toast } from "./core.js";

export async function snowflakeUsersPage(projectId) {
  const base = `/projects/${enc(projectId)}`;
  const [users, buckets, statements] = await Promise.all([
    api("GET", `${base}/snowflake-users`), api("GET", `${base}/buckets`),
    api("GET", `${base}/statements`).catch(() => ({ statements: [] }))]);
  const result = h("p", { id: "sf-users-result", role: "status", "aria-live": "polite" });
  const fail = (err) => {
    result.className = "error";
    result.textContent = err.code ? `${err.message} (${err.code})` : err.message;
  };
  const rows = users.users.map((u) => h("tr", { "data-user": u.name },
    h("td", {}, u.name), h("td", {}, h("code", {}, u.rsa_public_key_fp)),
    h("td", {}, Object.entries(u.bucket_permissions).map(([b, p]) => `${b}: ${p}`).join(", ") || "none"),
    h("td", {}, u.created_at),
    h("td", {}, h("button", { class: "danger", onclick: async () => {
      if (!confirm(`Delete Snowflake user ${u.name}? Its key stops working at once.`)) return;
      try {
        await api("DELETE", `${base}/snowflake-users/${enc(u.name)}`);
        toast(`User ${u.name} deleted`);
        await snowflakeUsersPage(projectId);
      } catch (err) {
        fail(err);
      }
    } }, "Delete"))));

  const name = h("input", { id: "sf-user-name", required: true, autocomplete: "off" });
  const key = h("textarea", { id: "sf-user-key", rows: 6, class: "code", required: true,
    "aria-describedby": "sf-user-key-help", placeholder: "-----BEGIN PUBLIC KEY-----" });
  const access = buckets.buckets.filter((b) => !b.linked || b.read_only).map((b) => {
    const select = h("select", { id: `sf-user-bucket-${b.name}`, "data-bucket": b.name,
      "aria-label": `Access to bucket ${b.name}` },
    h("option", { value: "" }, "none"), h("option", { value: "read" }, "read"),
    b.read_only ? null : h("option", { value: "write" }, "write"));
    return h("div", { class: "actions" }, h("span", {}, b.name), select);
  });
  const form = h("form", { class: "stack", id: "new-sf-user" },
    h("label", { for: "sf-user-name" }, "User name"), name,
    h("label", { for: "sf-user-key" }, "RSA public key"), key,
    h("span", { id: "sf-user-key-help", class: "muted" },
      "PEM, as openssl rsa -pubout writes it (2048 bits or more). The private key stays with the client."),
    h("fieldset", {}, h("legend", {}, "Bucket access"), access.length ? access : h("p", { class: "muted" }, "No buckets.")),
    h("button", { type: "submit" }, "Register user"), result);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const permissions = {};
    form.querySelectorAll("select[data-bucket]").forEach((s) => { if (s.value) permissions[s.dataset.bucket] = s.value; });
    try {
      const u = await api("POST", `${base}/snowflake-users`, {
        name: name.value.trim(), rsa_public_key: key.value.trim(), bucket_permissions: permissions });
      toast(`User ${u.name} registered`);
      await snowflakeUsersPage(projectId);
    } catch (err) {
      fail(err);
    }
  });

  const statementRows = statements.statements.map((s) => h("tr", { "data-statement": s.id },
    h("td", {}, s.state), h("td", { class: "sql" }, s.sql.length > 120 ? s.sql.slice(0, 119) + "…" : s.sql),
    h("td", { class: "num" }, s.rows.toLocaleString()), h("td", { class: "num" }, s.elapsed_ms == null ? "—" : `${s.elapsed_ms} ms`),
    h("td", {}, ["queued", "running"].includes(s.state) ? h("button", { class: "danger", onclick: async () => {
      try {
        await api("POST", `${base}/statements/${enc(s.id)}/cancel`, {});
        await snowflakeUsersPage(projectId);
      } catch (err) {
        fail(err);
      }
    } }, "Cancel") : null)));

  show(h("h1", {}, `Snowflake clients of ${projectId}`),
    h("section", { class: "panel", id: "sf-connect" },
      h("p", {}, "Snowflake's drivers connect to this Floe with the account ", h("code", {}, projectId),
        " (the project is the database, a bucket a schema), over plain HTTP to this address, with a Floe token of the project as the password or as a registered key-pair user."),
      h("p", {}, h("code", { id: "sf-jdbc-url" },
        `jdbc:snowflake://${location.host}/?ssl=off&account=${projectId}&db=${projectId}&disablePlatformDetection=true`))),
    h("h2", {}, "Key-pair users"),
    h("div", { class: "scroll" }, h("table", { class: "grid", id: "sf-users" },
      h("thead", {}, h("tr", {}, ["User", "Key fingerprint", "Bucket access", "Registered", ""].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, rows.length ? rows : h("tr", {}, h("td", { colspan: 5, class: "muted" }, "No key-pair users."))))),
    h("h2", {}, "Register a user"), form,
    h("h2", {}, "Statements"),
    h("p", { class: "muted" }, "Statements this token may see whose results Floe holds now (SQL API, the SQL page), running ones with a Cancel button."),
    h("div", { class: "scroll" }, h("table", { class: "grid", id: "sf-statements" },
      h("thead", {}, h("tr", {}, ["State", "Statement", "Rows", "Elapsed", ""].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, statementRows.length ? statementRows : h("tr", {}, h("td", { colspan: 5, class: "muted" }, "None."))))));
}
