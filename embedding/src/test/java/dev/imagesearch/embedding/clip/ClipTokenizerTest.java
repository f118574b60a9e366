package dev.imagesearch.embedding.clip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.Gson;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ids against golden.json from tools/models/reference_tokenizer.py (a port of openai/CLIP's
 * simple_tokenizer.py run in Python), never against this code's own output.
 */
class ClipTokenizerTest {
  private static final Path VOCAB =
      Path.of(System.getProperty("imagesearch.shared.dir", "../../shared"))
          .resolve("models/clip/bpe_simple_vocab_16e6.txt.gz");

  record Case(String text, long[] ids) {
    @Override
    public String toString() {
      return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
  }

  record GoldenFile(String reference, List<Case> cases) {}

  @TempDir static Path tmp;
  private static ClipTokenizer tokenizer;

  @BeforeAll
  static void build() throws Exception {
    assumeTrue(Files.isRegularFile(VOCAB), "CLIP vocabulary not available: " + VOCAB);
    Path json = tmp.resolve("tokenizer.json");
    TokenizerJsonBuilder.write(VOCAB, json);
    tokenizer = ClipTokenizer.load(json);
  }

  @AfterAll
  static void close() {
    if (tokenizer != null) {
      tokenizer.close();
    }
  }

  static Stream<Case> cases() throws Exception {
    try (Reader r =
        Files.newBufferedReader(
            Path.of("src/test/resources/tokenizer/golden.json"), StandardCharsets.UTF_8)) {
      return new Gson().fromJson(r, GoldenFile.class).cases().stream();
    }
  }

  @Test
  void goldenHasEnoughVariety() throws Exception {
    assertThat(cases().count()).isGreaterThanOrEqualTo(50);
    assertThat(cases().filter(c -> c.ids().length == ClipTokenizer.CONTEXT_LENGTH).count())
        .as("cases truncated at 77")
        .isGreaterThanOrEqualTo(3);
  }

  @Test
  void photoOfACat() {
    assertThat(tokenizer.encode("a photo of a cat"))
        .containsExactly(49406, 320, 1125, 539, 320, 2368, 49407);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("cases")
  void idsEqualReferenceClip(Case c) {
    long[] ids = tokenizer.encode(c.text());
    assertThat(ids).as("ids of %s", c.text()).isEqualTo(c.ids());
    assertThat(ids.length).isLessThanOrEqualTo(ClipTokenizer.CONTEXT_LENGTH);
    assertThat(ids[0]).isEqualTo(ClipTokenizer.START_ID);
    assertThat(ids[ids.length - 1]).isEqualTo(ClipTokenizer.END_ID);
  }
}
