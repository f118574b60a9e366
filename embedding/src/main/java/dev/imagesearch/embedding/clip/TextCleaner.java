package dev.imagesearch.embedding.clip;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

/**
 * openai/CLIP's {@code whitespace_clean(basic_clean(text)).lower()}, the text normalisation that
 * runs before BPE. ftfy's fix_text is reproduced for well-formed text (curly quotes, Latin
 * ligatures, full-width forms, line breaks, control characters, NFC); mojibake repair is not.
 * tools/models/reference_tokenizer.py applies the same rules in Python.
 */
final class TextCleaner {
  private static final String SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u2035";
  private static final String DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u2036";
  private static final Map<Integer, String> LIGATURES =
      Map.ofEntries(
          Map.entry(0x0132, "IJ"),
          Map.entry(0x0133, "ij"),
          Map.entry(0x0149, "\u02bcn"),
          Map.entry(0x01c4, "D\u017d"),
          Map.entry(0x01c5, "D\u017e"),
          Map.entry(0x01c6, "d\u017e"),
          Map.entry(0x01c7, "LJ"),
          Map.entry(0x01c8, "Lj"),
          Map.entry(0x01c9, "lj"),
          Map.entry(0x01ca, "NJ"),
          Map.entry(0x01cb, "Nj"),
          Map.entry(0x01cc, "nj"),
          Map.entry(0x01f1, "DZ"),
          Map.entry(0x01f2, "Dz"),
          Map.entry(0x01f3, "dz"),
          Map.entry(0xfb00, "ff"),
          Map.entry(0xfb01, "fi"),
          Map.entry(0xfb02, "fl"),
          Map.entry(0xfb03, "ffi"),
          Map.entry(0xfb04, "ffl"),
          Map.entry(0xfb05, "\u017ft"),
          Map.entry(0xfb06, "st"));

  private TextCleaner() {}

  static String clean(String text) {
    String fixed = HtmlUnescape.unescape(HtmlUnescape.unescape(fixText(text)));
    return collapseWhitespace(fixed).toLowerCase(Locale.ROOT);
  }

  /** The parts of ftfy.fix_text that change well-formed text. */
  static String fixText(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            cp -> {
              if (SINGLE_QUOTES.indexOf(cp) >= 0) {
                sb.append('\'');
              } else if (DOUBLE_QUOTES.indexOf(cp) >= 0) {
                sb.append('"');
              } else if (LIGATURES.containsKey(cp)) {
                sb.append(LIGATURES.get(cp));
              } else if (cp >= 0xFF01 && cp <= 0xFF5E) {
                sb.appendCodePoint(cp - 0xFEE0);
              } else if (cp == 0x3000) {
                sb.append(' ');
              } else {
                sb.appendCodePoint(cp);
              }
            });
    String s =
        sb.toString()
            .replace("\r\n", "\n")
            .replace('\r', '\n')
            .replace('\u2028', '\n')
            .replace('\u2029', '\n');
    StringBuilder kept = new StringBuilder(s.length());
    s.codePoints().filter(cp -> !removedControl(cp)).forEach(kept::appendCodePoint);
    return Normalizer.normalize(kept, Normalizer.Form.NFC);
  }

  private static boolean removedControl(int o) {
    return o <= 0x08
        || o == 0x0B
        || (o >= 0x0E && o <= 0x1F)
        || o == 0x7F
        || (o >= 0x80 && o <= 0x9F)
        || o == 0xFEFF
        || (o >= 0xFFF9 && o <= 0xFFFC);
  }

  /** Python's {@code re.sub(r"\s+", " ", text).strip()} with the regex module's \s. */
  static String collapseWhitespace(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    boolean pending = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (isSpace(cp)) {
        pending = true;
      } else {
        if (pending && !sb.isEmpty()) {
          sb.append(' ');
        }
        pending = false;
        sb.appendCodePoint(cp);
      }
    }
    return sb.toString();
  }

  /** Unicode White_Space plus Python's str.isspace extras (0x1C..0x1F). */
  static boolean isSpace(int cp) {
    return (cp >= 0x09 && cp <= 0x0D)
        || (cp >= 0x1C && cp <= 0x20)
        || cp == 0x85
        || cp == 0xA0
        || cp == 0x1680
        || (cp >= 0x2000 && cp <= 0x200A)
        || cp == 0x2028
        || cp == 0x2029
        || cp == 0x202F
        || cp == 0x205F
        || cp == 0x3000;
  }
}
