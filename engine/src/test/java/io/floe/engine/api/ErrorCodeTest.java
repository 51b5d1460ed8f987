package io.floe.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Vendor codes are part of the wire contract: once given, a number stays with its error. */
class ErrorCodeTest {
  /** Every vendor code given so far. Append new ones; never change or reuse a line. */
  private static final Map<String, Integer> GIVEN = given(
      "UNAUTHENTICATED 1000", "INVALID_PASSWORD 1001", "ACCESS_DENIED 1002", "READ_ONLY 1003",
      "NOT_FOUND 1004", "SCHEMA_NOT_FOUND 1005", "COLUMN_NOT_FOUND 1006",
      "FUNCTION_NOT_FOUND 1007", "ALREADY_EXISTS 1008", "OBJECT_IN_USE 1009",
      "SYNTAX_ERROR 1010", "INVALID_SQL 1011", "TYPE_MISMATCH 1012", "INVALID_NAME 1013",
      "INVALID_ARGUMENT 1014", "INVALID_PARAMETER 1015", "INVALID_DATA 1016",
      "NUMERIC_OUT_OF_RANGE 1017", "DIVISION_BY_ZERO 1018", "DATA_ERROR 1019",
      "UNIQUE_VIOLATION 1020", "NOT_NULL_VIOLATION 1021", "CONSTRAINT_VIOLATION 1022",
      "NOT_SUPPORTED 1023", "INVALID_STATE 1024", "TRANSACTION_CONFLICT 1025",
      "QUERY_CANCELLED 1026", "STATEMENT_TIMEOUT 1027", "TOO_MANY_CONNECTIONS 1028",
      "PAYLOAD_TOO_LARGE 1029", "RESOURCE_EXHAUSTED 1030", "SESSION_CLOSED 1031",
      "INTERNAL_ERROR 1032", "IO_ERROR 1033", "EXTERNAL_ERROR 1034", "SIZE_LIMIT_EXCEEDED 1035",
      "WRONG_OBJECT_TYPE 1036", "IN_FAILED_TRANSACTION 1037", "ADMIN_SHUTDOWN 1038",
      "ACTIVE_SQL_TRANSACTION 1039", "INVALID_SAVEPOINT 1040",
      "INVALID_BINARY_REPRESENTATION 1041", "STATEMENT_TOO_COMPLEX 1042",
      "DATETIME_OUT_OF_RANGE 1043", "CONFLICTING_CREDENTIALS 1044",
      "INVALID_DATETIME_FORMAT 1045", "INTERVAL_FIELD_OVERFLOW 1046",
      "PROTOCOL_VIOLATION 1047", "INDETERMINATE_DATATYPE 1048", "GROUPING_ERROR 1049",
      "DUPLICATE_ALIAS 1050", "INVALID_COLUMN_REFERENCE 1051",
      "INVALID_RECURSION 1052", "AMBIGUOUS_COLUMN 1053", "INVALID_ROW_COUNT_IN_LIMIT 1060",
      "INVALID_ROW_COUNT_IN_OFFSET 1061", "UNDEFINED_TYPE 1070", "AMBIGUOUS_FUNCTION 1080",
      "PROGRAM_LIMIT_EXCEEDED 1081", "WINDOWING_ERROR 1090", "UNDEFINED_OBJECT 1091",
      "UNDEFINED_PREPARED_STATEMENT 1111", "UNDEFINED_CURSOR 1112", "SUBSTRING_ERROR 1116",
      "INVALID_ESCAPE_SEQUENCE 1117", "INVALID_USE_OF_ESCAPE_CHARACTER 1118", "TOO_MANY_COLUMNS 1119");

  @Test void everyErrorKeepsTheVendorCodeItWasGiven() {
    for (Map.Entry<String, Integer> e : GIVEN.entrySet()) {
      assertThat(ErrorCode.valueOf(e.getKey()).vendorCode()).as(e.getKey()).isEqualTo(e.getValue());
    }
  }

  @Test void vendorCodesAreUniqueAndNewOnesTakeUnusedNumbers() {
    Map<Integer, ErrorCode> byCode = Arrays.stream(ErrorCode.values())
        .collect(Collectors.toMap(ErrorCode::vendorCode, c -> c));
    assertThat(byCode).hasSize(ErrorCode.values().length);
    for (ErrorCode code : ErrorCode.values()) {
      if (!GIVEN.containsKey(code.name())) {
        assertThat(GIVEN.values()).as(code.name()).doesNotContain(code.vendorCode());
      }
    }
  }

  private static Map<String, Integer> given(String... lines) {
    Map<String, Integer> map = new LinkedHashMap<>();
    for (String line : lines) {
      String[] parts = line.split(" ");
      map.put(parts[0], Integer.parseInt(parts[1]));
    }
    return map;
  }
}
