"""The web console in a real browser: Playwright driving Debian's Chromium against a running Floe.

Arguments: base URL, admin token, the project token of project "sales", the id of a second token
of "sales" (revoked during the walk), the directory for screenshots. Prints one line per step;
exits non-zero with the failing step's assertion.
"""
import shlex
import subprocess
import sys
from pathlib import Path
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright, expect

base, admin, sales_token, revoked_id, revoked_secret, shots = sys.argv[1:7]
snowflake_port = sys.argv[8]
public_key = Path(sys.argv[9]).read_text()
shots = Path(shots)
shots.mkdir(parents=True, exist_ok=True)
XSS = "<img src=x onerror=alert(1)>"
# 3000^4 row combinations: runs until it is cancelled.
LONG_QUERY = ("select count(*) from in_c_main.big a, in_c_main.big b, in_c_main.big c, in_c_main.big d "
              "where a.v + b.v + c.v + d.v > -1")


def step(name):
    print("step:", name, flush=True)


axe = Axe()


def accessible(page, name):
    """axe-core (Deque's checker) on the page as it is: no serious or critical violation."""
    found = axe.run(page).response["violations"]
    bad = [(v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"]][:3])
           for v in found if v["impact"] in ("serious", "critical")]
    assert not bad, (name, bad)
    print("accessible:", name, len(found), "minor findings", flush=True)


with sync_playwright() as p:
    browser = p.chromium.launch(executable_path=sys.argv[7], args=[
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update"])
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    page = context.new_page()
    dialogs = []  # alert() from markup that became an element would land here

    def on_dialog(d):
        if d.type == "confirm":
            d.accept()
        else:
            dialogs.append(d.message)
            d.dismiss()
    page.on("dialog", on_dialog)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    step("the console is served at / and asks to sign in")
    page.goto(base + "/")
    expect(page.get_by_role("heading", name="Sign in to Floe")).to_be_visible()
    page.screenshot(path=str(shots / "signin.png"))
    accessible(page, "sign-in")
    transferred = page.evaluate("""() => performance.getEntriesByType("navigation")
        .concat(performance.getEntriesByType("resource"))
        .reduce((sum, e) => sum + (e.transferSize || e.encodedBodySize || 0), 0)""")
    print("first page bytes:", transferred, flush=True)
    assert 0 < transferred < 300 * 1024, transferred

    step("a wrong token is refused with a message")
    page.get_by_label("Token").fill("not-a-token-at-all")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("#signin-error")).to_have_text("That token is not valid.")
    assert "not-a-token" not in page.url

    step("the admin signs in and sees the projects")
    page.get_by_label("Token").fill(admin)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Projects")).to_be_visible()
    expect(page.locator("#projects")).to_contain_text("sales")
    assert admin not in page.url
    accessible(page, "projects")
    page.screenshot(path=str(shots / "projects.png"))

    step("creating a project shows its token once")
    page.get_by_label("Project id").fill("shop")
    page.get_by_label("Name").fill("The shop")
    page.get_by_role("button", name="Create project").click()
    key = page.locator("#new-project-key")
    expect(key).to_be_visible()
    assert len(key.inner_text().strip()) > 20
    page.screenshot(path=str(shots / "project-created.png"))
    page.get_by_role("button", name="Done").click()
    expect(page.locator("#projects")).to_contain_text("The shop")
    expect(page.locator("#new-project-key")).to_have_count(0)

    step("a bucket and a table made in the console, a CSV uploaded with its progress, its rows")
    page.goto(base + "/#/projects/shop")
    page.get_by_text("New bucket").click()
    page.get_by_label("Bucket name").fill("in_c_web")
    page.get_by_role("button", name="Create bucket").click()
    expect(page.locator("#tree")).to_contain_text("in_c_web")
    page.get_by_text("New table").click()
    page.get_by_label("Table name").fill("events")
    page.get_by_label("Columns").fill("id INTEGER not null\nkind VARCHAR\nvalue DECIMAL(12,2)")
    page.get_by_label("Primary key").fill("id")
    page.get_by_role("button", name="Create table").click()
    expect(page.get_by_role("heading", name="in_c_web.events")).to_be_visible()
    expect(page.locator("#columns")).to_contain_text("DECIMAL(12,2)")
    rows = 200000
    csv = "id,kind,value\n" + "".join(f"{i},{'click' if i % 3 else 'view'},{i}.25\n" for i in range(1, rows + 1))
    page.evaluate("""() => {
      window.seen = [];
      const p = document.getElementById("upload-progress");
      const r = document.getElementById("upload-result");
      new MutationObserver(() => window.seen.push([p.hidden, p.value, r.textContent]))
        .observe(document.getElementById("main"), {attributes: true, childList: true, subtree: true, characterData: true});
    }""")
    page.get_by_label("CSV or Parquet file").set_input_files(
        files=[{"name": "events.csv", "mimeType": "text/csv", "buffer": csv.encode()}])
    page.get_by_role("button", name="Upload", exact=True).click()
    expect(page.locator("#upload-result")).to_have_text(
        "Imported 200,000 rows; the table has 200,000.", timeout=60000)
    seen = page.evaluate("window.seen")
    assert any(not hidden and text.startswith("Uploading events.csv") for hidden, _, text in seen), seen[:20]
    assert any(not hidden and value == 100 for hidden, value, _ in seen), seen[:20]
    expect(page.locator("#upload-progress")).to_be_hidden()
    expect(page.locator("#rows tbody tr")).to_have_count(100)
    expect(page.locator("#rows")).to_contain_text("click")
    expect(page.locator("#table-rows")).to_have_text("200,000")
    accessible(page, "table")
    page.screenshot(path=str(shots / "upload.png"))

    step("the table's profile: statistics, a histogram and the most frequent values per column")
    page.get_by_role("link", name="Profile of the data").click()
    expect(page.get_by_role("heading", name="Profile of in_c_web.events")).to_be_visible()
    expect(page.locator("#profile-summary")).to_contain_text("200,000 rows")
    value = page.locator('[data-column="value"]')
    expect(value).to_contain_text("DECIMAL(12,2)")
    expect(value.locator("svg.chart rect.bar")).to_have_count(20)
    expect(value).to_contain_text("100,000.75")  # the mean of 1.25 .. 200000.25
    kind = page.locator('[data-column="kind"]')
    expect(kind.locator("table.top-values tbody tr")).to_have_count(2)
    expect(kind.locator("table.top-values tbody tr").first).to_contain_text("133,334")
    page.screenshot(path=str(shots / "profile.png"), full_page=True)
    accessible(page, "profile")
    page.get_by_role("button", name="Compute again").click()
    expect(page.locator("#profile-summary")).not_to_contain_text("kept until")
    page.get_by_role("link", name="Back to the table").click()
    expect(page.get_by_role("heading", name="in_c_web.events")).to_be_visible()

    step("a table's description and tags edited; a tag named like markup stays text")
    page.get_by_role("button", name="Edit", exact=True).click()
    page.get_by_label("Table description").fill("page events <b>raw</b>")
    page.get_by_role("button", name="Save description").click()
    expect(page.locator("#table-description")).to_contain_text("page events <b>raw</b>")
    page.get_by_label("Tag key").fill(XSS)
    page.get_by_label("Tag value").fill("yes")
    page.get_by_role("button", name="Add tag").click()
    expect(page.locator("#tags")).to_contain_text(XSS + ": yes")
    page.get_by_label("Tag key").fill("domain")
    page.get_by_label("Tag value").fill("web")
    page.get_by_role("button", name="Add tag").click()
    expect(page.locator("#tags li.tag")).to_have_count(2)
    assert page.locator("main img").count() == 0, "markup in a tag became an element"
    page.get_by_role("button", name="Remove tag domain").click()
    expect(page.locator("#tags li.tag")).to_have_count(1)
    page.reload()
    expect(page.locator("#tags")).to_contain_text(XSS + ": yes")
    expect(page.locator("#table-description")).to_contain_text("page events <b>raw</b>")

    step("a project's buckets and tables, a table's columns and rows; markup stays text")
    page.goto(base + "/#/projects/sales")
    expect(page.locator("#tree")).to_contain_text("in_c_main")
    page.get_by_role("link", name="orders", exact=True).click()
    expect(page.get_by_role("heading", name="in_c_main.orders")).to_be_visible()
    expect(page.locator("#table-description")).to_have_text(XSS)
    expect(page.locator("#columns")).to_contain_text("amount")
    expect(page.locator("#columns")).to_contain_text("primary key")
    expect(page.locator("#rows tbody tr")).to_have_count(3)
    expect(page.locator("#rows")).to_contain_text("120.00")
    assert page.locator("main img").count() == 0, "markup in a description became an element"
    assert not dialogs, dialogs
    page.screenshot(path=str(shots / "table.png"), full_page=True)

    step("filter and sort the rows, download them")
    page.get_by_label("Filter column").select_option("amount")
    page.get_by_label("Filter operator").select_option("gt")
    page.get_by_label("Filter value").fill("10")
    page.get_by_role("button", name="Add filter").click()
    expect(page.locator("#rows tbody tr")).to_have_count(2)
    page.locator("#rows th button", has_text="amount").click()
    expect(page.locator("#rows tbody tr").first).to_contain_text("20.00")
    page.locator("#rows th button", has_text="amount").click()
    expect(page.locator("#rows tbody tr").first).to_contain_text("120.00")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    exported = Path(download.value.path()).read_text().splitlines()
    assert exported == ["id,amount", "2,120.00", "3,20.00"], exported
    page.get_by_role("button", name="Remove filter amount gt 10").click()
    expect(page.locator("#rows tbody tr")).to_have_count(3)

    step("sharing: share a bucket, link it in another project, see who uses it, unlink, stop")
    page.goto(base + "/#/projects/sales/sharing")
    expect(page.get_by_role("heading", name="Sharing of sales")).to_be_visible()
    page.get_by_label("Project to share in_c_main with").fill("other")
    page.locator("#shares tr", has_text="in_c_main").get_by_role("button", name="Share", exact=True).click()
    expect(page.locator("#shares")).to_contain_text("other")
    page.goto(base + "/#/projects/other/sharing")
    expect(page.locator("#offers")).to_contain_text("sales.in_c_main")
    page.locator("#offers tr", has_text="sales.in_c_main").get_by_role("button", name="Link").click()
    expect(page.locator("#links")).to_contain_text("sales.in_c_main")
    page.goto(base + "/#/projects/sales/sharing")
    expect(page.locator("#shares")).to_contain_text("other as in_c_main")
    page.screenshot(path=str(shots / "sharing.png"), full_page=True)
    page.goto(base + "/#/projects/other/sharing")
    page.locator("#links tr", has_text="in_c_main").get_by_role("button", name="Unlink").click()
    expect(page.locator("#links")).to_have_text("None.")
    page.goto(base + "/#/projects/sales/sharing")
    page.locator("#shares tr", has_text="in_c_main").get_by_role("button", name="Stop").click()
    expect(page.locator("#shares")).not_to_contain_text("other")

    step("sign out")
    page.get_by_role("button", name="Sign out").click()
    expect(page.locator("#signin-message")).to_have_text("Signed out.")

    step("a project token sees its project and nothing of another; signing in and moving by keyboard")
    page.keyboard.type(sales_token)  # the token field has the focus
    page.keyboard.press("Enter")
    expect(page.locator("#tree")).to_contain_text("in_c_main")
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "SQL":
            break
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="SQL", exact=True)).to_be_visible()
    page.goto(base + "/#/projects/sales")
    expect(page.locator("#tree")).to_contain_text("in_c_main")
    page.goto(base + "/#/projects/other")
    expect(page.get_by_role("heading", name="Cannot show this page")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("in_c_secret")
    page.goto(base + "/#/projects")
    expect(page.locator("main")).not_to_contain_text("other")
    page.screenshot(path=str(shots / "project-token.png"))

    step("the master token creates a token with bucket access and an expiry, sees it once, revokes it")
    page.goto(base + "/#/projects/sales")
    page.get_by_role("link", name="Tokens").click()
    expect(page.get_by_role("heading", name="Tokens of sales")).to_be_visible()
    page.get_by_label("Description").fill("reporting <b>bot</b>")
    page.get_by_label("Access to bucket in_c_main").select_option("read")
    page.get_by_label("Expires in hours").fill("2")
    page.get_by_role("button", name="Create token").click()
    expect(page.locator("#shown-secret")).to_be_visible()
    secret = page.locator("#shown-secret").inner_text().strip()
    assert len(secret) > 20
    row = page.locator("#tokens tr", has_text="reporting <b>bot</b>")
    expect(row).to_contain_text("in_c_main: read")
    expect(row).to_contain_text("active")
    page.screenshot(path=str(shots / "tokens.png"), full_page=True)
    accessible(page, "tokens")
    r = page.request.get(base + "/tokens/verify", headers={"Authorization": "Bearer " + secret})
    assert r.status == 200, r.status
    row.get_by_role("button", name="Revoke").click()
    expect(page.locator("#tokens tr", has_text="reporting <b>bot</b>")).to_contain_text("revoked")
    assert page.locator("#shown-secret").count() == 0, "a secret is shown again"
    r = page.request.get(base + "/tokens/verify", headers={"Authorization": "Bearer " + secret})
    assert r.status == 401, r.status

    step("a workspace: created with its login shown once, listed with its lifetime, dropped")
    page.get_by_role("link", name="Workspaces").click()
    expect(page.get_by_role("heading", name="Workspaces of sales")).to_be_visible()
    page.get_by_label("Name", exact=True).fill("analysis")
    page.get_by_label("Lifetime in hours").fill("2")
    page.get_by_role("button", name="Create workspace").click()
    expect(page.locator("#connection")).to_be_visible()
    command = page.locator("#psql-command").inner_text()
    password = page.locator("#workspace-password").inner_text()
    assert command.startswith('psql "postgresql://') and len(password) > 10, command
    row = page.locator("#workspaces tr", has_text="analysis")
    expect(row).to_contain_text("1 h 5")  # counting down from 2 hours
    page.screenshot(path=str(shots / "workspaces.png"), full_page=True)
    accessible(page, "workspaces")
    page.get_by_role("button", name="Copy psql command").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == command, copied
    row.get_by_role("button", name="Load tables").click()
    page.get_by_label("Table", exact=True).select_option("in_c_main.orders")
    page.get_by_label("Name in the workspace").fill("big_orders")
    page.get_by_label("Only rows where (SQL)").fill("amount > 10")
    page.get_by_role("button", name="Load", exact=True).click()
    expect(page.locator("#load-result")).to_contain_text("Loaded 2 rows into big_orders")
    psql = subprocess.run(shlex.split(copied) + ["-X", "-A", "-t", "-c",
                          "select (select count(*) from big_orders), (select count(*) from in_c_main.orders)"],
                          capture_output=True, text=True, timeout=60)
    assert psql.returncode == 0 and psql.stdout.strip() == "2|3", (psql.returncode, psql.stdout, psql.stderr)
    row.get_by_role("button", name="Reset password").click()
    expect(page.locator("#workspace-password")).not_to_have_text(password)
    row.get_by_role("button", name="Drop").click()
    expect(page.locator("#workspaces")).not_to_contain_text("analysis")
    page.get_by_label("Branch name").fill("dev")
    page.get_by_role("button", name="Create branch").click()
    expect(page.get_by_role("heading", name="Workspaces of sales, branch dev")).to_be_visible()
    page.get_by_label("Name", exact=True).fill("on-dev")
    page.get_by_role("button", name="Create workspace").click()
    expect(page.locator("#workspaces")).to_contain_text("on-dev")
    expect(page.locator("#branches")).to_contain_text("dev")
    page.get_by_label("Branch", exact=True).select_option("")
    expect(page.get_by_role("heading", name="Workspaces of sales", exact=True)).to_be_visible()
    expect(page.locator("#workspaces")).not_to_contain_text("on-dev")

    step("SQL: run a query, page it, chart it, explain it; errors with their code; cancel a long one")
    page.get_by_role("link", name="SQL", exact=True).click()
    expect(page.get_by_role("heading", name="SQL", exact=True)).to_be_visible()
    editor = page.get_by_label("SQL", exact=True)
    editor.fill("select id, amount from in_c_main.orders order by id")
    page.get_by_role("button", name="Run").click()
    expect(page.locator("#status")).to_have_text("3 rows")
    expect(page.locator("#rows tbody tr")).to_have_count(3)
    expect(page.locator("#rows")).to_contain_text("120.00")
    expect(page.locator("#range")).to_have_text("Rows 1–3 of 3")
    assert page.locator("#elapsed").inner_text().endswith(("ms", "s")), page.locator("#elapsed").inner_text()
    page.get_by_role("button", name="Bar chart").click()
    expect(page.locator("#chart-svg rect.bar")).to_have_count(3)
    expect(page.locator("#chart-svg")).to_have_attribute("aria-label", "Bar chart of amount by id")
    page.get_by_role("button", name="Line chart").click()
    expect(page.locator("#chart-svg polyline.line")).to_have_count(1)
    page.screenshot(path=str(shots / "sql.png"), full_page=True)
    accessible(page, "sql")
    editor.fill("select g.v as n from in_c_main.big g where g.v < 250 order by n")
    editor.press("Control+Enter")
    expect(page.locator("#status")).to_have_text("250 rows")
    expect(page.locator("#range")).to_have_text("Rows 1–100 of 250")
    page.get_by_role("button", name="Next").click()
    expect(page.locator("#range")).to_have_text("Rows 101–200 of 250")
    expect(page.locator("#rows tbody tr").first).to_contain_text("100")
    editor.fill("select sum(amount) from in_c_main.orders where id > 1")
    page.get_by_role("button", name="Explain").click()
    expect(page.locator("#pushdown")).to_contain_text("Runs in DuckDB")
    expect(page.locator("#duckdb-sql")).to_contain_text('WHERE "id" > 1')
    page.screenshot(path=str(shots / "sql-explain.png"), full_page=True)
    editor.fill("select * from in_c_main.nope")
    page.get_by_role("button", name="Run").click()
    expect(page.locator("#status")).to_contain_text("SQLSTATE 42P01")
    editor.fill(LONG_QUERY)
    page.get_by_role("button", name="Run").click()
    expect(page.locator("#cancel")).to_be_enabled()
    page.wait_for_timeout(1500)
    expect(page.locator("#status")).to_have_text("Running…")
    page.get_by_role("button", name="Cancel").click()
    expect(page.locator("#status")).to_contain_text("query_cancelled, SQLSTATE 57014", timeout=30000)
    expect(page.locator("#run")).to_be_enabled()

    step("the audit log: the statements just run, filtered, and one entry's detail")
    page.get_by_role("link", name="Audit", exact=True).click()
    expect(page.get_by_role("heading", name="Audit log of sales")).to_be_visible()
    expect(page.locator("#audit tbody tr").first).to_be_visible()
    page.get_by_label("Outcome").select_option("cancelled")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("#audit tbody tr")).to_have_count(1)
    expect(page.locator("#audit")).to_contain_text("in_c_main.big")
    page.get_by_label("Outcome").select_option("")
    page.get_by_label("SQL contains").fill("select id, amount from in_c_main.orders")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("#audit tbody tr")).to_have_count(1)
    expect(page.locator("#audit tbody tr")).to_contain_text("rest")
    page.locator("#audit tbody tr button").click()
    expect(page.locator("#audit-sql")).to_have_text("select id, amount from in_c_main.orders order by id")
    expect(page.locator("#audit-entry")).to_contain_text("token:")
    page.screenshot(path=str(shots / "audit.png"), full_page=True)
    accessible(page, "audit")

    step("Snowflake: a connection (tested), a registered bucket (refreshed), its table's rows")
    page.get_by_role("link", name="Snowflake", exact=True).click()
    expect(page.get_by_role("heading", name="Snowflake in sales")).to_be_visible()
    page.get_by_label("Name", exact=True).fill("wh")
    page.get_by_label("Account", exact=True).fill("fakesnow")
    page.get_by_label("Host", exact=True).fill("127.0.0.1")
    page.get_by_label("Port", exact=True).fill(snowflake_port)
    page.get_by_label("Protocol", exact=True).select_option("http")
    page.get_by_label("User", exact=True).fill("fake")
    page.get_by_label("Secret", exact=True).fill("snow")
    page.get_by_role("button", name="Create connection").click()
    row = page.locator("#connections tr", has_text="wh")
    expect(row).to_contain_text("fake@fakesnow")
    assert "snow" not in row.inner_text().replace("fakesnow", ""), "the secret is shown"
    row.get_by_role("button", name="Test login").click()
    expect(page.locator("#snowflake-result")).to_contain_text("The login of wh works.")
    page.get_by_label("Bucket name").fill("crm")
    page.get_by_label("Snowflake database").fill("SALES")
    page.get_by_label("Snowflake schema").fill("CRM")
    page.get_by_role("button", name="Register bucket").click()
    expect(page.locator("#snowflake-result")).to_contain_text("Added: ORDERS")
    page.locator("#registered tr", has_text="crm").get_by_role("button", name="Refresh").click()
    expect(page.locator("#snowflake-result")).to_contain_text("Nothing changed.")
    page.screenshot(path=str(shots / "snowflake.png"), full_page=True)
    page.locator("#connections tr", has_text="wh").get_by_role("button", name="Delete").click()
    expect(page.locator("#snowflake-result")).to_contain_text("is used by registered bucket crm")
    page.get_by_role("link", name="Buckets").click()
    expect(page.locator("#tree")).to_contain_text("Snowflake")
    page.get_by_role("link", name="ORDERS", exact=True).click()
    expect(page.locator("#rows tbody tr")).to_have_count(2)
    expect(page.locator("#rows")).to_contain_text("42.50")
    page.get_by_role("link", name="SQL", exact=True).click()
    page.get_by_label("SQL", exact=True).fill("select sum(amount) as total from crm.orders where id > 1")
    page.get_by_role("button", name="Explain").click()
    expect(page.locator("#pushdown")).to_contain_text("Streamed from Snowflake")
    expect(page.locator("#pushdown")).to_contain_text("Nothing runs in DuckDB")
    page.get_by_role("button", name="Run").click()
    expect(page.locator("#rows")).to_contain_text("7.25")
    page.get_by_label("SQL", exact=True).fill(
        "select s.id, s.amount as in_snowflake, l.amount as here from crm.orders s "
        "join in_c_main.orders l on l.id = s.id order by s.id")
    page.get_by_role("button", name="Explain").click()
    expect(page.locator("#pushdown")).to_contain_text("Sent to Snowflake (wh)")
    expect(page.locator("#duckdb-sql")).to_contain_text("JOIN")
    page.screenshot(path=str(shots / "sql-snowflake.png"), full_page=True)
    page.get_by_role("button", name="Run").click()
    expect(page.locator("#rows tbody tr")).to_have_count(2)
    expect(page.locator("#rows")).to_contain_text("42.50")

    step("a narrow screen: no sideways scrolling, the tree above the table")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + "/#/projects/sales/buckets/in_c_main/tables/orders")
    expect(page.get_by_role("heading", name="in_c_main.orders")).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    wide = page.evaluate("""() => [...document.querySelectorAll("body *")]
        .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .slice(0, 5).map(e => e.tagName + "#" + e.id + "." + e.className)""")
    assert overflow <= 0, (overflow, wide)
    page.screenshot(path=str(shots / "narrow.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})

    step("Snowflake clients: how to connect, a key-pair user registered and deleted; markup stays text")
    page.goto(base + "/#/projects/sales")
    page.get_by_role("link", name="Snowflake clients").click()
    expect(page.get_by_role("heading", name="Snowflake clients of sales")).to_be_visible()
    expect(page.locator("#sf-jdbc-url")).to_contain_text("account=sales")
    page.get_by_label("User name").fill("bi_user")
    page.get_by_label("RSA public key").fill(public_key)
    page.get_by_label("Access to bucket in_c_main").select_option("read")
    page.get_by_role("button", name="Register user").click()
    row = page.locator("#sf-users tr", has_text="BI_USER")
    expect(row).to_contain_text("in_c_main: read")
    expect(row).to_contain_text("SHA256:")
    page.get_by_label("User name").fill("x" + XSS)
    page.get_by_label("RSA public key").fill("not a key")
    page.get_by_role("button", name="Register user").click()
    expect(page.locator("#sf-users-result")).to_contain_text("invalid_")
    assert page.locator("main img").count() == 0
    page.screenshot(path=str(shots / "snowflake-clients.png"), full_page=True)
    accessible(page, "snowflake-clients")
    page.locator("#sf-users tr", has_text="BI_USER").get_by_role("button", name="Delete").click()
    expect(page.locator("#sf-users")).not_to_contain_text("BI_USER")

    step("a token revoked while signed in returns to sign-in with a message")
    page.get_by_role("button", name="Sign out").click()
    page.get_by_label("Token").fill(revoked_secret)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("#tree")).to_contain_text("in_c_main")
    r = page.request.delete(base + "/projects/sales/tokens/" + revoked_id,
                            headers={"Authorization": "Bearer " + admin})
    assert r.status == 204, r.status
    page.reload()
    expect(page.locator("#signin-message")).to_contain_text("no longer valid")

    assert not errors, errors
    browser.close()
    print("done", flush=True)
