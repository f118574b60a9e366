package dev.imagesearch.embedding.clip;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Python's {@code html.unescape}, ported with its tables (generated into a resource). */
final class HtmlUnescape {
  private static final Pattern CHARREF =
      Pattern.compile("&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\\t\\n\\f <&#;]{1,32};?)");
  private static final Map<String, String> NAMED = new HashMap<>();
  private static final Map<Integer, String> INVALID_CHARREFS = new HashMap<>();
  private static final Set<Integer> INVALID_CODEPOINTS = new HashSet<>();

  static {
    try (InputStream in = HtmlUnescape.class.getResourceAsStream("html5-entities.txt");
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split(" ");
        switch (f[0]) {
          case "N" -> NAMED.put(f[1], codePoints(f, 2));
          case "R" -> INVALID_CHARREFS.put(Integer.parseInt(f[1], 16), codePoints(f, 2));
          case "X" -> INVALID_CODEPOINTS.add(Integer.parseInt(f[1], 16));
          default -> throw new IllegalStateException("bad html5-entities.txt line: " + line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HtmlUnescape() {}

  static String unescape(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    Matcher m = CHARREF.matcher(s);
    StringBuilder out = new StringBuilder(s.length());
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(replace(m.group(1))));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String replace(String s) {
    if (s.charAt(0) == '#') {
      boolean hex = s.charAt(1) == 'x' || s.charAt(1) == 'X';
      String digits = s.substring(hex ? 2 : 1);
      if (digits.endsWith(";")) {
        digits = digits.substring(0, digits.length() - 1);
      }
      BigInteger big = new BigInteger(digits, hex ? 16 : 10);
      if (big.compareTo(BigInteger.valueOf(0x10FFFF)) > 0) {
        return "\uFFFD";
      }
      int num = big.intValue();
      String invalid = INVALID_CHARREFS.get(num);
      if (invalid != null) {
        return invalid;
      }
      if (num >= 0xD800 && num <= 0xDFFF) {
        return "\uFFFD";
      }
      if (INVALID_CODEPOINTS.contains(num)) {
        return "";
      }
      return new String(Character.toChars(num));
    }
    String named = NAMED.get(s);
    if (named != null) {
      return named;
    }
    for (int x = s.length() - 1; x > 1; x--) {
      String prefix = NAMED.get(s.substring(0, x));
      if (prefix != null) {
        return prefix + s.substring(x);
      }
    }
    return "&" + s;
  }

  private static String codePoints(String[] fields, int from) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < fields.length; i++) {
      sb.appendCodePoint(Integer.parseInt(fields[i], 16));
    }
    return sb.toString();
  }
}
