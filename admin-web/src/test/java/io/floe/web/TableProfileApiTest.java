package io.floe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET .../tables/{table}/profile}: the answer's shape, the kept profile, and errors. */
class TableProfileApiTest {
  static final String B = "/projects/p/buckets/in_c_d/tables";
  static RestClient api;
  static String key;

  @BeforeAll static void setUp() {
    api = RestClient.start();
    key = api.project("p");
    api.ok(api.post("/projects/p/buckets", key, "{\"name\":\"in_c_d\"}"), 201);
    api.ok(api.post(B, key, "{\"name\":\"orders\",\"columns\":["
        + "{\"name\":\"id\",\"type\":\"INTEGER\"},{\"name\":\"region\",\"type\":\"VARCHAR\"},"
        + "{\"name\":\"amount\",\"type\":\"DECIMAL(12,2)\"},{\"name\":\"at\",\"type\":\"TIMESTAMP\"},"
        + "{\"name\":\"paid\",\"type\":\"BOOLEAN\"}]}"), 201);
    api.ok(api.csv(B + "/orders/import", key, orders(1, 100)), 200);
  }

  @AfterAll static void tearDown() {
    api.close();
  }

  private static String orders(int from, int to) {
    StringBuilder csv = new StringBuilder("id,region,amount,at,paid\n");
    for (int i = from; i <= to; i++) {
      csv.append(i).append(',').append(i % 3 == 0 ? "EU" : i % 3 == 1 ? "US" : "")
          .append(',').append(i).append(".50,2024-01-01 00:00:").append(String.format("%02d", i % 60))
          .append(',').append(i % 2 == 0).append('\n');
    }
    return csv.toString();
  }

  private static List<String> fields(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test void aProfileHasEveryStatisticInSnakeCase() {
    JsonNode p = api.ok(api.get(B + "/orders/profile?force_refresh=true", key), 200).json();
    assertThat(fields(p)).containsExactly("rows", "computed_at", "cached", "sampled", "sample_rows",
        "sample_method", "columns");
    assertThat(p.get("rows").asLong()).isEqualTo(100);
    assertThat(p.get("cached").asBoolean()).isFalse();
    assertThat(p.get("sampled").asBoolean()).isFalse();
    assertThat(p.get("sample_rows").isNull()).isTrue();
    assertThat(p.get("computed_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(RestClient.each(p.get("columns"), "name"))
        .containsExactly("id", "region", "amount", "at", "paid");
    JsonNode id = p.get("columns").get(0);
    assertThat(fields(id)).containsExactly("name", "type", "nulls", "null_ratio", "distinct",
        "distinct_exact", "min", "max", "mean", "stddev", "quantiles", "length", "top_values",
        "histogram");
    assertThat(id.get("type").asText()).isEqualTo("INTEGER");
    assertThat(id.get("min").isNumber()).isTrue();
    assertThat(id.get("min").asInt()).isEqualTo(1);
    assertThat(id.get("max").asInt()).isEqualTo(100);
    assertThat(id.get("mean").asDouble()).isEqualTo(50.5);
    assertThat(id.get("distinct").asLong()).isEqualTo(100);
    assertThat(id.get("distinct_exact").asBoolean()).isTrue();
    assertThat(fields(id.get("quantiles"))).containsExactly("p01", "p05", "p25", "p50", "p75", "p95",
        "p99");
    assertThat(id.get("quantiles").get("p50").asDouble()).isEqualTo(50.5);
    assertThat(id.get("histogram")).hasSize(20);
    assertThat(fields(id.get("histogram").get(0))).containsExactly("lower", "upper", "count");
    long sum = 0;
    for (JsonNode bin : id.get("histogram")) {
      sum += bin.get("count").asLong();
    }
    assertThat(sum).isEqualTo(100);
    assertThat(id.get("length").isNull()).isTrue();

    JsonNode region = p.get("columns").get(1);
    assertThat(region.get("nulls").asLong()).isEqualTo(33);
    assertThat(region.get("null_ratio").asDouble()).isEqualTo(0.33);
    assertThat(region.get("min").asText()).isEqualTo("EU");
    assertThat(fields(region.get("length"))).containsExactly("min", "avg", "max");
    assertThat(region.get("top_values").get(0).get("value").asText()).isEqualTo("US");
    assertThat(region.get("top_values").get(0).get("count").asLong()).isEqualTo(34);
    assertThat(region.get("histogram").isNull()).isTrue();
    assertThat(region.get("mean").isNull()).isTrue();

    JsonNode amount = p.get("columns").get(2);
    assertThat(amount.get("type").asText()).isEqualTo("DECIMAL(12,2)");
    assertThat(amount.get("min").decimalValue()).isEqualByComparingTo("1.50");
    JsonNode at = p.get("columns").get(3);
    assertThat(at.get("min").asText()).isEqualTo("2024-01-01 00:00:00");
    assertThat(at.get("histogram").get(0).get("lower").asText()).isEqualTo("2024-01-01 00:00:00");
    JsonNode paid = p.get("columns").get(4);
    assertThat(paid.get("min").isBoolean()).isTrue();
    assertThat(paid.get("top_values")).hasSize(2);
  }

  @Test void theProfileIsKeptUntilTheTableChanges() {
    api.ok(api.post(B, key, "{\"name\":\"kept\",\"columns\":[{\"name\":\"id\",\"type\":\"INTEGER\"}]}"),
        201);
    api.ok(api.csv(B + "/kept/import", key, "id\n1\n2\n"), 200);
    JsonNode first = api.ok(api.get(B + "/kept/profile", key), 200).json();
    assertThat(first.get("cached").asBoolean()).isFalse();
    JsonNode second = api.ok(api.get(B + "/kept/profile", key), 200).json();
    assertThat(second.get("cached").asBoolean()).isTrue();
    assertThat(second.get("computed_at")).isEqualTo(first.get("computed_at"));
    assertThat(second.get("columns")).isEqualTo(first.get("columns"));
    assertThat(api.ok(api.get(B + "/kept/profile?force_refresh=true", key), 200).json()
        .get("cached").asBoolean()).isFalse();
    api.ok(api.csv(B + "/kept/import?incremental=true", key, "id\n3\n"), 200);
    JsonNode after = api.ok(api.get(B + "/kept/profile", key), 200).json();
    assertThat(after.get("cached").asBoolean()).isFalse();
    assertThat(after.get("rows").asLong()).isEqualTo(3);
  }

  @Test void missingTablesAndBadInputAreClearErrors() {
    RestClient.Answer missing = api.get(B + "/nope/profile", key);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.error()).isEqualTo("not_found");
    RestClient.Answer noBucket = api.get("/projects/p/buckets/in_c_nope/tables/orders/profile", key);
    assertThat(noBucket.status()).isEqualTo(404);
    assertThat(noBucket.error()).isEqualTo("not_found");
    RestClient.Answer bad = api.get(B + "/orders/profile?force_refresh=perhaps", key);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.error()).isEqualTo("invalid_argument");
    assertThat(bad.json().get("sqlstate").asText()).isEqualTo("22023");
    RestClient.Answer anonymous = api.get(B + "/orders/profile", null);
    assertThat(anonymous.status()).isEqualTo(401);
  }

  @Test void whoMayNotReadTheTableGetsWhatAPreviewGets() {
    String stranger = api.project("stranger");
    RestClient.Answer preview = api.get(B + "/orders/preview", stranger);
    RestClient.Answer profile = api.get(B + "/orders/profile", stranger);
    assertThat(profile.status()).isEqualTo(preview.status()).isIn(403, 404);
    assertThat(profile.error()).isEqualTo(preview.error());
  }
}
