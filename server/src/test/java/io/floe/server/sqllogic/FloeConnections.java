package io.floe.server.sqllogic;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens a {@code jdbc:floe} connection with {@code token} whose unqualified table names resolve in
 * {@code bucket} (the driver's {@code schema} property).
 */
@FunctionalInterface
interface FloeConnections {
  Connection open(String token, String bucket) throws SQLException;
}
