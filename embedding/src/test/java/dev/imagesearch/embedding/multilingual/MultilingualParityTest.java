package dev.imagesearch.embedding.multilingual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.Gson;
import dev.imagesearch.embedding.Vectors;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Java (DJL, Hugging Face tokenizers) against the hand-written Python reference
 * (tools/parity/multilingual_reference.py) on the committed tiny stand-in: same ids, same vectors.
 */
class MultilingualParityTest {
  /** multilingual-golden.json. */
  record Golden(String torch, String model, List<Text> texts) {
    record Text(String text, long[] ids, float[] vector) {}
  }

  private static final Path REPO =
      Path.of(System.getProperty("imagesearch.repo.dir", "..")).toAbsolutePath().normalize();

  private static Golden golden;
  private static MultilingualTextModel model;

  @BeforeAll
  static void load() throws IOException {
    Path file = Path.of("src/test/resources/parity/multilingual-golden.json");
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      golden = new Gson().fromJson(r, Golden.class);
    }
    model = MultilingualTextModel.load(REPO.resolve("models/standin/multilingual"));
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void tokenIdsMatchTheReferenceTokenizer() {
    assertThat(model.descriptor().version()).isEqualTo(golden.model());
    for (Golden.Text expected : golden.texts()) {
      assertThat(model.tokenize(expected.text()))
          .as("'%s'", expected.text())
          .isEqualTo(expected.ids());
    }
  }

  @Test
  void vectorsMatchPythonInOneBatch() {
    // One batch pads every text to the longest: the attention mask must keep padding out.
    List<float[]> vectors =
        model.embedText(golden.texts().stream().map(Golden.Text::text).toList());
    for (int i = 0; i < vectors.size(); i++) {
      Golden.Text expected = golden.texts().get(i);
      assertThat(vectors.get(i)).hasSize(512);
      assertThat(Vectors.cosine(vectors.get(i), expected.vector()))
          .as("cosine for '%s'", expected.text())
          .isGreaterThanOrEqualTo(0.9999);
    }
    assertThat(Vectors.cosine(model.embedText("une fleur rouge"), vectors.getFirst()))
        .isGreaterThanOrEqualTo(0.9999);
  }

  @Test
  void aClipDirectoryIsRefused() {
    assertThatThrownBy(() -> MultilingualTextModel.load(REPO.resolve("models/standin/vgg16")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("holds a vgg16 model");
  }
}
