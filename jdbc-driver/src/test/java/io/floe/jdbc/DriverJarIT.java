package io.floe.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Checks the shipped driver jar itself: only allow-listed entries, one registered driver, and it
 * works from a class loader that holds nothing but the jar.
 */
class DriverJarIT {
  private static final List<Pattern> ALLOWED = List.of(
      Pattern.compile("io/floe/jdbc/.*"),
      Pattern.compile("org/apache/calcite/avatica/.*"),
      Pattern.compile("org/(apache/)?"),
      Pattern.compile("org/apache/calcite/"),
      Pattern.compile("io/(floe/)?"),
      Pattern.compile("META-INF/"),
      Pattern.compile("META-INF/MANIFEST\\.MF"),
      Pattern.compile("META-INF/services/"),
      Pattern.compile("META-INF/services/java\\.sql\\.Driver"),
      Pattern.compile("META-INF/services/io\\.floe\\.jdbc\\.shaded\\.org\\.slf4j\\.spi\\.SLF4JServiceProvider"),
      Pattern.compile("META-INF/(LICENSE|NOTICE|DEPENDENCIES|README\\.txt|thirdparty-LICENSE)(\\.txt)?"),
      Pattern.compile("META-INF/FastDoubleParser-(LICENSE|NOTICE)"),
      Pattern.compile("META-INF/licenses/.*"),
      Pattern.compile("META-INF/maven/.*"),
      Pattern.compile("META-INF/versions/"),
      Pattern.compile("META-INF/versions/(11|17|21)/(org/(apache/(calcite/(avatica/.*)?)?)?)?"));

  static Path jar() {
    Path jar = Path.of(System.getProperty("floe.jdbc.jar", "target/floe-jdbc-0.1.0-SNAPSHOT.jar"));
    assertThat(jar).exists();
    return jar;
  }

  @Test void entriesAreAllowListed() throws IOException {
    List<String> unexpected = new ArrayList<>();
    try (JarFile jar = new JarFile(jar().toFile())) {
      for (JarEntry e : java.util.Collections.list(jar.entries())) {
        if (ALLOWED.stream().noneMatch(p -> p.matcher(e.getName()).matches())) {
          unexpected.add(e.getName());
        }
      }
      String drivers = new String(jar.getInputStream(jar.getEntry("META-INF/services/java.sql.Driver"))
          .readAllBytes(), StandardCharsets.UTF_8).strip();
      assertThat(drivers).isEqualTo("io.floe.jdbc.Driver");
    }
    assertThat(unexpected).as("entries outside the allow-list").isEmpty();
  }

  @Test void loadsFromAClassLoaderHoldingOnlyTheJar() throws Exception {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar().toUri().toURL()},
        ClassLoader.getPlatformClassLoader())) {
      List<Driver> drivers = new ArrayList<>();
      ServiceLoader.load(Driver.class, loader).forEach(d -> {
        if (d.getClass().getClassLoader() == loader) {
          drivers.add(d);
        }
      });
      assertThat(drivers).hasSize(1);
      Driver driver = drivers.get(0);
      assertThat(driver.getClass().getName()).isEqualTo("io.floe.jdbc.Driver");
      assertThat(driver.acceptsURL("jdbc:floe://127.0.0.1:8080")).isTrue();
      assertThat(driver.acceptsURL("jdbc:postgresql://127.0.0.1/x")).isFalse();
      assertThat(driver.connect("jdbc:postgresql://127.0.0.1/x", new Properties())).isNull();
      assertThat(driver.getMajorVersion()).isZero();
      int closedPort;
      try (ServerSocket s = new ServerSocket(0)) {
        closedPort = s.getLocalPort();
      }
      Properties props = new Properties();
      props.setProperty("token", "x");
      assertThatThrownBy(() -> driver.connect("jdbc:floe://127.0.0.1:" + closedPort, props))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("08"));
    }
  }

  @Test void malformedUrlsAreRejectedWithAClearError() {
    assertThatThrownBy(() -> FloeUrl.parse("jdbc:floe:localhost"))
        .isInstanceOf(SQLException.class).hasMessageContaining("jdbc:floe://host:port");
    assertThatThrownBy(() -> FloeUrl.parse("jdbc:floe://host:notaport"))
        .isInstanceOf(SQLException.class).hasMessageContaining("port");
  }

  @Test void urlPropertiesAreParsed() throws SQLException {
    FloeUrl url = FloeUrl.parse("jdbc:floe://db.example:9000/?catalog=p1&schema=in_c_sales;fetch_size=500");
    assertThat(url.host()).isEqualTo("db.example");
    assertThat(url.port()).isEqualTo(9000);
    assertThat(url.properties()).containsEntry("catalog", "p1").containsEntry("schema", "in_c_sales")
        .containsEntry("fetch_size", "500");
    assertThat(FloeUrl.parse("jdbc:floe://h").port()).isEqualTo(8080);
  }
}
