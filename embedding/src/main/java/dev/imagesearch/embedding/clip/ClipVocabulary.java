package dev.imagesearch.embedding.clip;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CLIP's BPE vocabulary with the ids of openai/CLIP's simple_tokenizer.py: 256 byte symbols, the
 * same with {@code </w>}, the 48894 merges, then the two special tokens.
 *
 * @param merges the merge rules, in priority order ("a b")
 * @param ids each token's id
 */
record ClipVocabulary(List<String> merges, Map<String, Integer> ids) {
  private static final int MERGES = 49152 - 256 - 2;

  /** Reads {@code bpe_simple_vocab_16e6.txt} (already gunzipped): a header line, then merges. */
  static ClipVocabulary read(InputStream merges) throws IOException {
    List<String> lines = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(merges, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        lines.add(line);
      }
    }
    if (lines.size() < MERGES + 1) {
      throw new IOException("not a CLIP BPE vocabulary: " + lines.size() + " lines");
    }
    List<String> mergeList = lines.subList(1, MERGES + 1);
    Map<String, Integer> vocab = new LinkedHashMap<>();
    List<String> bytes = byteSymbols();
    for (String b : bytes) {
      vocab.put(b, vocab.size());
    }
    for (String b : bytes) {
      vocab.put(b + "</w>", vocab.size());
    }
    for (String merge : mergeList) {
      vocab.put(merge.replace(" ", ""), vocab.size());
    }
    vocab.put(TokenizerJsonBuilder.START, vocab.size());
    vocab.put(TokenizerJsonBuilder.END, vocab.size());
    return new ClipVocabulary(mergeList, vocab);
  }

  /** GPT-2 / CLIP bytes_to_unicode, in byte order of its table. */
  static List<String> byteSymbols() {
    List<Integer> bs = new ArrayList<>();
    for (int b = '!'; b <= '~'; b++) {
      bs.add(b);
    }
    for (int b = 0xA1; b <= 0xAC; b++) {
      bs.add(b);
    }
    for (int b = 0xAE; b <= 0xFF; b++) {
      bs.add(b);
    }
    List<Integer> cs = new ArrayList<>(bs);
    int n = 0;
    for (int b = 0; b < 256; b++) {
      if (!bs.contains(b)) {
        bs.add(b);
        cs.add(256 + n);
        n++;
      }
    }
    List<String> out = new ArrayList<>();
    for (int c : cs) {
      out.add(new String(Character.toChars(c)));
    }
    return out;
  }
}
