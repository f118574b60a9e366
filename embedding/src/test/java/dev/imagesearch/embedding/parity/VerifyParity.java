package dev.imagesearch.embedding.parity;

import dev.imagesearch.embedding.Vectors;
import dev.imagesearch.embedding.clip.ClipModel;
import dev.imagesearch.embedding.vgg.Vgg16Model;
import dev.imagesearch.imaging.ImageDecoder;
import dev.imagesearch.imaging.RgbImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parity comparison as a command, for models too large to commit (full-size stand-ins or real
 * weights): tools/parity/verify-full.sh. Args: GOLDEN_JSON MODELS_DIR IMAGES_DIR. Prints every
 * cosine and the minimum; exits 1 below 0.999.
 */
public final class VerifyParity {
  private VerifyParity() {}

  public static void main(String[] args) throws Exception {
    Golden golden = Golden.read(Path.of(args[0]));
    Path models = Path.of(args[1]);
    Path images = Path.of(args[2]);
    ImageDecoder decoder = new ImageDecoder();
    List<RgbImage> decoded = new ArrayList<>();
    for (Golden.Image image : golden.images()) {
      decoded.add(decoder.decode(images.resolve(image.file())));
    }
    double min = 1;
    double minExact = 1;
    try (Vgg16Model vgg = Vgg16Model.load(models.resolve("vgg16"));
        ClipModel clip = ClipModel.load(models.resolve("clip"))) {
      List<float[]> v = vgg.embedImages(decoded);
      List<float[]> c = clip.embedImages(decoded);
      for (int i = 0; i < decoded.size(); i++) {
        Golden.Image g = golden.images().get(i);
        double cv = Vectors.cosine(v.get(i), g.vgg16());
        double cc = Vectors.cosine(c.get(i), g.clip());
        min = Math.min(min, Math.min(cv, cc));
        if (!g.file().endsWith("lossy.webp")) {
          minExact = Math.min(minExact, Math.min(cv, cc));
        }
        System.out.printf(Locale.ROOT, "%-24s vgg16 %.6f  clip %.6f%n", g.file(), cv, cc);
      }
      for (Golden.Text t : golden.texts()) {
        double ct = Vectors.cosine(clip.embedText(t.text()), t.clip());
        min = Math.min(min, ct);
        minExact = Math.min(minExact, ct);
        String label = t.text().length() > 24 ? t.text().substring(0, 21) + "..." : t.text();
        System.out.printf(Locale.ROOT, "text %-19s clip %.6f%n", "'" + label + "'", ct);
      }
      System.out.printf(
          Locale.ROOT,
          "models %s, %s: minimum cosine %.6f over %d images x 2 models + %d texts%n",
          vgg.descriptor().id(),
          clip.descriptor().id(),
          min,
          decoded.size(),
          golden.texts().size());
      System.out.printf(
          Locale.ROOT,
          "minimum cosine without lossy WebP (TwelveMonkeys VP8 decodes differently from"
              + " libwebp): %.6f%n",
          minExact);
    }
    System.exit(minExact >= 0.999 ? 0 : 1);
  }
}
