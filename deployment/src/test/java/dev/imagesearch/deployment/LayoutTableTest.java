package dev.imagesearch.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README's layout table is how a newcomer finds their way, so it must name every folder. */
class LayoutTableTest {
  /** Made by builds and runs, never committed (see .gitignore). */
  private static final Set<String> GENERATED = Set.of("target", "var", "node_modules");

  private static final Pattern FOLDER = Pattern.compile("`([A-Za-z0-9._-]+)/[^`]*`");

  @Test
  void theReadmesLayoutTableNamesExactlyTheTopLevelFolders() throws IOException {
    assertThat(tableFolders()).isEqualTo(topLevelFolders());
  }

  private static Set<String> tableFolders() {
    String readme = Repo.read("README.md");
    String table = readme.substring(readme.indexOf("## Project layout"));
    Set<String> folders = new TreeSet<>();
    for (String line : table.lines().filter(l -> l.startsWith("| ")).toList()) {
      Matcher m = FOLDER.matcher(line.split("\\|")[1]);
      while (m.find()) {
        folders.add(m.group(1));
      }
    }
    return folders;
  }

  private static Set<String> topLevelFolders() throws IOException {
    try (Stream<Path> entries = Files.list(Repo.root())) {
      Set<String> folders = new TreeSet<>();
      entries
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(name -> !name.startsWith(".") && !GENERATED.contains(name))
          .forEach(folders::add);
      return folders;
    }
  }
}
