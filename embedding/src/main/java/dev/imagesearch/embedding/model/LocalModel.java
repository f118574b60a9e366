package dev.imagesearch.embedding.model;

import java.nio.file.Path;

/**
 * A model directory on local disk whose files matched the descriptor's sha256 sums.
 *
 * @param directory the directory holding model.json and the files it lists
 * @param descriptor its parsed model.json
 */
public record LocalModel(Path directory, ModelDescriptor descriptor) {

  /** A file of the model, by the name model.json gives it. */
  public Path file(String name) {
    return directory.resolve(name);
  }
}
