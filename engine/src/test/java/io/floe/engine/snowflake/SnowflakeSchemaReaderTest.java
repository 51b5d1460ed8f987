package io.floe.engine.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.api.catalog.ColumnType;
import io.floe.engine.api.catalog.TypeName;
import io.floe.engine.testing.Fakesnow;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A Snowflake schema as a registered bucket sees it, read through Snowflake's JDBC driver from
 * fakesnow (a third-party Snowflake emulator): tables and views, columns in order, Floe types.
 */
class SnowflakeSchemaReaderTest {
  @Test void tablesViewsAndColumnsWithTheirFloeTypes() throws Exception {
    try (Fakesnow snowflake = Fakesnow.start(); Connection c = snowflake.connect();
         Statement s = c.createStatement()) {
      s.execute("create database sales");
      s.execute("create schema sales.crm");
      s.execute("use schema sales.crm");
      s.execute("create table customers (id number(38,0) not null, name varchar(200), "
          + "balance number(12,2), vip boolean, since date, seen timestamp_ntz, score float, "
          + "attrs variant)");
      s.execute("create table orders (id number(38,0), customer_id number(38,0), amount number(10,2))");
      s.execute("create view big_customers as select id, name from customers where balance > 1000");
      Map<String, SnowflakeSchemaReader.Table> tables = SnowflakeSchemaReader.read(c, "SALES", "CRM");
      assertThat(tables.keySet()).containsExactlyInAnyOrder("CUSTOMERS", "ORDERS", "BIG_CUSTOMERS");
      assertThat(tables.get("BIG_CUSTOMERS").view()).isTrue();
      assertThat(tables.get("ORDERS").view()).isFalse();
      assertThat(tables.get("CUSTOMERS").columns())
          .extracting(col -> col.name() + " " + col.type())
          .containsExactly("ID DECIMAL(38,0)", "NAME VARCHAR", "BALANCE DECIMAL(12,2)", "VIP BOOLEAN",
              "SINCE DATE", "SEEN TIMESTAMP", "SCORE DOUBLE", "ATTRS JSON");
      assertThat(tables.get("BIG_CUSTOMERS").columns()).extracting(SnowflakeSchemaReader.Column::name)
          .containsExactly("ID", "NAME");
      assertThat(tables.get("CUSTOMERS").skipped()).isEmpty();
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "NUMBER|38|0|DECIMAL(38,0)",
      "NUMBER|12|2|DECIMAL(12,2)",
      "FIXED|null|null|DECIMAL(38,0)",
      "FLOAT|null|null|DOUBLE",
      "REAL|null|null|DOUBLE",
      "VARCHAR|16777216|null|VARCHAR",
      "TEXT|10|null|VARCHAR",
      "BINARY|8388608|null|BLOB",
      "BOOLEAN|null|null|BOOLEAN",
      "DATE|null|null|DATE",
      "TIME|null|9|TIME",
      "TIMESTAMPNTZ|null|9|TIMESTAMP",
      "TIMESTAMP_NTZ|null|9|TIMESTAMP",
      "TIMESTAMPLTZ|null|9|TIMESTAMPTZ",
      "TIMESTAMP_TZ|null|9|TIMESTAMPTZ",
      "VARIANT|null|null|JSON",
      "OBJECT|null|null|JSON",
      "ARRAY|null|null|JSON",
      "GEOGRAPHY|null|null|VARCHAR",
  })
  void snowflakeTypesMapWithoutLoss(String name, Integer size, Integer digits, String floe) {
    assertThat(SnowflakeSchemaReader.type(name, size, digits)).hasToString(floe);
  }

  @Test void aTypeFloeCannotHoldHasNoMapping() {
    assertThat(SnowflakeSchemaReader.type("VECTOR", null, null)).isNull();
    assertThat(SnowflakeSchemaReader.type("NUMBER", 38, 0))
        .isEqualTo(ColumnType.decimal(38, 0));
    assertThat(SnowflakeSchemaReader.type("DOUBLE", null, null)).isEqualTo(ColumnType.of(TypeName.DOUBLE));
  }
}
