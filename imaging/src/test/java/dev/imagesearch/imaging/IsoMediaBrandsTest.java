package dev.imagesearch.imaging;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagesearch.imaging.ImageDecodeException.Reason;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Phone photos are refused by name; the headers are those of real files. */
class IsoMediaBrandsTest {
  private final ImageDecoder decoder = new ImageDecoder();

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // heif-enc (libheif 1.15, x265), as an iPhone writes it: major brand heic.
    "iPhone-style HEIC, 0000001c6674797068656963000000006d69663168656963"
        + "6d696166000001ad6d657461, HEIC",
    // Samsung and others: the generic major brand, the codec only among the compatible ones.
    "Samsung-style HEIC, 000000186674797069663100000000006d69663168656963"
        + "000001ad6d657461, HEIC",
    // heif-enc -A (libaom): major brand avif.
    "AVIF still, 0000001c6674797061766966000000006d696631617669666d696166"
        + "000000ea6d657461, AVIF",
    "AVIF sequence, 00000020667479706176697300000000617669736d736631" + "69736f6d6d703431, AVIF",
    "HEIF of another codec, 00000018667479706d69663100000000" + "6d6966316d696166, HEIF",
    "MP4 video, 0000001c667479706973366d00000200" + "69736f6d69736f326d703431, ISO media ('is6m')"
  })
  void namesTheFormatAndSaysWhyItIsRefused(String description, String hex, String format) {
    byte[] header = HexFormat.of().parseHex(hex.replace(" ", ""));
    assertThatThrownBy(() -> decoder.probe(header))
        .isInstanceOf(ImageDecodeException.class)
        .hasMessageStartingWith(format + " images are not supported")
        .extracting(e -> ((ImageDecodeException) e).reason())
        .isEqualTo(Reason.UNSUPPORTED_FORMAT);
  }

  @Test
  void phoneFormatsSayThereIsNoDecoderForThem() {
    byte[] heic = HexFormat.of().parseHex("0000001c6674797068656963000000006d69663168656963");
    assertThatThrownBy(() -> decoder.probe(heic))
        .hasMessage(
            "HEIC images are not supported (no well-kept decoder for them runs on the JVM);"
                + " use JPEG, PNG, WebP, GIF, BMP or TIFF.");
  }

  @Test
  void aHostileBoxSizeReadsNoFurtherThanTheData() {
    byte[] heic = HexFormat.of().parseHex("7fffffff6674797068656963000000006d696631");
    assertThatThrownBy(() -> decoder.probe(heic)).hasMessageStartingWith("HEIC images");
  }
}
