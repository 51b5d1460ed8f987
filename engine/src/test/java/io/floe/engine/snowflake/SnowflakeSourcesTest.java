package io.floe.engine.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Snowflake's failures as Floe errors. The SQLSTATEs and messages are the ones Snowflake's JDBC
 * driver reports (its documentation's error codes); fakesnow cannot produce a suspended warehouse
 * or a network timeout, so these are built by hand.
 */
class SnowflakeSourcesTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "42S02|SQL compilation error: Object 'SALES.CRM.ORDERS' does not exist or not authorized.|SOURCE_OBJECT_NOT_FOUND|HV00R",
      "42000|SQL compilation error: error line 1 at position 7 invalid identifier '\"AMOUNT\"'|SOURCE_OBJECT_NOT_FOUND|HV00R",
      "57P03|No active warehouse selected in the current session.|SOURCE_UNAVAILABLE|HV00N",
      "08006|JDBC driver encountered communication error. Message: Read timed out.|SOURCE_UNAVAILABLE|HV00N",
      "000606|Warehouse 'COMPUTE_WH' cannot be resumed because resource monitor 'RM' has exceeded its quota.|SOURCE_ERROR|HV000",
      "28000|Incorrect username or password was specified.|SOURCE_LOGIN_FAILED|08001",
      "22018|Numeric value 'abc' is not recognized|SOURCE_ERROR|HV000",
  })
  void snowflakeFailuresBecomeFloeErrorsThatNameTheConnection(String state, String message,
      ErrorCode code, String sqlState) {
    FloeException e = SnowflakeSources.translate("p", "warehouse1", new SQLException(message, state));
    assertThat(e.code()).isEqualTo(code);
    assertThat(e.sqlState()).isEqualTo(sqlState);
    assertThat(e.getMessage()).startsWith("Snowflake connection 'warehouse1' (project 'p'): ")
        .contains(message);
  }
}
