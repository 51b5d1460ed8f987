package io.floe.engine.api.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.api.Principal;
import io.floe.engine.api.admin.CreatedWorkspace;
import io.floe.engine.api.admin.ProjectTokens.TokenSpec;
import io.floe.engine.session.EngineSession;
import io.floe.engine.sql.SqlFlavor;
import io.floe.engine.testing.TestEngine;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one catalog listing: what a principal sees (and nothing else), keys and nullability, type
 * descriptions, a bucket another project shares, a workspace's own schema, and that it is built
 * once per catalog version.
 */
class CatalogListingTest {
  static TestEngine floe;
  static String shop;
  static String other;

  @BeforeAll static void setUp() {
    floe = TestEngine.start();
    shop = floe.createProject("shop");
    other = floe.createProject("other");
    floe.createBucket("shop", "in_c_sales");
    floe.createBucket("shop", "in_c_secret");
    floe.createTable("shop", "in_c_sales", "order_lines", "order_id INTEGER PK", "line SMALLINT PK",
        "sku VARCHAR", "qty DECIMAL(12,2)", "at TIMESTAMPTZ");
    floe.createTable("shop", "in_c_sales", "customers", "id INTEGER PK", "name VARCHAR");
    floe.importCsv("shop", "in_c_sales", "customers", TestEngine.csv("id,name", "1,ann", "2,bob"),
        false);
    floe.createTable("shop", "in_c_secret", "salaries", "employee VARCHAR", "salary DECIMAL(12,2)");
    floe.createBucket("other", "in_c_things");
    floe.createTable("other", "in_c_things", "things", "x INTEGER");
  }

  @AfterAll static void tearDown() {
    floe.close();
  }

  static EngineSession open(Principal p) {
    return floe.engine().openSession(p, "test", SqlFlavor.POSTGRES);
  }

  static List<String> schemaNames(CatalogListing listing) {
    return listing.schemas().stream().map(s -> s.catalog() + "." + s.name()).toList();
  }

  @Test void aPrincipalSeesWhatItMayReadAndNothingElse() {
    String reader = floe.engine().storageServices().tokens().create(floe.principal(shop), "shop",
        new TokenSpec("sales reader", Map.of("in_c_sales", "read"), false, null)).secret();
    try (EngineSession s = open(floe.principal(reader))) {
      CatalogListing listing = s.listing();
      assertThat(listing.catalogs()).containsExactly("shop");
      assertThat(schemaNames(listing)).containsExactly("shop.in_c_sales");
      ListedSchema sales = listing.schema("shop", "in_c_sales").orElseThrow();
      assertThat(sales.origin()).isEqualTo(
          new ListedSchema.Origin(ListedSchema.Kind.BUCKET, "shop", "in_c_sales"));
      assertThat(sales.writable()).isFalse();
      assertThat(sales.tables()).extracting(ListedTable::name)
          .containsExactly("customers", "order_lines");
      assertThat(listing.schema("shop", "in_c_secret")).isEmpty();
    }
    try (EngineSession s = open(floe.admin())) {
      assertThat(schemaNames(s.listing())).containsExactly("other.in_c_things", "shop.in_c_sales",
          "shop.in_c_secret");
      assertThat(s.listing().schema("shop", "in_c_sales").orElseThrow().writable()).isTrue();
    }
  }

  @Test void keysAreListedInKeyOrderAndTheirColumnsAreNotNull() {
    try (EngineSession s = open(floe.principal(shop))) {
      ListedTable lines = s.listing().schema("shop", "in_c_sales").orElseThrow()
          .table("order_lines").orElseThrow();
      assertThat(lines.kind()).isEqualTo(ListedTable.Kind.TABLE);
      assertThat(lines.primaryKey()).containsExactly("order_id", "line");
      assertThat(lines.primaryKeyName()).isEqualTo("order_lines_pkey");
      assertThat(lines.columns()).extracting(ListedColumn::name, ListedColumn::ordinal,
              ListedColumn::inKey, ListedColumn::nullable)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("order_id", 1, true, false),
              org.assertj.core.groups.Tuple.tuple("line", 2, true, false),
              org.assertj.core.groups.Tuple.tuple("sku", 3, false, true),
              org.assertj.core.groups.Tuple.tuple("qty", 4, false, true),
              org.assertj.core.groups.Tuple.tuple("at", 5, false, true));
      ListedTable customers = s.listing().schema("shop", "in_c_sales").orElseThrow()
          .table("customers").orElseThrow();
      assertThat(customers.rowCount()).isEqualTo(2L);
      ListedTable salaries = s.listing().schema("shop", "in_c_secret").orElseThrow()
          .table("salaries").orElseThrow();
      assertThat(salaries.hasPrimaryKey()).isFalse();
    }
  }

  @Test void typesAreDescribedOnceForEveryFrontEnd() {
    try (EngineSession s = open(floe.principal(shop))) {
      ListedTable lines = s.listing().schema("shop", "in_c_sales").orElseThrow()
          .table("order_lines").orElseThrow();
      TypeDescription qty = lines.column("qty").orElseThrow().type();
      assertThat(List.<Object>of(qty.sqlName(), qty.typeName(), qty.jdbcType(), qty.columnSize(),
          qty.scale(), qty.displaySize(), qty.numericPrecision(), qty.numericPrecisionRadix(),
          qty.numericScale(), qty.decimalDigits(), qty.pgDataType(), qty.signed()))
          .containsExactly("DECIMAL(12,2)", "DECIMAL", Types.DECIMAL, 12, 2, 14, 12, 10, 2, 2,
              "numeric", true);
      TypeDescription at = lines.column("at").orElseThrow().type();
      assertThat(List.<Object>of(at.sqlName(), at.typeName(), at.jdbcType(), at.columnSize(),
          at.scale(), at.datetimePrecision(), at.pgDataType()))
          .containsExactly("TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE", Types.TIMESTAMP, 32, 6, 6,
              "timestamp with time zone");
      TypeDescription id = lines.column("order_id").orElseThrow().type();
      assertThat(List.<Object>of(id.jdbcType(), id.columnSize(), id.numericPrecision(),
          id.numericPrecisionRadix(), id.numericScale(), id.pgDataType()))
          .containsExactly(Types.INTEGER, 10, 32, 2, 0, "integer");
      TypeDescription sku = lines.column("sku").orElseThrow().type();
      assertThat(sku.charOctetLength()).isEqualTo(Integer.MAX_VALUE);
      assertThat(sku.numericPrecision()).isNull();
      assertThat(sku.decimalDigits()).isNull();
      assertThat(sku.caseSensitive()).isTrue();
      assertThat(sku.pgDataType()).isEqualTo("character varying");
    }
  }

  @Test void aSharedBucketIsListedUnderItsLinkReadOnly() {
    var sharing = floe.engine().storageServices().sharing();
    sharing.share(floe.admin(), "shop", "in_c_sales", List.of("other"), false);
    sharing.link(floe.principal(other), "other", "in_c_from_shop", "shop", "in_c_sales");
    try (EngineSession s = open(floe.principal(other))) {
      CatalogListing listing = s.listing();
      assertThat(schemaNames(listing)).containsExactly("other.in_c_from_shop",
          "other.in_c_things");
      ListedSchema linked = listing.schema("other", "in_c_from_shop").orElseThrow();
      assertThat(linked.origin()).isEqualTo(
          new ListedSchema.Origin(ListedSchema.Kind.LINKED_BUCKET, "shop", "in_c_sales"));
      assertThat(linked.writable()).isFalse();
      assertThat(linked.tables()).extracting(ListedTable::name)
          .containsExactly("customers", "order_lines");
      assertThat(linked.table("order_lines").orElseThrow().primaryKey())
          .containsExactly("order_id", "line");
    } finally {
      sharing.unlink(floe.principal(other), "other", "in_c_from_shop");
      sharing.unshare(floe.admin(), "shop", "in_c_sales", "other", false);
    }
    try (EngineSession s = open(floe.principal(other))) {
      assertThat(schemaNames(s.listing())).containsExactly("other.in_c_things");
    }
  }

  @Test void aWorkspaceListsItsOwnSchemaBesideTheBucketsItReads() {
    CreatedWorkspace ws = floe.engine().workspaces().create(floe.principal(shop), "shop", null,
        "listing", null, null, List.of());
    Principal user = floe.engine().workspaces().principal(ws.workspace().id());
    try (EngineSession s = open(user)) {
      s.execute("create table notes (id integer primary key, body varchar not null)", List.of());
      s.execute("create view big_lines as select order_id, qty from in_c_sales.order_lines "
          + "where qty > 1", List.of());
      CatalogListing listing = s.listing();
      assertThat(schemaNames(listing)).containsExactly("shop.in_c_sales", "shop.in_c_secret",
          "shop.public");
      ListedSchema own = listing.schema("shop", "public").orElseThrow();
      assertThat(own.isWorkspace()).isTrue();
      assertThat(own.origin()).isEqualTo(new ListedSchema.Origin(ListedSchema.Kind.WORKSPACE,
          "shop", ws.workspace().id()));
      assertThat(own.writable()).isTrue();
      assertThat(listing.schema("shop", "in_c_sales").orElseThrow().writable()).isFalse();
      ListedTable notes = own.table("notes").orElseThrow();
      assertThat(notes.kind()).isEqualTo(ListedTable.Kind.TABLE);
      assertThat(notes.primaryKey()).containsExactly("id");
      assertThat(notes.rowCount()).isNull();
      assertThat(notes.column("body").orElseThrow().nullable()).isFalse();
      ListedTable view = own.table("big_lines").orElseThrow();
      assertThat(view.isView()).isTrue();
      assertThat(view.viewDefinition()).contains("in_c_sales.order_lines");
      assertThat(view.columns()).extracting(c -> c.type().sqlName())
          .containsExactly("INTEGER", "DECIMAL(12,2)");
    } finally {
      floe.engine().workspaces().drop(floe.principal(shop), "shop", null, ws.workspace().id());
    }
  }

  @Test void theListingIsBuiltOncePerCatalogVersion() {
    try (EngineSession s = open(floe.principal(shop))) {
      CatalogListing first = s.listing();
      assertThat(s.listing()).isSameAs(first);
      floe.createTable("shop", "in_c_secret", "bonuses", "employee VARCHAR");
      CatalogListing next = s.listing();
      assertThat(next.version()).isGreaterThan(first.version());
      assertThat(next.schema("shop", "in_c_secret").orElseThrow().table("bonuses")).isPresent();
      assertThat(first.schema("shop", "in_c_secret").orElseThrow().table("bonuses")).isEmpty();
    }
  }
}
