package io.floe.server;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * Floe's driver jar, loaded the way a BI tool loads it: from a class loader that holds only that
 * jar (its parent is the platform loader, so nothing from the test class path leaks in).
 */
public final class DriverJar {
  private static Driver driver;

  private DriverJar() {}

  static Path path() {
    Path jar = Path.of(System.getProperty("floe.jdbc.jar",
        "../jdbc-driver/target/floe-jdbc-0.1.0-SNAPSHOT.jar"));
    if (!Files.exists(jar)) {
      throw new IllegalStateException("driver jar not built: " + jar.toAbsolutePath());
    }
    return jar;
  }

  static synchronized Driver driver() {
    if (driver == null) {
      try {
        URLClassLoader loader = new URLClassLoader(new URL[] {path().toUri().toURL()},
            ClassLoader.getPlatformClassLoader());
        for (Driver d : ServiceLoader.load(Driver.class, loader)) {
          if (d.getClass().getClassLoader() == loader) {
            driver = d;
          }
        }
      } catch (MalformedURLException e) {
        throw new IllegalStateException(e);
      }
      if (driver == null) {
        throw new IllegalStateException("the jar registers no java.sql.Driver");
      }
    }
    return driver;
  }

  static Connection connect(String url, String token) throws SQLException {
    Properties props = new Properties();
    if (token != null) {
      props.setProperty("token", token);
    }
    return connect(url, props);
  }

  public static Connection connect(String url, Properties props) throws SQLException {
    Connection c = driver().connect(url, props);
    if (c == null) {
      throw new SQLException("driver refused " + url);
    }
    return c;
  }
}
