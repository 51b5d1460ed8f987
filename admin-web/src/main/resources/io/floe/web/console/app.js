// Floe's web console: a thin client of the REST API scripts use, as the signed-in token.

import {
  ApiError, TOKEN_KEY, api, bytes, cell, copy, enc, h, numericType, parseCsv, show, signOut, text, toast,
} from "./core.js";
import { descriptionEditor, newBucketForm, newTableForm, tagsEditor, uploader } from "./edit.js";

let me = null; // the signed-in token, as GET /tokens/verify describes it

function header() {
  const nav = document.getElementById("nav");
  const who = document.getElementById("who");
  if (!me) {
    nav.replaceChildren();
    who.replaceChildren();
    return;
  }
  const here = location.hash;
  const link = (href, label) => h("a", { href, "aria-current": here === href ? "page" : null }, label);
  const items = [];
  if (me.is_admin) items.push(link("#/projects", "Projects"), link("#/audit", "Audit"));
  // The sections of the project in view (the token's own project for a project token).
  const m = /^#\/projects\/([^/]+)/.exec(here);
  const project = m ? decodeURIComponent(m[1]) : me.project && me.project.id;
  if (project) {
    items.push(link("#/projects/" + enc(project), "Buckets"));
    items.push(link(`#/projects/${enc(project)}/sql`, "SQL"));
    if (me.is_admin || me.is_master) items.push(link(`#/projects/${enc(project)}/tokens`, "Tokens"));
    items.push(link(`#/projects/${enc(project)}/workspaces`, "Workspaces"));
    if (me.is_admin || me.is_master) items.push(link(`#/projects/${enc(project)}/snowflake`, "Snowflake"));
    if (me.is_admin || me.is_master) items.push(link(`#/projects/${enc(project)}/snowflake-clients`, "Snowflake clients"));
    if (me.is_admin || me.is_master) items.push(link(`#/projects/${enc(project)}/sharing`, "Sharing"));
    if (me.is_master && !me.is_admin) items.push(link(`#/projects/${enc(project)}/audit`, "Audit"));
  }
  nav.replaceChildren(...items);
  who.replaceChildren(
    h("span", {}, me.is_admin ? "admin" : `token ${me.description || me.id}`),
    h("button", { class: "secondary", id: "signout", onclick: () => signOut("Signed out.") }, "Sign out"));
}

// ---- sign-in -------------------------------------------------------------------------------

function signInPage() {
  const message = sessionStorage.getItem("floe.signin.message");
  sessionStorage.removeItem("floe.signin.message");
  const error = h("p", { class: "error", id: "signin-error", role: "alert" });
  const input = h("input", { id: "token", name: "token", type: "password", autocomplete: "off",
    required: true, "aria-describedby": "token-help" });
  const form = h("form", { class: "stack", id: "signin" },
    h("label", { for: "token" }, "Token"),
    input,
    h("span", { id: "token-help", class: "muted" },
      "The admin token, or a project token. It is kept in this tab only and never put in a URL."),
    h("button", { type: "submit" }, "Sign in"),
    error);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    error.textContent = "";
    const candidate = input.value.trim();
    try {
      me = await api("GET", "/tokens/verify", undefined, candidate);
      sessionStorage.setItem(TOKEN_KEY, candidate);
      location.hash = me.is_admin ? "#/projects" : "#/projects/" + enc(me.project.id);
    } catch (err) {
      error.textContent = err.status === 401 ? "That token is not valid." : err.message;
    }
  });
  show(h("h1", {}, "Sign in to Floe"), message ? h("p", { class: "muted", id: "signin-message" }, message) : null, form);
  input.focus();
}

// ---- projects (admin) ----------------------------------------------------------------------

async function projectsPage() {
  const list = await api("GET", "/projects");
  const rows = await Promise.all(list.projects.map(async (p) => {
    let stats = null;
    try { stats = await api("GET", `/projects/${enc(p.id)}/stats`); } catch { stats = null; }
    return h("tr", {},
      h("td", {}, h("a", { href: "#/projects/" + enc(p.id) }, p.id)),
      h("td", {}, p.name),
      h("td", { class: "num" }, stats ? stats.buckets : "–"),
      h("td", { class: "num" }, stats ? stats.tables : "–"),
      h("td", { class: "num" }, stats ? stats.rows.toLocaleString() : "–"),
      h("td", { class: "num" }, stats ? bytes(stats.bytes) : "–"),
      h("td", {}, h("button", { class: "danger", "data-delete": p.id, onclick: () => deleteProject(p.id) },
        "Delete")));
  }));
  const created = h("div", { id: "created" });
  const id = h("input", { id: "new-project-id", name: "id", required: true, pattern: "[A-Za-z0-9_]+" });
  const name = h("input", { id: "new-project-name", name: "name" });
  const error = h("p", { class: "error", role: "alert" });
  const form = h("form", { class: "stack", id: "new-project" },
    h("label", { for: "new-project-id" }, "Project id"), id,
    h("label", { for: "new-project-name" }, "Name"), name,
    h("button", { type: "submit" }, "Create project"), error);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    error.textContent = "";
    try {
      const p = await api("POST", "/projects", { id: id.value.trim(), name: name.value.trim() || undefined });
      // The key is shown once: it is not stored anywhere Floe could show it again.
      const key = h("code", { class: "secret", id: "new-project-key" }, p.api_key);
      created.replaceChildren(h("div", { class: "panel" },
        h("p", {}, `Project ${p.id} created. Its master token is shown only now:`), key,
        h("div", { class: "actions" },
          h("button", { class: "secondary", onclick: () => copy(p.api_key) }, "Copy token"),
          h("button", { onclick: () => projectsPage() }, "Done"))));
    } catch (err) {
      error.textContent = err.message;
    }
  });
  show(h("h1", {}, "Projects"),
    h("div", { class: "scroll" }, h("table", { class: "grid", id: "projects" },
      h("thead", {}, h("tr", {}, ["Id", "Name", "Buckets", "Tables", "Rows", "Size", ""].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, rows))),
    h("h2", {}, "New project"), form, created);
}

async function deleteProject(id) {
  if (!confirm(`Delete project ${id} with all its buckets, tables and tokens?`)) return;
  try {
    await api("DELETE", "/projects/" + enc(id));
    toast(`Project ${id} deleted`);
    projectsPage();
  } catch (err) {
    toast(err.message);
  }
}

// ---- a project: buckets and tables ----------------------------------------------------------

function bucketKind(b) {
  if (b.registered) return "Snowflake";
  if (b.linked) return "linked";
  return b.stage;
}

async function tree(projectId, current) {
  const buckets = (await api("GET", `/projects/${enc(projectId)}/buckets`)).buckets;
  const items = await Promise.all(buckets.map(async (b) => {
    const tables = (await api("GET", `/projects/${enc(projectId)}/buckets/${enc(b.name)}/tables`)).tables;
    return h("li", {},
      h("span", { class: "bucket" }, b.name), h("span", { class: "badge" }, bucketKind(b)),
      b.read_only ? h("span", { class: "badge" }, "read-only") : null,
      h("ul", {}, tables.map((t) => {
        const href = `#/projects/${enc(projectId)}/buckets/${enc(b.name)}/tables/${enc(t.name)}`;
        return h("li", {}, h("a", { href, "aria-current": current === href ? "page" : null }, t.name));
      })));
  }));
  return h("nav", { class: "tree", "aria-label": "Buckets and tables" },
    buckets.length ? h("ul", { id: "tree" }, items) : h("p", { class: "muted" }, "No buckets yet."));
}

async function projectPage(projectId) {
  const [project, side, buckets] = await Promise.all([
    api("GET", "/projects/" + enc(projectId)),
    tree(projectId, location.hash),
    api("GET", `/projects/${enc(projectId)}/buckets`)]);
  let stats = null;
  try { stats = await api("GET", `/projects/${enc(projectId)}/stats`); } catch { stats = null; }
  const manages = me.is_admin || me.is_master || me.can_manage_buckets;
  const writable = buckets.buckets.filter((b) => !b.read_only && !b.linked && !b.registered);
  show(h("h1", {}, project.name || project.id),
    h("div", { class: "layout" }, side,
      h("section", {},
        h("dl", { class: "facts" },
          h("dt", {}, "Id"), h("dd", {}, project.id),
          h("dt", {}, "Description"), h("dd", {}, project.description || "—"),
          stats ? [h("dt", {}, "Buckets"), h("dd", {}, stats.buckets),
            h("dt", {}, "Tables"), h("dd", {}, stats.tables),
            h("dt", {}, "Rows"), h("dd", {}, stats.rows.toLocaleString()),
            h("dt", {}, "Size"), h("dd", {}, bytes(stats.bytes))] : null),
        h("p", { class: "muted" }, "Pick a table to see its columns and data."),
        manages ? h("details", { id: "new-bucket-section" }, h("summary", {}, "New bucket"),
          newBucketForm(projectId, () => route())) : null,
        writable.length ? h("details", { id: "new-table-section" }, h("summary", {}, "New table"),
          newTableForm(projectId, writable, (bucket, t) => {
            location.hash = `#/projects/${enc(projectId)}/buckets/${enc(bucket)}/tables/${enc(t.name)}`;
          })) : null)));
}

// ---- tokens of a project ---------------------------------------------------------------------

async function tokensPage(projectId) {
  const [tokens, buckets] = await Promise.all([
    api("GET", `/projects/${enc(projectId)}/tokens`),
    api("GET", `/projects/${enc(projectId)}/buckets`)]);
  const shown = h("div", { id: "token-secret" });
  const rows = tokens.tokens.map((t) => h("tr", { "data-token": t.id },
    h("td", {}, t.description || "—"),
    h("td", {}, t.is_master ? "master" : Object.entries(t.bucket_permissions)
      .map(([b, p]) => `${b}: ${p}`).join(", ") || "no buckets"),
    h("td", {}, t.status),
    h("td", {}, t.expires_at || "never"),
    h("td", {}, t.status === "active" && !t.is_master ? h("div", { class: "actions" },
      h("button", { class: "secondary", onclick: () => refreshToken(projectId, t.id, shown) }, "Refresh"),
      h("button", { class: "danger", onclick: () => revokeToken(projectId, t) }, "Revoke")) : "")));
  const description = h("input", { id: "token-description", name: "description" });
  const permissions = buckets.buckets.map((b) => h("label", {},
    `Bucket ${b.name}`,
    h("select", { "data-bucket": b.name, "aria-label": `Access to bucket ${b.name}` },
      h("option", { value: "" }, "none"), h("option", { value: "read" }, "read"),
      b.read_only ? null : h("option", { value: "write" }, "write"))));
  const manage = h("input", { type: "checkbox", id: "token-manage" });
  const hours = h("input", { id: "token-hours", type: "number", min: "1", placeholder: "never" });
  const error = h("p", { class: "error", role: "alert" });
  const form = h("form", { class: "stack", id: "new-token" },
    h("label", { for: "token-description" }, "Description"), description,
    permissions,
    h("label", {}, h("span", {}, manage, " May manage buckets")),
    h("label", { for: "token-hours" }, "Expires in hours"), hours,
    h("button", { type: "submit" }, "Create token"), error);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    error.textContent = "";
    const bucketPermissions = {};
    form.querySelectorAll("select[data-bucket]").forEach((sel) => {
      if (sel.value) bucketPermissions[sel.dataset.bucket] = sel.value;
    });
    try {
      const created = await api("POST", `/projects/${enc(projectId)}/tokens`, {
        description: description.value.trim() || undefined, bucket_permissions: bucketPermissions,
        can_manage_buckets: manage.checked,
        expires_in: hours.value ? Number(hours.value) * 3600 : undefined });
      await tokensPage(projectId);
      showSecret(document.getElementById("token-secret"), "The new token", created.token);
    } catch (err) {
      error.textContent = err.message;
    }
  });
  show(h("h1", {}, `Tokens of ${projectId}`), shown,
    h("div", { class: "scroll" }, h("table", { class: "grid", id: "tokens" },
      h("thead", {}, h("tr", {}, ["Description", "Access", "Status", "Expires", ""].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, rows))),
    h("h2", {}, "New token"), form);
}

/** A secret shown once, with a copy button: Floe keeps only its hash. */
function showSecret(into, what, secret) {
  into.replaceChildren(h("div", { class: "panel" },
    h("p", {}, `${what} is shown only now:`), h("code", { class: "secret", id: "shown-secret" }, secret),
    h("div", { class: "actions" }, h("button", { class: "secondary", onclick: () => copy(secret) }, "Copy"))));
}

async function refreshToken(projectId, id, into) {
  try {
    const t = await api("POST", `/projects/${enc(projectId)}/tokens/${enc(id)}/refresh`);
    showSecret(into, "The refreshed token", t.token);
  } catch (err) {
    toast(err.message);
  }
}

async function revokeToken(projectId, t) {
  if (!confirm(`Revoke token ${t.description || t.id}? It stops working at once.`)) return;
  try {
    await api("DELETE", `/projects/${enc(projectId)}/tokens/${enc(t.id)}`);
    toast("Token revoked");
    tokensPage(projectId);
  } catch (err) {
    toast(err.message);
  }
}

// ---- workspaces of a project -------------------------------------------------------------------

async function workspacesPage(projectId, branchId) {
  const project = `/projects/${enc(projectId)}`;
  const home = branchId ? `${project}/branches/${enc(branchId)}` : project;
  const [list, branches, tables] = await Promise.all([
    api("GET", `${home}/workspaces`).then((r) => r.workspaces),
    api("GET", `${project}/branches`).then((r) => r.branches).catch(() => []),
    api("GET", `${project}/tables`).then((r) => r.tables).catch(() => [])]);
  const branch = branches.find((b) => b.id === branchId);
  const shown = h("div", { id: "workspace-login" });
  const rows = list.map((w) => h("tr", { "data-workspace": w.id },
    h("td", {}, w.name), h("td", {}, w.status), h("td", {}, w.active_sessions),
    h("td", { "data-expires": w.expires_at || "" }, w.expires_at ? remaining(w.expires_at) : "never"),
    h("td", {}, h("div", { class: "actions" },
      h("button", { class: "secondary", onclick: () => loadForm(home, w, tables, shown) }, "Load tables"),
      h("button", { class: "secondary", onclick: () => resetPassword(home, w, shown) }, "Reset password"),
      h("button", { class: "danger", onclick: () => dropWorkspace(home, w, projectId, branchId) }, "Drop")))));
  const name = h("input", { id: "workspace-name", name: "name", required: true });
  const ttl = h("input", { id: "workspace-ttl", type: "number", min: "1", placeholder: "default" });
  const error = h("p", { class: "error", role: "alert" });
  const form = h("form", { class: "stack", id: "new-workspace" },
    h("label", { for: "workspace-name" }, "Name"), name,
    h("label", { for: "workspace-ttl" }, "Lifetime in hours"), ttl,
    h("button", { type: "submit" }, "Create workspace"), error);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    error.textContent = "";
    try {
      const created = await api("POST", `${home}/workspaces`, {
        name: name.value.trim(), ttl_hours: ttl.value ? Number(ttl.value) : undefined });
      await workspacesPage(projectId, branchId);
      showLogin(document.getElementById("workspace-login"), created.name, created.connection);
    } catch (err) {
      error.textContent = err.message;
    }
  });
  // Where the workspaces live: the project itself, or one of its dev branches.
  const where = h("select", { id: "workspace-branch", "aria-label": "Branch" },
    h("option", { value: "" }, "main (the project's data)"),
    branches.map((b) => h("option", { value: b.id, selected: b.id === branchId }, `branch ${b.name}`)));
  where.addEventListener("change", () => {
    location.hash = `#/projects/${enc(projectId)}/workspaces` + (where.value ? `/${enc(where.value)}` : "");
  });
  show(h("h1", {}, branch ? `Workspaces of ${projectId}, branch ${branch.name}` : `Workspaces of ${projectId}`),
    h("div", { class: "actions" }, h("label", { class: "inline", for: "workspace-branch" }, "On"), where),
    shown,
    h("div", { class: "scroll" }, h("table", { class: "grid", id: "workspaces" },
      h("thead", {}, h("tr", {}, ["Name", "Status", "Sessions", "Expires in", ""].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, rows.length ? rows : h("tr", {}, h("td", { colspan: 5, class: "muted" }, "No workspaces."))))),
    h("h2", {}, "New workspace"), form,
    branchesSection(projectId, branches));
  tick();
}

/** Dev branches: listed with the tables they changed, created, deleted. */
function branchesSection(projectId, branches) {
  const project = `/projects/${enc(projectId)}`;
  const name = h("input", { id: "branch-name", required: true });
  const result = h("p", { id: "branch-result", role: "status" });
  const form = h("form", { class: "actions", id: "new-branch" },
    h("label", { class: "inline", for: "branch-name" }, "Branch name"), name,
    h("button", { type: "submit", class: "secondary" }, "Create branch"));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      const b = await api("POST", `${project}/branches`, { name: name.value.trim() });
      location.hash = `#/projects/${enc(projectId)}/workspaces/${enc(b.id)}`;
    } catch (err) {
      result.className = "error";
      result.textContent = err.message;
    }
  });
  const rows = branches.map((b) => h("tr", {},
    h("td", {}, h("a", { href: `#/projects/${enc(projectId)}/workspaces/${enc(b.id)}` }, b.name)),
    h("td", {}, b.changed_tables), h("td", {}, b.created_at),
    h("td", {}, h("button", { class: "danger", onclick: async () => {
      if (!confirm(`Delete branch ${b.name} with its workspaces and table copies?`)) return;
      try {
        await api("DELETE", `${project}/branches/${enc(b.id)}`);
        toast(`Branch ${b.name} deleted`);
        location.hash = `#/projects/${enc(projectId)}/workspaces`;
        route();
      } catch (err) {
        result.className = "error";
        result.textContent = err.message;
      }
    } }, "Delete"))));
  return h("section", {}, h("h2", {}, "Dev branches"),
    h("p", { class: "muted" }, "A branch copies a table at its first write; its workspaces read the branch's copies."),
    rows.length ? h("div", { class: "scroll" }, h("table", { class: "grid", id: "branches" },
      h("thead", {}, h("tr", {}, ["Branch", "Changed tables", "Created", ""].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, rows))) : h("p", { class: "muted" }, "No branches."),
    form, result);
}

/** Copies project tables into a workspace: which tables, their names there, an optional filter. */
function loadForm(home, w, tables, into) {
  const source = h("select", { id: "load-source", required: true },
    tables.map((t) => h("option", { value: `${t.bucket}.${t.name}` }, `${t.bucket}.${t.name}`)));
  const destination = h("input", { id: "load-destination", placeholder: "the same name" });
  const where = h("input", { id: "load-where", class: "code", placeholder: "amount > 10" });
  const result = h("p", { id: "load-result", role: "status", "aria-live": "polite" });
  const form = h("form", { class: "stack", id: "load-form" },
    h("p", {}, `Load a table into workspace ${w.name}`),
    h("label", { for: "load-source" }, "Table"), source,
    h("label", { for: "load-destination" }, "Name in the workspace"), destination,
    h("label", { for: "load-where" }, "Only rows where (SQL)"), where,
    h("div", { class: "actions" }, h("button", { type: "submit" }, "Load"),
      h("button", { type: "button", class: "secondary", onclick: () => into.replaceChildren() }, "Close")),
    result);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    result.className = "";
    result.textContent = "Loading…";
    try {
      const r = await api("POST", `${home}/workspaces/${enc(w.id)}/load`, { tables: [{
        source: source.value, destination: destination.value.trim() || undefined,
        where: where.value.trim() || undefined }] });
      result.textContent = r.loaded.map((l) => `Loaded ${l.rows.toLocaleString()} rows into ${l.destination}`).join("; ")
        + `; the workspace takes ${bytes(r.workspace_size_bytes)}.`;
    } catch (err) {
      result.className = "error";
      result.textContent = err.code ? `${err.message} (${err.code})` : err.message;
    }
  });
  into.replaceChildren(h("div", { class: "panel" }, form));
  source.focus();
}

/** A workspace's PostgreSQL login, its password shown once, with a psql command to copy. */
function showLogin(into, name, c) {
  const psql = `psql "${c.connection_string}"`;
  into.replaceChildren(h("div", { class: "panel", id: "connection" },
    h("p", {}, `Workspace ${name}: connect with any PostgreSQL client. The password is shown only now.`),
    h("dl", { class: "facts" },
      h("dt", {}, "Host"), h("dd", {}, c.host), h("dt", {}, "Port"), h("dd", {}, c.port),
      h("dt", {}, "Database"), h("dd", {}, c.database), h("dt", {}, "User"), h("dd", {}, c.username),
      h("dt", {}, "Password"), h("dd", {}, h("code", { class: "secret", id: "workspace-password" }, c.password))),
    h("p", {}, h("code", { class: "secret", id: "psql-command" }, psql)),
    h("div", { class: "actions" }, h("button", { class: "secondary", onclick: () => copy(psql) }, "Copy psql command"))));
}

async function resetPassword(home, w, into) {
  try {
    const r = await api("POST", `${home}/workspaces/${enc(w.id)}/credentials/reset`);
    showLogin(into, w.name, r.connection);
  } catch (err) {
    toast(err.message);
  }
}

async function dropWorkspace(home, w, projectId, branchId) {
  if (!confirm(`Drop workspace ${w.name} with its tables and views?`)) return;
  try {
    await api("DELETE", `${home}/workspaces/${enc(w.id)}`);
    toast("Workspace dropped");
    workspacesPage(projectId, branchId);
  } catch (err) {
    toast(err.message);
  }
}

function remaining(iso) {
  const ms = new Date(iso).getTime() - Date.now();
  if (ms <= 0) return "expired";
  const m = Math.floor(ms / 60000);
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** Counts the workspaces' lifetimes down while their page is shown. */
function tick() {
  const cells = document.querySelectorAll("td[data-expires]");
  if (!cells.length) return;
  cells.forEach((td) => { if (td.dataset.expires) td.textContent = remaining(td.dataset.expires); });
  setTimeout(tick, 30000);
}

// ---- Snowflake: connections and registered buckets ------------------------------------------

async function snowflakePage(projectId) {
  const base = `/projects/${enc(projectId)}`;
  const [connections, buckets] = await Promise.all([
    api("GET", `${base}/snowflake-connections`), api("GET", `${base}/buckets`)]);
  const result = h("div", { id: "snowflake-result", role: "status" });
  const connectionRows = connections.connections.map((c) => h("tr", { "data-connection": c.name },
    h("td", {}, c.name), h("td", {}, `${c.user}@${c.account}`), h("td", {}, `${c.host}:${c.port}`),
    h("td", {}, c.auth), h("td", {}, [c.warehouse, c.role, c.database].filter(Boolean).join(" / ") || "—"),
    h("td", {}, h("div", { class: "actions" },
      h("button", { class: "secondary", onclick: () => testConnection(projectId, c.name, result) }, "Test login"),
      h("button", { class: "danger", onclick: () => deleteConnection(projectId, c.name, result) }, "Delete")))));
  const registered = buckets.buckets.filter((b) => b.registered && !b.linked);
  const bucketRows = registered.map((b) => h("tr", { "data-bucket": b.name },
    h("td", {}, h("a", { href: `#/projects/${enc(projectId)}` }, b.name)), h("td", {}, b.registered.connection),
    h("td", {}, b.registered.path.join(".")),
    h("td", {}, h("button", { class: "secondary", onclick: () => refreshBucket(projectId, b.name, result) }, "Refresh"))));

  const f = {};
  const field = (id, label, attrs = {}) => {
    f[id] = h("input", Object.assign({ id: "sf-" + id, name: id }, attrs));
    return [h("label", { for: "sf-" + id }, label), f[id]];
  };
  f.protocol = h("select", { id: "sf-protocol" }, h("option", { value: "https" }, "https"),
    h("option", { value: "http" }, "http (loopback only)"));
  f.auth = h("select", { id: "sf-auth" }, h("option", { value: "password" }, "password"),
    h("option", { value: "private_key" }, "private key (PEM)"), h("option", { value: "oauth_token" }, "OAuth token"));
  f.secret = h("textarea", { id: "sf-secret", rows: "3", autocomplete: "off" });
  const error = h("p", { class: "error", role: "alert" });
  const form = h("form", { class: "stack", id: "new-connection" },
    field("name", "Name", { required: true }), field("account", "Account", { required: true }),
    field("host", "Host", { required: true }), field("port", "Port", { type: "number", min: "1" }),
    h("label", { for: "sf-protocol" }, "Protocol"), f.protocol,
    field("user", "User", { required: true }),
    h("label", { for: "sf-auth" }, "Signs in with"), f.auth,
    h("label", { for: "sf-secret" }, "Secret"), f.secret,
    field("passphrase", "Key passphrase (encrypted keys)", { type: "password", autocomplete: "off" }),
    field("warehouse", "Warehouse"), field("role", "Role"), field("database", "Database"),
    h("button", { type: "submit" }, "Create connection"), error);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    error.textContent = "";
    const v = (k) => f[k].value.trim() || undefined;
    const body = { name: v("name"), account: v("account"), host: v("host"),
      port: f.port.value ? Number(f.port.value) : undefined, protocol: f.protocol.value, user: v("user"),
      warehouse: v("warehouse"), role: v("role"), database: v("database") };
    body[f.auth.value] = f.secret.value;
    if (f.auth.value === "private_key") body.private_key_passphrase = v("passphrase");
    try {
      await api("POST", `${base}/snowflake-connections`, body);
      await snowflakePage(projectId);
      toast("Connection created: the login works");
    } catch (err) {
      error.textContent = err.message;
    }
  });

  const bucketName = h("input", { id: "reg-name", required: true });
  const connection = h("select", { id: "reg-connection" },
    connections.connections.map((c) => h("option", { value: c.name }, c.name)));
  const database = h("input", { id: "reg-database", required: true });
  const schema = h("input", { id: "reg-schema", required: true });
  const regError = h("p", { class: "error", role: "alert" });
  const register = h("form", { class: "stack", id: "register-bucket" },
    h("label", { for: "reg-name" }, "Bucket name"), bucketName,
    h("label", { for: "reg-connection" }, "Connection"), connection,
    h("label", { for: "reg-database" }, "Snowflake database"), database,
    h("label", { for: "reg-schema" }, "Snowflake schema"), schema,
    h("button", { type: "submit" }, "Register bucket"), regError);
  register.addEventListener("submit", async (e) => {
    e.preventDefault();
    regError.textContent = "";
    try {
      const r = await api("POST", `${base}/buckets/register`, { name: bucketName.value.trim(),
        connection: connection.value, path: [database.value.trim(), schema.value.trim()] });
      await snowflakePage(projectId);
      registration(document.getElementById("snowflake-result"), r);
    } catch (err) {
      regError.textContent = err.message;
    }
  });

  show(h("h1", {}, `Snowflake in ${projectId}`), result,
    h("h2", {}, "Connections"),
    h("div", { class: "scroll" }, h("table", { class: "grid", id: "connections" },
      h("thead", {}, h("tr", {}, ["Name", "User", "Host", "Signs in with", "Defaults", ""].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, connectionRows))),
    h("h2", {}, "Registered buckets"),
    h("div", { class: "scroll" }, h("table", { class: "grid", id: "registered" },
      h("thead", {}, h("tr", {}, ["Bucket", "Connection", "Schema", ""].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, bucketRows))),
    h("div", { class: "layout" },
      h("section", {}, h("h2", {}, "New connection"), form),
      h("section", {}, h("h2", {}, "Register a bucket"), connections.connections.length ? register
        : h("p", { class: "muted" }, "Create a connection first."))));
}

/** What a registration or a refresh found. */
function registration(into, r) {
  const line = (label, names) => names.length ? h("p", {}, `${label}: ${names.join(", ")}`) : null;
  into.replaceChildren(h("div", { class: "panel" },
    h("p", {}, `Bucket ${r.bucket.name}`),
    line("Added", r.added), line("Dropped", r.dropped), line("Changed", r.changed),
    line("Left out", r.skipped),
    !r.added.length && !r.dropped.length && !r.changed.length ? h("p", {}, "Nothing changed.") : null));
}

async function testConnection(projectId, name, into) {
  try {
    await api("POST", `/projects/${enc(projectId)}/snowflake-connections/${enc(name)}/test`);
    into.replaceChildren(h("p", { class: "panel" }, `The login of ${name} works.`));
  } catch (err) {
    into.replaceChildren(h("p", { class: "panel error" }, err.message));
  }
}

async function deleteConnection(projectId, name, into) {
  if (!confirm(`Delete Snowflake connection ${name}?`)) return;
  try {
    await api("DELETE", `/projects/${enc(projectId)}/snowflake-connections/${enc(name)}`);
    await snowflakePage(projectId);
  } catch (err) {
    into.replaceChildren(h("p", { class: "panel error" }, err.message));
  }
}

async function refreshBucket(projectId, bucket, into) {
  try {
    registration(into, await api("POST", `/projects/${enc(projectId)}/buckets/${enc(bucket)}/refresh`));
  } catch (err) {
    into.replaceChildren(h("p", { class: "panel error" }, err.message));
  }
}

// ---- sharing --------------------------------------------------------------------------------------

async function sharingPage(projectId) {
  const base = `/projects/${enc(projectId)}`;
  const [buckets, offers] = await Promise.all([api("GET", `${base}/buckets`),
    api("GET", `${base}/shared-buckets`)]);
  const own = buckets.buckets.filter((b) => !b.linked);
  const linked = buckets.buckets.filter((b) => b.linked);
  const states = await Promise.all(own.map((b) =>
    api("GET", `${base}/buckets/${enc(b.name)}/share`).catch(() => null)));
  const result = h("div", { id: "sharing-result", role: "status" });
  const act = async (method, path, body, message) => {
    try {
      await api(method, path, body);
      await sharingPage(projectId);
      toast(message);
    } catch (err) {
      result.replaceChildren(h("p", { class: "panel error" }, err.message));
    }
  };
  const ownRows = own.map((b, i) => {
    const state = states[i];
    const target = h("input", { "aria-label": `Project to share ${b.name} with`, placeholder: "project id" });
    const path = `${base}/buckets/${enc(b.name)}`;
    return h("tr", { "data-bucket": b.name },
      h("td", {}, b.name),
      h("td", {}, state ? state.shared_with.map((s) => h("div", {},
        `${s.all_projects ? "all projects" : s.target_project_id} (${s.kind}) `,
        h("button", { class: "secondary", onclick: () => act("DELETE",
          `${path}/share?` + (s.all_projects ? "all_projects=true" : "target_project_id=" + enc(s.target_project_id)),
          undefined, "Sharing stopped") }, "Stop"))) : "—"),
      h("td", {}, state && state.linked_by.length
        ? state.linked_by.map((l) => h("div", {}, `${l.project_id} as ${l.name}`)) : "nobody"),
      h("td", {}, h("div", { class: "actions" }, target,
        h("button", { class: "secondary", onclick: () => act("POST", `${path}/share`,
          { target_project_id: target.value.trim() }, "Shared") }, "Share"),
        h("button", { class: "secondary", onclick: () => act("POST", `${path}/grant-readonly`,
          { target_project_id: target.value.trim() }, "Read-only access granted") }, "Grant read-only"))));
  });
  const offerRows = offers.buckets.map((o) => {
    const name = h("input", { "aria-label": `Link ${o.source_project_id}.${o.source_bucket_name} as`,
      value: o.linked_as || o.source_bucket_name });
    return h("tr", {},
      h("td", {}, `${o.source_project_id}.${o.source_bucket_name}`), h("td", {}, o.kind),
      h("td", {}, o.linked_as ? `linked as ${o.linked_as}` : h("div", { class: "actions" }, name,
        h("button", { class: "secondary", onclick: () => act("POST", `${base}/buckets/${enc(name.value.trim())}/link`,
          { source_project_id: o.source_project_id, source_bucket_name: o.source_bucket_name }, "Linked") }, "Link"))));
  });
  const linkedRows = linked.map((b) => h("tr", {},
    h("td", {}, b.name), h("td", {}, `${b.source_project_id}.${b.source_bucket}`),
    h("td", {}, h("button", { class: "danger", onclick: () => act("DELETE", `${base}/buckets/${enc(b.name)}/link`,
      undefined, "Unlinked") }, "Unlink"))));
  const table = (id, heads, rows, empty) => rows.length
    ? h("div", { class: "scroll" }, h("table", { class: "grid", id },
      h("thead", {}, h("tr", {}, heads.map((c) => h("th", { scope: "col" }, c)))), h("tbody", {}, rows)))
    : h("p", { class: "muted", id }, empty);
  show(h("h1", {}, `Sharing of ${projectId}`), result,
    h("h2", {}, "This project's buckets"),
    table("shares", ["Bucket", "Shared with", "Linked by", ""], ownRows, "No buckets."),
    h("h2", {}, "Buckets other projects share with this one"),
    table("offers", ["Bucket", "Kind", ""], offerRows, "None."),
    h("h2", {}, "Linked buckets"),
    table("links", ["Link", "Source", ""], linkedRows, "None."));
}

// ---- a table ---------------------------------------------------------------------------------

async function tablePage(projectId, bucket, table) {
  const base = `/projects/${enc(projectId)}/buckets/${enc(bucket)}/tables/${enc(table)}`;
  const [t, side] = await Promise.all([api("GET", base), tree(projectId, location.hash)]);
  const tags = await tagsEditor(base);
  const rowCount = h("dd", { id: "table-rows" });
  const size = h("dd", { id: "table-size" });
  const updated = h("dd", { id: "table-updated" });
  const facts = (now) => {
    rowCount.textContent = now.row_count.toLocaleString();
    size.textContent = bytes(now.size_bytes);
    updated.textContent = now.updated_at || "—";
  };
  facts(t);
  const columns = h("table", { class: "grid", id: "columns" },
    h("thead", {}, h("tr", {}, ["Column", "Type", "Nullable", "Key", "Description"].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, t.columns.map((c) => h("tr", {},
      h("td", {}, c.name), h("td", {}, c.type), h("td", {}, c.nullable ? "yes" : "no"),
      h("td", {}, t.primary_key.includes(c.name) ? "primary key" : ""),
      h("td", {}, c.description || "")))));
  const preview = h("div", { class: "scroll", id: "preview" }, h("p", { class: "muted" }, "Loading rows…"));
  // Filters and sort of the preview API: a column, an operator, a value; a header click sorts.
  const query = { where: [], order: null };
  const column = h("select", { id: "filter-column", "aria-label": "Filter column" },
    t.columns.map((c) => h("option", { value: c.name }, c.name)));
  const operator = h("select", { id: "filter-operator", "aria-label": "Filter operator" },
    [["eq", "="], ["ne", "≠"], ["gt", ">"], ["ge", "≥"], ["lt", "<"], ["le", "≤"], ["like", "like"],
      ["is_null", "is null"], ["is_not_null", "is not null"]].map(([v, l]) => h("option", { value: v }, l)));
  const value = h("input", { id: "filter-value", "aria-label": "Filter value" });
  const filters = h("div", { class: "actions", id: "filters" });
  const filterForm = h("form", { class: "actions", id: "filter" }, column, operator, value,
    h("button", { type: "submit", class: "secondary" }, "Add filter"));
  filterForm.addEventListener("submit", (e) => {
    e.preventDefault();
    const op = operator.value;
    query.where.push({ column: column.value, operator: op, values: op.startsWith("is_") ? [] : [value.value] });
    value.value = "";
    load();
  });
  const load = async () => {
    filters.replaceChildren(...query.where.map((f, i) => h("button", { class: "secondary",
      "aria-label": `Remove filter ${f.column} ${f.operator} ${f.values.join(",")}`,
      onclick: () => { query.where.splice(i, 1); load(); } }, `${f.column} ${f.operator} ${f.values.join(",")} ✕`)));
    const params = new URLSearchParams({ limit: "100", format: "csv" });
    if (query.where.length) params.set("where", JSON.stringify(query.where));
    if (query.order) params.set("order_by", query.order);
    try {
      // As CSV: every value exactly as Floe writes it (JSON numbers would lose a decimal's digits).
      const [names, ...rows] = parseCsv(await text(`${base}/preview?${params}`));
      const types = Object.fromEntries(t.columns.map((c) => [c.name, c.type]));
      const sortBy = (name) => {
        query.order = query.order === name ? name + ":desc" : name;
        load();
      };
      const mark = (name) => query.order === name ? " ▲" : query.order === name + ":desc" ? " ▼" : "";
      preview.replaceChildren(h("table", { class: "grid", id: "rows" },
        h("thead", {}, h("tr", {}, names.map((n) => h("th", { scope: "col", title: types[n.value] || "",
          class: numericType(types[n.value]) ? "num" : null,
          "aria-sort": query.order === n.value ? "ascending" : query.order === n.value + ":desc" ? "descending" : null },
          h("button", { class: "link", onclick: () => sortBy(n.value) }, n.value + mark(n.value)))))),
        h("tbody", {}, rows.map((r) => h("tr", {}, r.map((v, i) => cell(v, types[names[i].value])))))),
        h("p", { class: "muted" }, `${rows.length} rows shown`));
    } catch (err) {
      preview.replaceChildren(h("p", { class: "error", role: "alert" }, err.message));
    }
  };
  const download = (format) => async () => {
    try {
      const r = await fetch(`${base}/export`, { method: "POST", headers: {
        "Authorization": "Bearer " + sessionStorage.getItem(TOKEN_KEY), "Content-Type": "application/json" },
        body: JSON.stringify({ format, where: query.where, order_by: query.order ? [{ column: query.order.split(":")[0],
          order: query.order.endsWith(":desc") ? "desc" : "asc" }] : undefined }) });
      if (!r.ok) throw new ApiError(r.status, await r.json().catch(() => null));
      const a = h("a", { href: URL.createObjectURL(await r.blob()), download: `${bucket}.${table}.${format}` });
      document.body.append(a);
      a.click();
      a.remove();
    } catch (err) {
      toast(err.message);
    }
  };
  show(h("h1", {}, `${bucket}.${table}`),
    h("div", { class: "layout" }, side,
      h("section", {},
        h("dl", { class: "facts" },
          h("dt", {}, "Description"), descriptionEditor(base, t.description, () => {}),
          h("dt", {}, "Rows"), rowCount,
          h("dt", {}, "Size"), size,
          h("dt", {}, "Updated"), updated,
          t.snowflake_name ? [h("dt", {}, "In Snowflake"), h("dd", {}, t.snowflake_name)] : null),
        t.snowflake_name ? null : h("p", {}, h("a", { id: "profile-link",
          href: `#/projects/${enc(projectId)}/buckets/${enc(bucket)}/tables/${enc(table)}/profile` }, "Profile of the data")),
        h("h2", {}, "Tags"), tags,
        h("h2", {}, "Columns"), h("div", { class: "scroll" }, columns),
        t.snowflake_name ? null : [h("h2", {}, "Upload"), uploader(base, async () => {
          facts(await api("GET", base));
          await load();
        })],
        h("h2", {}, "Data"), filterForm, filters,
        h("div", { class: "actions" },
          h("button", { class: "secondary", id: "export-csv", onclick: download("csv") }, "Download CSV"),
          h("button", { class: "secondary", id: "export-parquet", onclick: download("parquet") }, "Download Parquet")),
        preview)));
  await load();
}

// ---- helpers and routing ----------------------------------------------------------------------

async function route() {
  const hash = location.hash || "#/";
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) {
    me = null;
    header();
    if (hash !== "#/signin") location.hash = "#/signin";
    else signInPage();
    return;
  }
  try {
    if (!me) me = await api("GET", "/tokens/verify");
  } catch {
    return; // api() signed out
  }
  header();
  const parts = hash.slice(2).split("/").map(decodeURIComponent);
  try {
    if (hash === "#/signin" || hash === "#/") {
      location.hash = me.is_admin ? "#/projects" : "#/projects/" + enc(me.project.id);
    } else if (parts[0] === "projects" && parts.length === 1) {
      await projectsPage();
    } else if (parts[0] === "projects" && parts.length === 2) {
      await projectPage(parts[1]);
    } else if (parts[0] === "projects" && parts.length === 3 && parts[2] === "tokens") {
      await tokensPage(parts[1]);
    } else if (parts[0] === "projects" && (parts.length === 3 || parts.length === 4) && parts[2] === "workspaces") {
      await workspacesPage(parts[1], parts[3]);
    } else if (parts[0] === "projects" && parts.length === 3 && parts[2] === "snowflake") {
      await snowflakePage(parts[1]);
    } else if (parts[0] === "projects" && parts.length === 3 && parts[2] === "sharing") {
      await sharingPage(parts[1]);
    } else if (parts[0] === "projects" && parts.length === 3 && parts[2] === "snowflake-clients") {
      await (await import("./snowflake-users.js")).snowflakeUsersPage(parts[1]);
    } else if (parts[0] === "audit" && parts.length === 1) {
      await (await import("./audit.js")).auditPage("Audit log");
    } else if (parts[0] === "projects" && parts.length === 3 && parts[2] === "audit") {
      await (await import("./audit.js")).auditPage(`Audit log of ${parts[1]}`);
    } else if (parts[0] === "projects" && parts.length === 3 && parts[2] === "sql") {
      await (await import("./sql.js")).sqlPage(parts[1]);
    } else if (parts[0] === "projects" && parts[2] === "buckets" && parts[4] === "tables" && parts[6] === "profile") {
      await (await import("./profile.js")).profilePage(parts[1], parts[3], parts[5]);
    } else if (parts[0] === "projects" && parts[2] === "buckets" && parts[4] === "tables") {
      await tablePage(parts[1], parts[3], parts[5]);
    } else {
      show(h("h1", {}, "Not found"), h("p", {}, "There is no such page."));
    }
  } catch (err) {
    if (err.status === 401) return;
    show(h("h1", {}, "Cannot show this page"), h("p", { class: "error", role: "alert" }, err.message));
  }
}

window.addEventListener("hashchange", route);
route();
