package dev.imagesearch.embedworker.thumbnails;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.imaging.ImageDecoder;
import dev.imagesearch.imaging.RgbImage;
import dev.imagesearch.testsupport.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ThumbnailsTest {
  private final Thumbnails thumbnails = new Thumbnails(320);

  @Test
  void shrinksTheLongestSideTo320KeepingTheAspectRatio() throws Exception {
    BufferedImage thumb = thumbnail(TestImages.picture(1, 1600, 900));

    assertThat(thumb.getWidth()).isEqualTo(320);
    assertThat(thumb.getHeight()).isEqualTo(180);
  }

  @Test
  void portraitImagesAreLimitedByTheirHeight() throws Exception {
    BufferedImage thumb = thumbnail(TestImages.picture(2, 500, 1000));

    assertThat(thumb.getWidth()).isEqualTo(160);
    assertThat(thumb.getHeight()).isEqualTo(320);
  }

  @Test
  void neverUpscalesSmallImages() throws Exception {
    BufferedImage thumb = thumbnail(TestImages.picture(3, 200, 100));

    assertThat(thumb.getWidth()).isEqualTo(200);
    assertThat(thumb.getHeight()).isEqualTo(100);
  }

  @Test
  void keepsTheColours() throws Exception {
    BufferedImage red = new BufferedImage(800, 800, BufferedImage.TYPE_INT_RGB);
    var g = red.createGraphics();
    g.setColor(java.awt.Color.RED);
    g.fillRect(0, 0, 800, 800);
    g.dispose();

    int pixel = thumbnail(red).getRGB(160, 160);

    assertThat((pixel >> 16) & 0xFF).isGreaterThan(240);
    assertThat((pixel >> 8) & 0xFF).isLessThan(15);
  }

  private BufferedImage thumbnail(BufferedImage source) throws Exception {
    RgbImage rgb = new ImageDecoder().decode(TestImages.jpeg(source, 0.95f));
    byte[] jpeg = thumbnails.jpeg(rgb);
    assertThat(jpeg).startsWith((byte) 0xFF, (byte) 0xD8);
    return ImageIO.read(new ByteArrayInputStream(jpeg));
  }
}
