package io.floe.bench;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Reads results in a comparable form and compares Floe's answer with the reference's. */
final class Answers {
  private Answers() {}

  static List<List<Object>> read(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    List<List<Object>> rows = new ArrayList<>();
    while (rs.next()) {
      List<Object> row = new ArrayList<>(n);
      for (int i = 1; i <= n; i++) {
        Object v = rs.getObject(i);
        if (v instanceof java.sql.Timestamp t) {
          v = t.toLocalDateTime();
        } else if (v instanceof java.sql.Date d) {
          v = d.toLocalDate();
        } else if (v instanceof java.math.BigInteger b) {
          v = new BigDecimal(b);
        } else if (v instanceof Number num && !(v instanceof BigDecimal)) {
          v = v instanceof Double || v instanceof Float ? (Object) num.doubleValue()
              : (Object) BigDecimal.valueOf(num.longValue());
        }
        row.add(v);
      }
      rows.add(row);
    }
    return rows;
  }

  /** Null if equal; otherwise a description of the first difference. */
  static String difference(List<List<Object>> floe, List<List<Object>> reference) {
    if (floe.size() != reference.size()) {
      return "row count " + floe.size() + " vs " + reference.size();
    }
    for (int r = 0; r < floe.size(); r++) {
      List<Object> a = floe.get(r);
      List<Object> b = reference.get(r);
      if (a.size() != b.size()) {
        return "row " + r + " has " + a.size() + " vs " + b.size() + " columns";
      }
      for (int c = 0; c < a.size(); c++) {
        if (!same(a.get(c), b.get(c))) {
          return "row " + r + " column " + (c + 1) + ": " + a.get(c) + " vs " + b.get(c);
        }
      }
    }
    return null;
  }

  private static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      if (x instanceof BigDecimal p && y instanceof BigDecimal q) {
        return p.compareTo(q) == 0;
      }
      double dx = x.doubleValue();
      double dy = y.doubleValue();
      return dx == dy || Math.abs(dx - dy) <= 1e-9 * Math.max(Math.abs(dx), Math.abs(dy));
    }
    return Objects.equals(a, b);
  }
}
