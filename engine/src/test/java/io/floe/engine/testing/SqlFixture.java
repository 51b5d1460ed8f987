package io.floe.engine.testing;

import io.floe.engine.session.EngineSession;
import io.floe.engine.sql.SqlFlavor;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The same tables in Floe (project {@code p}, bucket {@code b}, real DuckDB table files imported
 * through the storage API) and in a reference DuckDB in-process (schema {@code b}), with a
 * project-token session on Floe: what a test needs to compare Floe's answers with DuckDB's.
 *
 * <pre>
 * &#64;RegisterExtension static final SqlFixture db = SqlFixture.of(table("t", T, DATA));
 * ... assertThat(db.query(sql)).isEqualTo(db.duck().query(sql));
 * </pre>
 */
public final class SqlFixture implements BeforeAllCallback, AfterAllCallback {
  /** A table: its name, columns ({@code "id INTEGER PK"}) and rows as CSV with a header. */
  public record Table(String name, String[] columns, String csv) {}

  private final List<Table> tables;
  private TestEngine floe;
  private ReferenceDuckDb duck;
  private EngineSession session;

  private SqlFixture(List<Table> tables) {
    this.tables = tables;
  }

  public static SqlFixture of(Table... tables) {
    return new SqlFixture(List.of(tables));
  }

  public static Table table(String name, String[] columns, String csv) {
    return new Table(name, columns, csv);
  }

  @Override public void beforeAll(ExtensionContext context) {
    floe = TestEngine.start();
    String token = floe.createProject("p");
    floe.createBucket("p", "b");
    duck = new ReferenceDuckDb();
    for (Table t : tables) {
      floe.createTable("p", "b", t.name(), t.columns());
      floe.importCsv("p", "b", t.name(), t.csv(), false);
      duck.table("b", t.name().toLowerCase(Locale.ROOT), t.csv(), t.columns());
    }
    session = floe.engine().openSession(floe.principal(token), "test", SqlFlavor.POSTGRES);
  }

  @Override public void afterAll(ExtensionContext context) {
    session.close();
    duck.close();
    floe.close();
  }

  public TestEngine floe() {
    return floe;
  }

  public ReferenceDuckDb duck() {
    return duck;
  }

  public EngineSession session() {
    return session;
  }

  /** Floe's answer, as rows of values. */
  public List<List<Object>> query(String sql, Object... params) {
    return Rows.query(session, sql, params);
  }
}
