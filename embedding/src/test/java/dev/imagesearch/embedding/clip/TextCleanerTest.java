package dev.imagesearch.embedding.clip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextCleanerTest {
  @Test
  void unescapesHtmlTwiceLikeClip() {
    assertThat(TextCleaner.clean("Tom &amp;amp; Jerry")).isEqualTo("tom & jerry");
    assertThat(TextCleaner.clean("&#x263A; &eacute;")).isEqualTo("\u263a \u00e9");
    assertThat(HtmlUnescape.unescape("&notit;")).isEqualTo("\u00acit;");
    assertThat(HtmlUnescape.unescape("&#128; &#0; &#xD800;")).isEqualTo("\u20ac \ufffd \ufffd");
    assertThat(HtmlUnescape.unescape("&bogus; & x")).isEqualTo("&bogus; & x");
  }

  @Test
  void collapsesWhitespaceAndLowercases() {
    assertThat(TextCleaner.clean("  A\t\tB\n\u00a0C\u3000 ")).isEqualTo("a b c");
    assertThat(TextCleaner.clean(" \t\n")).isEmpty();
  }

  @Test
  void fixesQuotesLigaturesAndWidth() {
    assertThat(TextCleaner.clean("don\u2019t \u201cgo\u201d")).isEqualTo("don't \"go\"");
    assertThat(TextCleaner.clean("\ufb01ne \uff21\uff11")).isEqualTo("fine a1");
    assertThat(TextCleaner.clean("cafe\u0301")).isEqualTo("caf\u00e9");
  }
}
