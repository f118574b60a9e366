package dev.imagesearch.embedding.clip;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Builds a Hugging Face {@code tokenizer.json} for CLIP from openai/CLIP's {@code
 * bpe_simple_vocab_16e6.txt.gz}, with the vocabulary laid out exactly as simple_tokenizer.py does
 * (256 byte symbols, the same with {@code </w>}, 48894 merges, then the two special tokens), so the
 * ids equal the reference tokenizer's.
 */
public final class TokenizerJsonBuilder {
  static final String START = "<|startoftext|>";
  static final String END = "<|endoftext|>";
  private static final String SPLIT =
      "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+";

  private TokenizerJsonBuilder() {}

  /** Writes tokenizer.json to {@code out} (atomically) from the gzipped merges file. */
  public static void write(Path vocabGz, Path out) throws IOException {
    JsonObject json;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(vocabGz))) {
      json = build(in);
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), "tokenizer", ".tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      new GsonBuilder().disableHtmlEscaping().serializeNulls().create().toJson(json, w);
    }
    Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static JsonObject build(InputStream merges) throws IOException {
    ClipVocabulary vocabulary = ClipVocabulary.read(merges);
    List<String> mergeList = vocabulary.merges();
    Map<String, Integer> vocab = vocabulary.ids();

    JsonObject model = new JsonObject();
    model.addProperty("type", "BPE");
    model.add("dropout", JsonNull.INSTANCE);
    model.addProperty("unk_token", END);
    model.addProperty("continuing_subword_prefix", "");
    model.addProperty("end_of_word_suffix", "</w>");
    model.addProperty("fuse_unk", false);
    model.addProperty("byte_fallback", false);
    JsonObject vocabJson = new JsonObject();
    vocab.forEach(vocabJson::addProperty);
    model.add("vocab", vocabJson);
    JsonArray mergesJson = new JsonArray();
    mergeList.forEach(mergesJson::add);
    model.add("merges", mergesJson);

    JsonObject root = new JsonObject();
    root.addProperty("version", "1.0");
    root.add("truncation", JsonNull.INSTANCE);
    root.add("padding", JsonNull.INSTANCE);
    JsonArray added = new JsonArray();
    added.add(addedToken(vocab.get(START), START));
    added.add(addedToken(vocab.get(END), END));
    root.add("added_tokens", added);
    root.add("normalizer", normalizer());
    root.add("pre_tokenizer", preTokenizer());
    JsonObject post = new JsonObject();
    post.addProperty("type", "RobertaProcessing");
    post.add("sep", pair(END, vocab.get(END)));
    post.add("cls", pair(START, vocab.get(START)));
    post.addProperty("trim_offsets", false);
    post.addProperty("add_prefix_space", false);
    root.add("post_processor", post);
    JsonObject decoder = new JsonObject();
    decoder.addProperty("type", "ByteLevel");
    decoder.addProperty("add_prefix_space", true);
    decoder.addProperty("trim_offsets", true);
    decoder.addProperty("use_regex", true);
    root.add("decoder", decoder);
    root.add("model", model);
    return root;
  }

  private static JsonObject addedToken(int id, String content) {
    JsonObject t = new JsonObject();
    t.addProperty("id", id);
    t.addProperty("content", content);
    t.addProperty("single_word", false);
    t.addProperty("lstrip", false);
    t.addProperty("rstrip", false);
    t.addProperty("normalized", true);
    t.addProperty("special", true);
    return t;
  }

  private static JsonObject normalizer() {
    JsonObject nfc = new JsonObject();
    nfc.addProperty("type", "NFC");
    JsonObject replace = new JsonObject();
    replace.addProperty("type", "Replace");
    replace.add("pattern", regex("\\s+"));
    replace.addProperty("content", " ");
    JsonObject lower = new JsonObject();
    lower.addProperty("type", "Lowercase");
    JsonArray list = new JsonArray();
    list.add(nfc);
    list.add(replace);
    list.add(lower);
    JsonObject seq = new JsonObject();
    seq.addProperty("type", "Sequence");
    seq.add("normalizers", list);
    return seq;
  }

  private static JsonObject preTokenizer() {
    JsonObject split = new JsonObject();
    split.addProperty("type", "Split");
    split.add("pattern", regex(SPLIT));
    split.addProperty("behavior", "Removed");
    split.addProperty("invert", true);
    JsonObject byteLevel = new JsonObject();
    byteLevel.addProperty("type", "ByteLevel");
    byteLevel.addProperty("add_prefix_space", false);
    byteLevel.addProperty("trim_offsets", true);
    byteLevel.addProperty("use_regex", false);
    JsonArray list = new JsonArray();
    list.add(split);
    list.add(byteLevel);
    JsonObject seq = new JsonObject();
    seq.addProperty("type", "Sequence");
    seq.add("pretokenizers", list);
    return seq;
  }

  private static JsonObject regex(String pattern) {
    JsonObject p = new JsonObject();
    p.addProperty("Regex", pattern);
    return p;
  }

  private static JsonArray pair(String token, int id) {
    JsonArray a = new JsonArray();
    a.add(token);
    a.add(id);
    return a;
  }

  /** {@code java ... TokenizerJsonBuilder VOCAB_GZ OUT_JSON}. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: TokenizerJsonBuilder bpe_simple_vocab_16e6.txt.gz tokenizer.json");
      System.exit(2);
    }
    write(Path.of(args[0]), Path.of(args[1]));
  }
}
