package dev.imagesearch.cli.models;

import dev.imagesearch.embedding.model.LocalModel;
import dev.imagesearch.embedding.model.ModelRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A folder of models as {@code models fetch} writes it: {@code vgg16/} and {@code clip/}, and
 * search-api's {@code multilingual/} where there is one. Every file listed in each {@code
 * model.json} was checked against its SHA-256 before an instance exists, so a stack is never moved
 * onto models that would fail to load.
 *
 * @param vgg16 the VGG16 model's id ({@code vgg16:version})
 * @param clip the CLIP model's id
 */
public record ModelRoot(Path root, String vgg16, String clip) {

  /** The folder does not hold usable models; the message says which file and why. */
  public static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  public static ModelRoot verify(Path root) throws Refused {
    Path absolute = root.toAbsolutePath().normalize();
    if (!Files.isDirectory(absolute)) {
      throw new Refused(absolute + " is not a folder of models (./imagesearch models fetch).");
    }
    String vgg16 = model(absolute, "vgg16");
    String clip = model(absolute, "clip");
    if (Files.isDirectory(absolute.resolve("multilingual"))) {
      model(absolute, "multilingual");
    }
    return new ModelRoot(absolute, vgg16, clip);
  }

  public Path vgg16Dir() {
    return root.resolve("vgg16");
  }

  public Path clipDir() {
    return root.resolve("clip");
  }

  private static String model(Path root, String name) throws Refused {
    Path dir = root.resolve(name);
    if (!Files.isDirectory(dir)) {
      throw new Refused(
          root + " has no " + name + "/ folder (./imagesearch models fetch writes one).");
    }
    LocalModel model;
    try {
      model = ModelRepository.local(dir);
    } catch (IOException | RuntimeException e) {
      throw new Refused("The " + name + " model in " + dir + " is not usable: " + e.getMessage());
    }
    if (!model.descriptor().name().equals(name)) {
      throw new Refused(
          dir
              + "/model.json describes a "
              + model.descriptor().name()
              + " model, not "
              + name
              + ".");
    }
    return model.descriptor().id();
  }
}
