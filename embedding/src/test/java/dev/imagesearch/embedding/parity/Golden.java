package dev.imagesearch.embedding.parity;

import com.google.gson.Gson;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** golden.json written by tools/parity/reference.py (Python: PIL + torchvision + TorchScript). */
record Golden(String torch, Map<String, String> models, List<Image> images, List<Text> texts) {
  static final Path DIR = Path.of("src/test/resources/parity");

  record Image(String file, int width, int height, float[] vgg16, float[] clip) {}

  record Text(String text, long[] ids, float[] clip) {}

  static Golden read(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return new Gson().fromJson(r, Golden.class);
    }
  }

  static Golden read() throws IOException {
    return read(DIR.resolve("golden.json"));
  }

  static Path repo() {
    return Path.of(System.getProperty("imagesearch.repo.dir", "..")).toAbsolutePath().normalize();
  }
}
