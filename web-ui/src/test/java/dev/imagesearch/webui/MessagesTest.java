package dev.imagesearch.webui;

import static dev.imagesearch.webui.PageFiles.STATIC;
import static dev.imagesearch.webui.PageFiles.files;
import static dev.imagesearch.webui.PageFiles.matches;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The page speaks English and French from two catalogues, messages-en.js and messages-fr.js. This
 * keeps them in step with each other and with the page: the same keys in both, every key the page
 * names in a catalogue and every catalogue key used, and no text for people left in the HTML or
 * written as prose in the scripts.
 *
 * <p>What the script check covers: a string literal holding two words (letters, one space apart),
 * and any literal given straight to textContent, title, alt, placeholder or new Option. A one-word
 * literal shown some other way would slip through; the browser test in French would show it.
 */
class MessagesTest {
  private static final List<String> LANGUAGES = List.of("en", "fr");
  private static final Pattern ENTRY = Pattern.compile("  '([^']+)': (['\"])(.*)\\2,");

  /** A message key as the scripts write it: lower-case words joined by dots. */
  private static final Pattern KEY_LITERAL =
      Pattern.compile("'([a-z][a-zA-Z0-9]*(?:\\.[a-z][a-zA-Z0-9]*)+)'");

  private static final Pattern HTML_KEY = Pattern.compile("\\sdata-i18n(?:-[a-z-]+)?=\"([^\"]+)\"");
  private static final Set<String> PLURAL_FORMS =
      Set.of("zero", "one", "two", "few", "many", "other");

  /** Text the page shows the same in every language: the product's name. */
  private static final Set<String> UNTRANSLATED = Set.of("imagesearch");

  @Test
  void bothCataloguesHaveTheSameKeysInTheSameOrder() throws IOException {
    Map<String, String> en = catalogue("en");
    assertThat(en).hasSizeGreaterThan(100);
    for (String language : LANGUAGES) {
      assertThat(List.copyOf(catalogue(language).keySet()))
          .as(language)
          .isEqualTo(List.copyOf(en.keySet()));
    }
  }

  /** A translation that drops or renames a {placeholder} would show a blank or a raw name. */
  @Test
  void everyMessageHasTheSamePlaceholdersInEveryLanguage() throws IOException {
    Pattern placeholder = Pattern.compile("\\{(\\w+(?::\\w+)?)}");
    Map<String, String> en = catalogue("en");
    for (String language : LANGUAGES) {
      Map<String, String> other = catalogue(language);
      for (var entry : en.entrySet()) {
        assertThat(new TreeSet<>(matches(placeholder, other.get(entry.getKey()))))
            .as("%s in messages-%s.js", entry.getKey(), language)
            .isEqualTo(new TreeSet<>(matches(placeholder, entry.getValue())));
      }
    }
  }

  @Test
  void everyKeyThePageNamesIsInTheCataloguesAndEveryKeyIsUsed() throws IOException {
    Set<String> keys = catalogue("en").keySet();
    Set<String> used = usedKeys();
    for (String key : used) {
      assertThat(keys.contains(key) || keys.contains(key + ".other"))
          .as("the key '%s' is in the catalogues", key)
          .isTrue();
    }
    for (String key : keys) {
      String last = key.substring(key.lastIndexOf('.') + 1);
      String named = PLURAL_FORMS.contains(last) ? key.substring(0, key.lastIndexOf('.')) : key;
      assertThat(used).as("the page uses the key '%s'", key).contains(named);
    }
  }

  @Test
  void theHtmlShowsNoTextOfItsOwn() throws IOException {
    String html = Files.readString(STATIC.resolve("index.html")).replaceAll("(?s)<!--.*?-->", "");
    Matcher tag = Pattern.compile("<(/?)(\\w+)([^>]*)>([^<]*)").matcher(html);
    List<String> untranslated = new ArrayList<>();
    while (tag.find()) {
      String attributes = tag.group(3);
      String text = tag.group(4).strip();
      boolean keyed = tag.group(1).isEmpty() && attributes.contains(" data-i18n=");
      if (text.matches("(?s).*\\p{L}.*") && !keyed && !UNTRANSLATED.contains(text)) {
        untranslated.add(text);
      }
      for (String attribute : List.of("placeholder", "aria-label", "alt", "title")) {
        if (attributes.matches("(?s).*\\s" + attribute + "=\"[^\"]*\\p{L}.*")) {
          untranslated.add(attribute + " of <" + tag.group(2) + attributes + ">");
        }
      }
    }
    assertThat(untranslated).isEmpty();
  }

  @Test
  void theScriptsWriteNoProse() throws IOException {
    Pattern literal = Pattern.compile("'[^'\\n]*'|\"[^\"\\n]*\"|`[^`]*`");
    Pattern shown =
        Pattern.compile(
            "(?:textContent|title|alt|placeholder)\\s*=\\s*['\"`]|new Option\\(\\s*['\"`][^'\"`]");
    List<String> prose = new ArrayList<>();
    for (Path js : scripts()) {
      String code = withoutComments(Files.readString(js));
      for (String s : matches(literal, code)) {
        if (s.replaceAll("\\$\\{[^}]*}", "").matches("(?s).*[A-Za-z]{2,} [A-Za-z]{2,}.*")) {
          prose.add(js.getFileName() + ": " + s);
        }
      }
      matches(shown, code).forEach(s -> prose.add(js.getFileName() + ": " + s));
    }
    assertThat(prose).isEmpty();
  }

  /** The keys the HTML's data-i18n attributes and the scripts' key-shaped literals name. */
  private static Set<String> usedKeys() throws IOException {
    Set<String> used =
        new TreeSet<>(matches(HTML_KEY, Files.readString(STATIC.resolve("index.html"))));
    for (Path js : scripts()) {
      used.addAll(matches(KEY_LITERAL, withoutComments(Files.readString(js))));
    }
    return used;
  }

  /** The page's scripts, less the catalogues. */
  private static List<Path> scripts() throws IOException {
    return files(".js").stream()
        .filter(f -> !f.getFileName().toString().startsWith("messages-"))
        .toList();
  }

  private static String withoutComments(String js) {
    return js.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)(^|\\s)//.*$", "");
  }

  /**
   * A catalogue, in order. Between its first and last line every line must be one entry, so no
   * entry can hide from this reading.
   */
  static Map<String, String> catalogue(String language) throws IOException {
    List<String> lines = Files.readAllLines(STATIC.resolve("messages-" + language + ".js"));
    int start = lines.indexOf("export default {");
    int end = lines.lastIndexOf("};");
    assertThat(start).as("messages-%s.js opens with 'export default {'", language).isPositive();
    assertThat(end).as("messages-%s.js closes with '};'", language).isGreaterThan(start);
    Map<String, String> messages = new LinkedHashMap<>();
    for (String line : lines.subList(start + 1, end)) {
      Matcher entry = ENTRY.matcher(line);
      assertThat(entry.matches()).as("messages-%s.js: not one entry: %s", language, line).isTrue();
      assertThat(messages.put(entry.group(1), entry.group(3)))
          .as("messages-%s.js: %s twice", language, entry.group(1))
          .isNull();
    }
    return messages;
  }
}
