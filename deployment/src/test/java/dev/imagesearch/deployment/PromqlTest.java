package dev.imagesearch.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromqlTest {
  @Test
  void readsMetricNamesAndNotLabelsFunctionsKeywordsOrVariables() {
    assertThat(
            Promql.metrics(
                "histogram_quantile(0.99, sum by (le, kind) (rate(a_seconds_bucket{kind=\"x y\"}"
                    + "[$__rate_interval]))) / on (kind) b_total > bool 1e3"))
        .containsExactly("a_seconds_bucket", "b_total");
  }

  @Test
  void readsEveryMetricOfAnExpressionOverSeveralLines() {
    assertThat(Promql.metrics("sum(rate(x_total[5m]))\n  / sum without (le) (y_count) > 0.05"))
        .containsExactly("x_total", "y_count");
  }
}
