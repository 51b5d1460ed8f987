package io.floe.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import org.junit.jupiter.api.Test;

/**
 * How {@link JdbcEscapes} rewrites SQL text. That the results run is checked against a real
 * server by the server module's {@code JdbcEscapesTest}.
 */
class EscapeTranslationTest {
  private static String t(String sql) throws SQLException {
    return JdbcEscapes.translate(sql);
  }

  @Test void sqlWithoutEscapesIsUnchanged() throws SQLException {
    String sql = "select a, b from t where c = ? order by 1";
    assertThat(t(sql)).isSameAs(sql);
    assertThat(t(null)).isNull();
  }

  @Test void literalsAndJoinsAndLike() throws SQLException {
    assertThat(t("select {d '2024-01-31'}, {t '10:11:12'}, {ts '2024-01-31 10:11:12.123456'}"))
        .isEqualTo("select DATE '2024-01-31', TIME '10:11:12', TIMESTAMP '2024-01-31 10:11:12.123456'");
    assertThat(t("select * from {oj a left outer join b on a.id = b.id}"))
        .isEqualTo("select * from a left outer join b on a.id = b.id");
    assertThat(t("select * from t where x like 'a\\_%' {escape '\\'}"))
        .isEqualTo("select * from t where x like 'a\\_%' ESCAPE '\\'");
    assertThat(t("select * from t {limit 10 offset 5}")).isEqualTo("select * from t LIMIT 10 offset 5");
    assertThat(t("{ D '2024-01-31' }")).isEqualTo("DATE '2024-01-31'");
  }

  @Test void functionsNestAndTakeAnyCase() throws SQLException {
    assertThat(t("select {fn ucase({fn concat(a, 'x')})} from t"))
        .isEqualTo("select upper((a || 'x')) from t");
    assertThat(t("select {FN LCase(name)}")).isEqualTo("select lower(name)");
    assertThat(t("select {fn locate('b', s, 2)}")).isEqualTo("select CASE position('b' IN "
        + "substring(s FROM 2)) WHEN 0 THEN 0 ELSE position('b' IN substring(s FROM 2)) + 2 - 1 END");
    assertThat(t("select {fn mod(a + 1, 3)}")).isEqualTo("select mod((a + 1), 3)");
    assertThat(t("select {fn substring(s, 2)}, {fn substring(s, 2, 3)}"))
        .isEqualTo("select substring(s FROM 2), substring(s FROM 2 FOR 3)");
    assertThat(t("select {fn curdate()}, {fn now()}, {fn pi()}"))
        .isEqualTo("select CURRENT_DATE, CURRENT_TIMESTAMP, pi()");
    assertThat(t("select {fn extract(year from d)}, {fn position('a' in s)}"))
        .isEqualTo("select extract(year from d), position('a' in s)");
    assertThat(t("select {fn ifnull(a, ?)}")).isEqualTo("select coalesce(a, ?)");
  }

  @Test void timestampArithmeticAndConvert() throws SQLException {
    assertThat(t("{fn timestampadd(SQL_TSI_DAY, 2, {ts '2024-01-31 00:00:00'})}"))
        .isEqualTo("timestampadd(DAY, 2, (TIMESTAMP '2024-01-31 00:00:00'))");
    assertThat(t("{fn timestampadd(sql_tsi_frac_second, n, ts)}"))
        .isEqualTo("timestampadd(MICROSECOND, n / 1000, ts)");
    assertThat(t("{fn timestampdiff(SQL_TSI_HOUR, a, b)}")).isEqualTo("timestampdiff(HOUR, a, b)");
    assertThat(t("{fn convert(x, SQL_VARCHAR)}, {fn convert(x, INTEGER)}, {fn convert(x, SQL_DOUBLE)}"))
        .isEqualTo("CAST(x AS VARCHAR), CAST(x AS INTEGER), CAST(x AS DOUBLE)");
    assertThatThrownBy(() -> t("{fn timestampadd(SQL_TSI_CENTURY, 1, ts)}"))
        .isInstanceOf(SQLException.class).hasMessageContaining("SQL_TSI_CENTURY");
    assertThatThrownBy(() -> t("{fn convert(x, SQL_INTERVAL_YEAR)}"))
        .isInstanceOf(SQLFeatureNotSupportedException.class);
  }

  @Test void unknownFunctionsPassThrough() throws SQLException {
    assertThat(t("select {fn date_trunc('month', d)}")).isEqualTo("select date_trunc('month', d)");
  }

  @Test void literalsIdentifiersAndCommentsAreNotTouched() throws SQLException {
    assertThat(t("select '{fn ucase(x)}', \"{d '2024-01-01'}\", e'\\'{fn x()}' -- {fn y()}\n"
        + "/* {fn z()} /* nested */ {d 'x'} */ {fn ucase('it''s {fn a()}')}"))
        .isEqualTo("select '{fn ucase(x)}', \"{d '2024-01-01'}\", e'\\'{fn x()}' -- {fn y()}\n"
            + "/* {fn z()} /* nested */ {d 'x'} */ upper('it''s {fn a()}')");
    assertThat(t("select 'a,b', {fn concat('x,y', 'z)')}"))
        .isEqualTo("select 'a,b', ('x,y' || 'z)')");
  }

  @Test void wrongUseFailsWithSqlState() {
    assertThatThrownBy(() -> t("{call proc(?)}"))
        .isInstanceOf(SQLFeatureNotSupportedException.class)
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"));
    assertThatThrownBy(() -> t("{? = call f(?)}"))
        .isInstanceOf(SQLFeatureNotSupportedException.class);
    assertThatThrownBy(() -> t("select {fn ucase(x)"))
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42601"));
    assertThatThrownBy(() -> t("select {fn locate(x)}"))
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42883"))
        .hasMessageContaining("LOCATE takes 2 or 3");
    assertThatThrownBy(() -> t("select {d 2024-01-01}"))
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42601"));
  }

  @Test void listsNameWhatIsTranslated() {
    assertThat(EscapeFunctions.names(EscapeFunctions.Category.STRING).split(","))
        .contains("CONCAT", "UCASE", "LCASE", "LOCATE", "INSERT", "SPACE").doesNotContain("SOUNDEX");
    assertThat(EscapeFunctions.names(EscapeFunctions.Category.TIME_DATE).split(","))
        .contains("DAYNAME", "TIMESTAMPADD", "EXTRACT", "NOW", "CURDATE").doesNotContain("TIMESTAMPDIFF");
    assertThat(EscapeFunctions.names(EscapeFunctions.Category.SYSTEM)).isEqualTo("CONVERT,DATABASE,IFNULL,USER");
    assertThat(EscapeFunctions.names(EscapeFunctions.Category.NUMERIC).split(","))
        .contains("ABS", "CEILING", "LOG", "RAND", "ROUND").doesNotContain("TRUNCATE");
  }
}
