package dev.imagesearch.cli.importer;

import static dev.imagesearch.cli.importer.ImportFixtures.text;
import static dev.imagesearch.testsupport.TestImages.image;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.cli.importer.ImageFiles.ImageFile;
import dev.imagesearch.cli.importer.ImageFiles.Scan;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {
  @TempDir Path dir;

  @Test
  void picksImagesByExtensionCaseInsensitiveInSortedOrder() throws Exception {
    image(dir, "z.png", 1);
    image(dir, "b/a.JPG", 2);
    image(dir, "a/y.Tiff", 3);
    image(dir, "a/x.jpeg", 4);
    Files.write(dir.resolve("a/w.webp"), new byte[] {1, 2, 3});
    text(dir, "a/notes.md", "text");
    text(dir, "photo.jpg.txt", "text");
    text(dir, "noext", "text");

    Scan scan = ImageFiles.scan(dir);

    assertThat(scan.images())
        .extracting(ImageFile::relative)
        .containsExactly("a/w.webp", "a/x.jpeg", "a/y.Tiff", "b/a.JPG", "z.png");
    assertThat(scan.images())
        .extracting(ImageFile::contentType)
        .containsExactly("image/webp", "image/jpeg", "image/tiff", "image/jpeg", "image/png");
    assertThat(scan.skipped()).isEqualTo(3);
    assertThat(scan.totalBytes())
        .isEqualTo(scan.images().stream().mapToLong(f -> f.path().toFile().length()).sum())
        .isPositive();
    assertThat(scan.warnings()).isEmpty();
  }

  @Test
  void followsSymlinksButNotIntoALoop() throws Exception {
    image(dir, "real/a.png", 1);
    Files.createSymbolicLink(dir.resolve("real/loop"), dir.resolve("real"));
    Path outside = Files.createTempDirectory("outside");
    image(outside, "b.gif", 2);
    Files.createSymbolicLink(dir.resolve("linked"), outside);

    Scan scan = ImageFiles.scan(dir);

    assertThat(scan.images())
        .extracting(ImageFile::relative)
        .containsExactly("linked/b.gif", "real/a.png");
    assertThat(scan.warnings()).singleElement().asString().contains("real/loop").contains("loop");
  }

  @Test
  void contentTypesCoverEveryAcceptedFormat() {
    assertThat(ImageFiles.contentType("A.JPG")).isEqualTo("image/jpeg");
    assertThat(ImageFiles.contentType("a.jpeg")).isEqualTo("image/jpeg");
    assertThat(ImageFiles.contentType("a.png")).isEqualTo("image/png");
    assertThat(ImageFiles.contentType("a.webp")).isEqualTo("image/webp");
    assertThat(ImageFiles.contentType("a.gif")).isEqualTo("image/gif");
    assertThat(ImageFiles.contentType("a.bmp")).isEqualTo("image/bmp");
    assertThat(ImageFiles.contentType("a.tif")).isEqualTo("image/tiff");
    assertThat(ImageFiles.contentType("a.TIFF")).isEqualTo("image/tiff");
    assertThat(ImageFiles.contentType("a.svg")).isNull();
    assertThat(ImageFiles.contentType("jpg")).isNull();
  }
}
