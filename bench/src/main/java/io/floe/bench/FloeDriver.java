package io.floe.bench;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import java.util.ServiceLoader;

/** Floe's driver jar, loaded on its own class loader as an application would. */
final class FloeDriver {
  private final Driver driver;
  private final String url;
  private final String token;

  FloeDriver(Path jar, String url, String token) throws Exception {
    URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
        ClassLoader.getPlatformClassLoader());
    Driver found = null;
    for (Driver d : ServiceLoader.load(Driver.class, loader)) {
      if (d.getClass().getClassLoader() == loader) {
        found = d;
      }
    }
    if (found == null) {
      throw new IllegalStateException("no driver in " + jar);
    }
    this.driver = found;
    this.url = url;
    this.token = token;
  }

  private FloeDriver(Driver driver, String url, String token) {
    this.driver = driver;
    this.url = url;
    this.token = token;
  }

  /** The same loaded driver, for a server at another URL. */
  FloeDriver at(String otherUrl) {
    return new FloeDriver(driver, otherUrl, token);
  }

  Connection connect(String schema) throws SQLException {
    Properties props = new Properties();
    props.setProperty("token", token);
    props.setProperty("statement_timeout_ms", String.valueOf(30 * 60 * 1000));
    props.setProperty("catalog", Bench.PROJECT);
    if (schema != null) {
      props.setProperty("schema", schema);
    }
    return driver.connect(url, props);
  }
}
