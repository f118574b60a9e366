package dev.imagesearch.embedding.multilingual;

import ai.djl.Model;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.imagesearch.embedding.clip.ClipTextTranslator;
import dev.imagesearch.embedding.engine.BatchedPredictor;
import dev.imagesearch.embedding.engine.Djl;
import dev.imagesearch.embedding.engine.TorchScript;
import dev.imagesearch.embedding.model.LocalModel;
import dev.imagesearch.embedding.model.ModelDescriptor;
import dev.imagesearch.embedding.model.ModelDescriptor.Variant;
import dev.imagesearch.embedding.model.ModelRepository;
import dev.imagesearch.embedding.model.Precision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Text vectors in CLIP ViT-B/32's image space for texts in 50+ languages: sentence-transformers
 * {@code clip-ViT-B-32-multilingual-v1} (multilingual DistilBERT, mean pooling, Dense 768→512).
 * Image vectors stay CLIP's, so nothing is re-embedded. The WordPiece tokenizer.json ships in the
 * model directory and runs on Hugging Face tokenizers (native, via DJL). Thread-safe.
 */
public final class MultilingualTextModel implements AutoCloseable {
  /** sentence-transformers' max_seq_length for this model; longer texts are cut. */
  public static final int DEFAULT_CONTEXT_LENGTH = 128;

  private final ModelDescriptor descriptor;
  private final Variant variant;
  private final HuggingFaceTokenizer tokenizer;
  private final Model model;
  private final BatchedPredictor<long[]> texts;

  private MultilingualTextModel(LocalModel local, Precision precision) throws IOException {
    this.descriptor = local.descriptor();
    if (!descriptor.architecture().equals("multilingual")) {
      throw new IOException(local.directory() + " holds a " + descriptor.architecture() + " model");
    }
    this.variant = TorchScript.choose(local, precision);
    this.tokenizer = tokenizer(local);
    try {
      this.model = TorchScript.load(local.directory(), variant.file(), descriptor.name());
    } catch (IOException e) {
      tokenizer.close();
      throw e;
    }
    this.texts = new BatchedPredictor<>(model, new ClipTextTranslator(), "multilingual text");
  }

  private static HuggingFaceTokenizer tokenizer(LocalModel local) throws IOException {
    ModelDescriptor.TokenizerSpec spec = local.descriptor().tokenizer();
    Path file = local.file(spec == null || spec.file() == null ? "tokenizer.json" : spec.file());
    if (!Files.isRegularFile(file)) {
      throw new IOException("multilingual model: no tokenizer " + file);
    }
    int length =
        spec == null || spec.contextLength() <= 0 ? DEFAULT_CONTEXT_LENGTH : spec.contextLength();
    Djl.configure();
    // [CLS] text [SEP], cut to `length` ids in all; no padding (the translator pads a batch).
    return HuggingFaceTokenizer.newInstance(
        file,
        Map.of(
            "addSpecialTokens", "true",
            "truncation", "true",
            "padding", "false",
            "maxLength", String.valueOf(length)));
  }

  /** Loads a verified model directory (see {@link ModelRepository}), its fp32 variant. */
  public static MultilingualTextModel load(LocalModel local) throws IOException {
    return load(local, Precision.FP32);
  }

  /** Loads the variant of a verified model directory that runs in {@code precision}. */
  public static MultilingualTextModel load(LocalModel local, Precision precision)
      throws IOException {
    return new MultilingualTextModel(local, precision);
  }

  /** Loads and verifies a local model directory. */
  public static MultilingualTextModel load(Path directory) throws IOException {
    return load(ModelRepository.local(directory));
  }

  public ModelDescriptor descriptor() {
    return descriptor;
  }

  /** The TorchScript file this instance runs. */
  public Variant variant() {
    return variant;
  }

  /** WordPiece ids of a text, {@code [CLS]} first and {@code [SEP]} last. */
  public long[] tokenize(String text) {
    return tokenizer.encode(text).getIds();
  }

  /** One unit vector per text, in order, in the same space as CLIP's image vectors. */
  public List<float[]> embedText(List<String> batch) {
    return texts.predict(batch.stream().map(this::tokenize).toList());
  }

  public float[] embedText(String text) {
    return embedText(List.of(text)).getFirst();
  }

  @Override
  public void close() {
    texts.close();
    model.close();
    tokenizer.close();
  }
}
