package dev.imagesearch.embedding.clip;

import dev.imagesearch.embedding.model.LocalModel;
import dev.imagesearch.embedding.model.ModelDescriptor;
import dev.imagesearch.embedding.model.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the CLIP tokenizer.json of a model: in the model directory when it ships one (real models,
 * listed with its sha256), otherwise built once from the CLIP vocabulary into the cache. The
 * vocabulary is looked up in the model directory, {@code -Dimagesearch.clip.vocab}, {@code
 * -Dimagesearch.shared.dir}/models/clip, ../shared/models/clip from the working directory and its
 * parent, and ~/.cache/imagesearch/clip.
 */
final class TokenizerLocator {
  private TokenizerLocator() {}

  static Path locate(LocalModel model) throws IOException {
    ModelDescriptor.TokenizerSpec spec = model.descriptor().tokenizer();
    String file = spec == null || spec.file() == null ? "tokenizer.json" : spec.file();
    Path shipped = model.file(file);
    if (Files.isRegularFile(shipped)) {
      return shipped;
    }
    String vocabName =
        spec == null || spec.vocabulary() == null
            ? "bpe_simple_vocab_16e6.txt.gz"
            : spec.vocabulary();
    Path vocab = findVocabulary(model.directory(), vocabName);
    Path cache =
        Path.of(
            System.getProperty(
                "imagesearch.tokenizer.cache",
                Path.of(System.getProperty("user.home"), ".cache", "imagesearch", "tokenizers")
                    .toString()));
    Path out = cache.resolve(Sha256.of(vocab) + "-tokenizer.json");
    if (!Files.isRegularFile(out)) {
      TokenizerJsonBuilder.write(vocab, out);
    }
    return out;
  }

  static Path findVocabulary(Path modelDir, String name) throws IOException {
    List<Path> candidates = new ArrayList<>();
    candidates.add(modelDir.resolve(name));
    String explicit = System.getProperty("imagesearch.clip.vocab");
    if (explicit != null) {
      candidates.add(Path.of(explicit));
    }
    String shared = System.getProperty("imagesearch.shared.dir");
    if (shared != null) {
      candidates.add(Path.of(shared, "models", "clip", name));
    }
    Path cwd = Path.of("").toAbsolutePath();
    candidates.add(cwd.resolve("../shared/models/clip").resolve(name));
    candidates.add(cwd.resolve("../../shared/models/clip").resolve(name));
    // Where tools/models/fetch-clip-vocab.sh (run by ./imagesearch) puts it on other machines.
    candidates.add(Path.of(System.getProperty("user.home"), ".cache", "imagesearch", "clip", name));
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate)) {
        return candidate.normalize();
      }
    }
    throw new IOException(
        "CLIP tokenizer: no tokenizer.json in "
            + modelDir
            + " and no "
            + name
            + " found (looked in "
            + candidates
            + "); set -Dimagesearch.clip.vocab");
  }
}
