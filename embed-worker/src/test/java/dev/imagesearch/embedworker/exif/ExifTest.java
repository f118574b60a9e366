package dev.imagesearch.embedworker.exif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.imagesearch.testsupport.TestImages;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExifTest {
  @Test
  void readsDateTakenCameraAndLocation() {
    byte[] jpeg =
        ExifJpeg.withExif(
            TestImages.jpeg(1), "Canon", "Canon EOS 5D", "2024:06:01 12:34:56", 48.8584, -2.2945);

    Exif exif = Exif.read(jpeg);

    assertThat(exif.takenAt()).isEqualTo(Instant.parse("2024-06-01T12:34:56Z"));
    assertThat(exif.camera()).isEqualTo("Canon EOS 5D");
    assertThat(exif.location().lat()).isCloseTo(48.8584, within(1e-4));
    assertThat(exif.location().lon()).isCloseTo(-2.2945, within(1e-4));
  }

  @Test
  void anImageWithoutMetadataHasNone() {
    assertThat(Exif.read(TestImages.jpeg(2))).isEqualTo(Exif.NONE);
  }

  @Test
  void unreadableBytesAreNoMetadataNotAnError() {
    assertThat(Exif.read(new byte[] {1, 2, 3})).isEqualTo(Exif.NONE);
  }

  @Test
  void joinsMakeAndModelWithoutRepeatingTheMake() {
    assertThat(Exif.camera("NIKON CORPORATION", "NIKON D750"))
        .isEqualTo("NIKON CORPORATION NIKON D750");
    assertThat(Exif.camera("Apple", "iPhone 12")).isEqualTo("Apple iPhone 12");
    assertThat(Exif.camera("Canon", "Canon EOS R5")).isEqualTo("Canon EOS R5");
    assertThat(Exif.camera(null, null)).isNull();
  }
}
