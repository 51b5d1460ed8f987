package io.floe.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's files over HTTP: what is served, with which headers, and what is not. */
class ConsoleHandlerTest {
  static RestClient api;

  @BeforeAll static void start() {
    api = RestClient.start();
  }

  @AfterAll static void stop() {
    api.close();
  }

  @Test void thePageAndItsFilesCarryAPolicyWithoutInlineScript() {
    RestClient.Answer page = api.get("/", null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.header("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self'").doesNotContain("unsafe-inline").contains("frame-ancestors 'none'");
    assertThat(page.header("X-Content-Type-Options")).hasValue("nosniff");
    // No inline script or style: every script is a file of the console.
    assertThat(page.body()).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain("style=")
        .doesNotContain(" on");
    RestClient.Answer script = api.get("/console/app.js", null);
    assertThat(script.status()).isEqualTo(200);
    assertThat(script.contentType()).startsWith("text/javascript");
    assertThat(script.body()).doesNotContain(".innerHTML").doesNotContain(".outerHTML").doesNotContain("eval(");
    assertThat(api.get("/console/app.css", null).contentType()).startsWith("text/css");
  }

  /**
   * The first page, its styles and every module it imports statically (pages load theirs when
   * opened) stay under 300 KB; the browser test measures the same over the wire.
   */
  @Test void firstPageIsSmall() {
    long bytes = api.get("/", null).body().length() + api.get("/console/app.css", null).body().length();
    java.util.Deque<String> modules = new java.util.ArrayDeque<>(java.util.List.of("app.js"));
    java.util.Set<String> loaded = new java.util.HashSet<>();
    java.util.regex.Pattern staticImport =
        java.util.regex.Pattern.compile("(?m)^import [^;]*? from \"\\./([a-z-]+\\.js)\";");
    while (!modules.isEmpty()) {
      String module = modules.pop();
      if (!loaded.add(module)) {
        continue;
      }
      RestClient.Answer file = api.get("/console/" + module, null);
      assertThat(file.status()).as(module).isEqualTo(200);
      bytes += file.body().length();
      java.util.regex.Matcher m = staticImport.matcher(file.body());
      while (m.find()) {
        modules.push(m.group(1));
      }
    }
    assertThat(loaded).contains("app.js", "core.js", "edit.js").doesNotContain("sql.js", "profile.js");
    assertThat(bytes).isLessThan(300_000);
  }

  @Test void unknownFilesAndOtherMethodsAreRefused() {
    assertThat(api.get("/console/nope.js", null).status()).isEqualTo(404);
    assertThat(api.get("/console/../RestApi.class", null).status()).isIn(400, 404);
    assertThat(api.get("/console/%2e%2e%2fapp.js", null).status()).isIn(400, 404);
    assertThat(api.post("/", null, "{}").status()).isEqualTo(405);
    // The REST API is where it was.
    assertThat(api.get("/health", null).status()).isEqualTo(200);
  }
}
