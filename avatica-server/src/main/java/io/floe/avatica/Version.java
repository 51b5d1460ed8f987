package io.floe.avatica;

/** Floe's version as the JDBC metadata reports it. */
final class Version {
  static final String VERSION = "0.1.0";
  static final int MAJOR = 0;
  static final int MINOR = 1;

  private Version() {}
}
