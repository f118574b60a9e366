package dev.imagesearch.cli.importer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TraceParentTest {
  @Test
  void eachUploadStartsItsOwnSampledW3cTrace() {
    String first = TraceParent.next();
    String second = TraceParent.next();
    assertThat(first).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    assertThat(second).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    assertThat(first.substring(3, 35)).isNotEqualTo(second.substring(3, 35));
  }
}
