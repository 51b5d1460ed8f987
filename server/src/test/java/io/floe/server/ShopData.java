package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The small shop the Snowflake client tests share: project {@code shop}, bucket
 * {@code in_c_sales} with {@code orders} (three orders of alice and bob) and {@code big} (the
 * integers 0 to 2999, for long cross joins and large results).
 */
final class ShopData {
  static final String ORDERS = "id,customer,amount,ordered_on\n"
      + "1,alice,9.99,2024-03-01\n2,bob,120.00,2024-03-02\n3,alice,20.00,2024-03-03\n";

  private ShopData() {}

  /** Loads the shop into {@code floe}; returns the project's master token. */
  static String load(TestServer floe) {
    String token = floe.createProject("shop");
    floe.createBucket("shop", token, "in_c_sales");
    floe.createTable("shop", token, "in_c_sales", "{\"name\":\"orders\",\"columns\":["
        + "{\"name\":\"id\",\"type\":\"INTEGER\"},{\"name\":\"customer\",\"type\":\"VARCHAR\"},"
        + "{\"name\":\"amount\",\"type\":\"DECIMAL(10,2)\"},{\"name\":\"ordered_on\",\"type\":\"DATE\"}]}");
    assertThat(floe.importCsv("shop", token, "in_c_sales", "orders", ORDERS, false).status()).isEqualTo(200);
    floe.createTable("shop", token, "in_c_sales",
        "{\"name\":\"big\",\"columns\":[{\"name\":\"v\",\"type\":\"INTEGER\"}]}");
    StringBuilder big = new StringBuilder("v\n");
    for (int i = 0; i < 3000; i++) {
      big.append(i).append('\n');
    }
    assertThat(floe.importCsv("shop", token, "in_c_sales", "big", big.toString(), false).status())
        .isEqualTo(200);
    return token;
  }
}
