package dev.imagesearch.embedding.clip;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.imagesearch.embedding.engine.Djl;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CLIP's tokenizer: openai/CLIP text cleaning, then Hugging Face tokenizers (native, via DJL) with
 * a tokenizer.json built from the real CLIP vocabulary. At most 77 ids with the start token first
 * and the end token last, as {@code clip.tokenize(text, truncate=True)} without the padding.
 * Thread-safe.
 */
public final class ClipTokenizer implements AutoCloseable {
  public static final int CONTEXT_LENGTH = 77;
  public static final long START_ID = 49406;
  public static final long END_ID = 49407;

  private final HuggingFaceTokenizer tokenizer;

  private ClipTokenizer(HuggingFaceTokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  /** Loads a CLIP tokenizer.json (see {@link TokenizerJsonBuilder}). */
  public static ClipTokenizer load(Path tokenizerJson) throws IOException {
    Djl.configure();
    return new ClipTokenizer(
        HuggingFaceTokenizer.newInstance(
            tokenizerJson,
            Map.of(
                "addSpecialTokens", "true",
                "truncation", "true",
                "padding", "false",
                "maxLength", String.valueOf(CONTEXT_LENGTH))));
  }

  /** Token ids of one text, start and end tokens included. */
  public long[] encode(String text) {
    Encoding encoding = tokenizer.encode(TextCleaner.clean(text));
    long[] ids = encoding.getIds();
    if (ids.length == CONTEXT_LENGTH) {
      ids[CONTEXT_LENGTH - 1] = END_ID;
    }
    return ids;
  }

  public List<long[]> encode(List<String> texts) {
    List<long[]> out = new ArrayList<>(texts.size());
    for (String text : texts) {
      out.add(encode(text));
    }
    return out;
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
