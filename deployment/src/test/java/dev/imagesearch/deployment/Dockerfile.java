package dev.imagesearch.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Dockerfile as instructions (continuation lines joined, comments dropped). */
record Dockerfile(String path, List<Instruction> instructions) {
  record Instruction(String keyword, String arguments) {}

  static Dockerfile read(String relativePath) {
    List<Instruction> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Repo.read(relativePath).split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      current.append(trimmed);
      String text = current.toString().strip();
      current.setLength(0);
      if (text.isEmpty()) {
        continue;
      }
      int space = text.indexOf(' ');
      instructions.add(
          new Instruction(
              text.substring(0, space).toUpperCase(Locale.ROOT),
              text.substring(space + 1).strip()));
    }
    return new Dockerfile(relativePath, instructions);
  }

  List<String> all(String keyword) {
    return instructions.stream()
        .filter(i -> i.keyword().equals(keyword))
        .map(Instruction::arguments)
        .toList();
  }

  /** The FROM images with each {@code ${ARG}} at its default: what a plain build pulls. */
  List<String> froms() {
    Map<String, String> defaults = new LinkedHashMap<>();
    for (String arg : all("ARG")) {
      String[] nameValue = arg.split("=", 2);
      defaults.put(nameValue[0], nameValue.length > 1 ? nameValue[1] : "");
    }
    return all("FROM").stream()
        .map(
            from -> {
              String resolved = from;
              for (Map.Entry<String, String> arg : defaults.entrySet()) {
                resolved = resolved.replace("${" + arg.getKey() + "}", arg.getValue());
              }
              return resolved;
            })
        .toList();
  }

  /** The instructions of the last stage: what the image runs. */
  Dockerfile finalStage() {
    int last = 0;
    for (int i = 0; i < instructions.size(); i++) {
      if (instructions.get(i).keyword().equals("FROM")) {
        last = i;
      }
    }
    return new Dockerfile(path, instructions.subList(last, instructions.size()));
  }

  /** ENV of this file, in both forms ({@code ENV A=1 B="x y"} and {@code ENV A 1}). */
  Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    Pattern pair = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S+)");
    for (String arguments : all("ENV")) {
      Matcher m = pair.matcher(arguments);
      boolean any = false;
      while (m.find()) {
        any = true;
        env.put(m.group(1), m.group(2).replaceAll("^\"|\"$", ""));
      }
      if (!any) {
        String[] kv = arguments.split("\\s+", 2);
        env.put(kv[0], kv.length > 1 ? kv[1] : "");
      }
    }
    return env;
  }
}
