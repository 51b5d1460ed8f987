package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tables for the metadata and BI-tool tests, loaded through the storage API:
 * <ul>
 *   <li>project {@code shop}: bucket {@code in_c_sales} with {@code orders} and {@code customers}
 *       (as in {@link JdbcEndToEndTest}) and {@code OrderLines} (a mixed-case name, a two-column
 *       key); bucket {@code in_c_secret} with {@code salaries}; bucket {@code in_c_types} with
 *       {@code wide}, a column of every type;</li>
 *   <li>project {@code other} with {@code in_c_other.things};</li>
 *   <li>tokens: shop's master token, a shop token that may read only {@code in_c_sales}, and
 *       other's master token.</li>
 * </ul>
 */
record MetadataFixture(String master, String reader, String other) {
  static final String ORDER_LINES_TABLE = "{\"name\":\"OrderLines\",\"primary_key\":[\"order_id\",\"line\"],"
      + "\"columns\":[{\"name\":\"order_id\",\"type\":\"INTEGER\"},{\"name\":\"line\",\"type\":\"SMALLINT\"},"
      + "{\"name\":\"Sku\",\"type\":\"VARCHAR\",\"description\":\"stock keeping unit\"},"
      + "{\"name\":\"qty\",\"type\":\"DECIMAL(12,2)\",\"nullable\":false}]}";
  static final String ORDER_LINES_CSV = "order_id,line,Sku,qty\n1,1,A-1,2.50\n1,2,B-7,1.00\n3,1,A-1,4.00\n";

  static MetadataFixture load(TestServer floe) {
    String master = floe.createProject("shop");
    floe.createBucket("shop", master, "in_c_sales");
    floe.createTable("shop", master, "in_c_sales", JdbcEndToEndTest.ORDERS_TABLE);
    floe.createTable("shop", master, "in_c_sales", JdbcEndToEndTest.CUSTOMERS_TABLE);
    floe.createTable("shop", master, "in_c_sales", ORDER_LINES_TABLE);
    ok(floe.importCsv("shop", master, "in_c_sales", "orders", JdbcEndToEndTest.ORDERS_CSV, false));
    ok(floe.importCsv("shop", master, "in_c_sales", "customers", JdbcEndToEndTest.CUSTOMERS_CSV,
        false));
    ok(floe.importCsv("shop", master, "in_c_sales", "OrderLines", ORDER_LINES_CSV, false));
    floe.createBucket("shop", master, "in_c_secret");
    floe.createTable("shop", master, "in_c_secret", "{\"name\":\"salaries\",\"columns\":["
        + "{\"name\":\"employee\",\"type\":\"VARCHAR\"},{\"name\":\"salary\",\"type\":\"DECIMAL(12,2)\"}]}");
    ok(floe.importCsv("shop", master, "in_c_secret", "salaries", "employee,salary\nzoe,100000.00\n",
        false));
    floe.createBucket("shop", master, "in_c_types");
    floe.createTable("shop", master, "in_c_types", JdbcBinaryFetchTest.TABLE);
    ok(floe.importCsv("shop", master, "in_c_types", "wide", "id,b,s,i,l,r,d,m,big,v,dt,t,ts,tz,u,bl\n"
        + "1,true,7,-8,9000000000,1.5,2.25,12.34,1234567890123456789012345678.1234567890,x,"
        + "2024-02-29,23:59:59.123456,2024-02-29 23:59:59.123456,2024-02-29 23:59:59.123456+02:00,"
        + "0000000a-0000-4000-8000-00000000000b,blob\n"
        + "2,,,,,,,,,,,,,,,\n", false));
    String reader = floe.json("POST", "/projects/shop/tokens", master,
        "{\"description\":\"sales reader\",\"bucket_permissions\":{\"in_c_sales\":\"read\"}}")
        .json().get("token").asText();
    String other = floe.createProject("other");
    floe.createBucket("other", other, "in_c_other");
    floe.createTable("other", other, "in_c_other",
        "{\"name\":\"things\",\"columns\":[{\"name\":\"x\",\"type\":\"INTEGER\"}]}");
    return new MetadataFixture(master, reader, other);
  }

  private static void ok(TestServer.Answer answer) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
  }
}
