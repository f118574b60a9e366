import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;

/**
 * Writes camera-sized JPEGs (12 MP), each different, that keep the worker busy for seconds per
 * batch: e2e.sh stops the worker while one is in flight. Run with the JDK's source launcher:
 * {@code java tools/containers/LargePhotos.java <dir> <count>}.
 */
class LargePhotos {
  public static void main(String[] args) throws Exception {
    Path dir = Files.createDirectories(Path.of(args[0]));
    IntStream.range(0, Integer.parseInt(args[1]))
        .parallel()
        .forEach(
            n -> {
              try {
                ImageIO.write(photo(n), "jpg", dir.resolve("large-" + n + ".jpg").toFile());
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
  }

  private static BufferedImage photo(int seed) {
    BufferedImage image = new BufferedImage(4000, 3000, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    Random random = new Random(seed);
    g.setPaint(new GradientPaint(0, 0, color(random), 4000, 3000, color(random)));
    g.fillRect(0, 0, 4000, 3000);
    for (int i = 0; i < 40; i++) {
      g.setColor(color(random));
      int width = 100 + random.nextInt(900);
      int height = 100 + random.nextInt(900);
      g.fillOval(random.nextInt(4000), random.nextInt(3000), width, height);
    }
    g.dispose();
    return image;
  }

  private static Color color(Random random) {
    return new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
  }
}
