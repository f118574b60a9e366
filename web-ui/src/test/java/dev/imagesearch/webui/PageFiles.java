package dev.imagesearch.webui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The page's files, as the tests of this module read them. */
final class PageFiles {
  static final Path STATIC = Path.of("src/main/resources/static");

  private PageFiles() {}

  static List<Path> files(String suffix) throws IOException {
    try (Stream<Path> files = Files.list(STATIC)) {
      return files.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
    }
  }

  /** Every match of {@code pattern}: its first group where it has one, else the whole match. */
  static List<String> matches(Pattern pattern, String text) {
    List<String> out = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      out.add(m.groupCount() > 0 && m.group(1) != null ? m.group(1) : m.group());
    }
    return out;
  }
}
