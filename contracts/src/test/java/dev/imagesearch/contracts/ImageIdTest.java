package dev.imagesearch.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImageIdTest {
  /** {@code printf abc | sha256sum} */
  private static final String ABC =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  @Test
  void theIdIsTheSha256OfTheBytesInLowerCaseHex() throws Exception {
    byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);

    assertThat(ImageId.of(abc).hex()).isEqualTo(ABC);
    assertThat(ImageId.of(new ByteArrayInputStream(abc))).isEqualTo(ImageId.of(abc));
  }

  @Test
  void aStreamLongerThanOneChunkHashesWhole() throws Exception {
    byte[] large = new byte[200_000];
    large[large.length - 1] = 1;

    assertThat(ImageId.of(new ByteArrayInputStream(large))).isEqualTo(ImageId.of(large));
    assertThat(ImageId.of(large)).isNotEqualTo(ImageId.of(new byte[200_000]));
  }

  @Test
  void parsingNormalisesUpperCase() {
    assertThat(ImageId.parse(ABC.toUpperCase()).hex()).isEqualTo(ABC);
    assertThat(ImageId.isCanonical(ABC)).isTrue();
    assertThat(ImageId.isCanonical(ABC.toUpperCase())).isFalse();
  }

  @Test
  void anythingElseIsRejectedWithWhatAnIdLooksLike() {
    for (String bad :
        new String[] {null, "", ABC.substring(1), ABC + "0", "g" + ABC.substring(1)}) {
      assertThat(ImageId.isCanonical(bad)).isFalse();
      assertThatThrownBy(() -> ImageId.parse(bad))
          .isInstanceOf(ImageId.Invalid.class)
          .hasMessageContaining("64 hexadecimal");
    }
    assertThatThrownBy(() -> new ImageId("../" + ABC.substring(3)))
        .isInstanceOf(ImageId.Invalid.class);
  }
}
