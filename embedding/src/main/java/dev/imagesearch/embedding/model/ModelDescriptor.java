package dev.imagesearch.embedding.model;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import dev.imagesearch.embedding.preprocess.Preprocessing;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code model.json}: the single source of truth about a model directory. The index records {@code
 * name} and {@code version} beside every vector.
 *
 * @param name model name, {@code vgg16}, {@code clip} or {@code multilingual}
 * @param version version string, recorded with each vector
 * @param architecture {@code vgg16}, {@code clip} or {@code multilingual} (a text encoder into
 *     CLIP's space): which file contract the TorchScript follows
 * @param dims vector length (512)
 * @param standin true for seeded random weights: vectors carry no meaning
 * @param preprocessing image preprocessing (resize, interpolation, crop, mean, std); none for the
 *     text-only {@code multilingual}
 * @param files file name to lower-case hex sha256, for every file of the model
 * @param tokenizer CLIP and multilingual: tokenizer file, its source vocabulary (CLIP) and the
 *     context length
 * @param variants the TorchScript files of the model, one per precision; absent in model.json
 *     written before variants existed, which means {@code model.pt} in fp32
 */
public record ModelDescriptor(
    String name,
    String version,
    String architecture,
    int dims,
    boolean standin,
    PreprocessingSpec preprocessing,
    Map<String, String> files,
    TokenizerSpec tokenizer,
    List<Variant> variants) {

  public static final String FILE_NAME = "model.json";

  /** The JSON shape of {@link Preprocessing}. */
  public record PreprocessingSpec(
      int resize, String interpolation, int crop, float[] mean, float[] std) {}

  /** The JSON shape of the CLIP tokenizer entry. */
  public record TokenizerSpec(String file, String vocabulary, int contextLength) {}

  /**
   * One TorchScript file of the model. Every variant has the fp32 interface (the cast happens
   * inside), so the same code runs any of them.
   *
   * @param file the file name, also listed in {@code files}
   * @param precision {@code fp32}, {@code bf16} or {@code fp16}: the weights and arithmetic inside
   * @param memoryFormat {@code contiguous} or {@code channels_last}: the layout inside
   * @param sha256 the file's sha256, as in {@code files}
   */
  public record Variant(String file, String precision, String memoryFormat, String sha256) {}

  public ModelDescriptor {
    files = files == null ? Map.of() : Map.copyOf(new TreeMap<>(files));
    variants =
        variants == null
            ? List.of(new Variant("model.pt", "fp32", "contiguous", files.get("model.pt")))
            : List.copyOf(variants);
  }

  public static ModelDescriptor read(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(r);
    }
  }

  public static ModelDescriptor parse(Reader json) throws IOException {
    ModelDescriptor d;
    try {
      d = new Gson().fromJson(json, ModelDescriptor.class);
    } catch (JsonParseException e) {
      throw new IOException("model.json is not valid: " + e.getMessage(), e);
    }
    if (d == null
        || d.name() == null
        || d.version() == null
        || d.architecture() == null
        || d.dims() <= 0) {
      throw new IOException("model.json needs name, version, architecture, dims");
    }
    if (!List.of("vgg16", "clip", "multilingual").contains(d.architecture())) {
      throw new IOException("unknown architecture in model.json: " + d.architecture());
    }
    if (d.preprocessing() == null && !d.architecture().equals("multilingual")) {
      throw new IOException("model.json of an image model needs preprocessing");
    }
    checkVariants(d);
    return d;
  }

  private static void checkVariants(ModelDescriptor d) throws IOException {
    for (Variant v : d.variants()) {
      if (v == null || v.file() == null || v.precision() == null) {
        throw new IOException("model.json: every variant needs file and precision");
      }
      if (!Set.of("fp32", "bf16", "fp16").contains(v.precision())) {
        throw new IOException("model.json: unknown precision " + v.precision() + " of " + v.file());
      }
      String listed = d.files().get(v.file());
      if (listed == null || (v.sha256() != null && !v.sha256().equalsIgnoreCase(listed))) {
        throw new IOException(
            "model.json: variant " + v.file() + " is not in files with its sha256");
      }
    }
    if (d.variant(Precision.FP32).isEmpty()) {
      throw new IOException("model.json needs an fp32 variant");
    }
  }

  /** The variant in this concrete precision (not {@link Precision#AUTO}), if any. */
  public Optional<Variant> variant(Precision precision) {
    return variants.stream().filter(v -> v.precision().equals(precision.label())).findFirst();
  }

  /**
   * The variant that runs in this concrete precision: its own, or fp32 where the model has none.
   * The one rule for what a remote model downloads ({@link ModelRepository}) and what loads ({@code
   * TorchScript.choose}), so the two cannot disagree.
   */
  public Variant variantFor(Precision precision) {
    return variant(precision).or(() -> variant(Precision.FP32)).orElseThrow();
  }

  /**
   * The files a process that runs {@code variant} needs: that TorchScript file and every file that
   * is no variant (tokenizer, vocabulary), sorted.
   */
  public SortedSet<String> filesFor(Variant variant) {
    Set<String> variantFiles = variants.stream().map(Variant::file).collect(Collectors.toSet());
    return files.keySet().stream()
        .filter(file -> file.equals(variant.file()) || !variantFiles.contains(file))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The preprocessing the model was trained with. */
  public Preprocessing imagePreprocessing() {
    PreprocessingSpec p = preprocessing;
    return new Preprocessing(p.resize(), p.interpolation(), p.crop(), p.mean(), p.std());
  }

  /** {@code name:version}, how logs and the index name a model. */
  public String id() {
    return name + ":" + version;
  }
}
