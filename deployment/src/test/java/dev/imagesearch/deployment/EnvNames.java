package dev.imagesearch.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Spring Boot's mapping between environment variables and property names: dots become underscores,
 * dashes are dropped (or, the legacy form, become underscores), an index becomes {@code _N}, and
 * the name is upper-case. {@code IMAGESEARCH_SECURITY_APIKEYS_0_SHA256} binds to {@code
 * imagesearch.security.api-keys[0].sha256}.
 */
final class EnvNames {
  /**
   * Variables that are not Spring properties but that the images read, each for a reason: the JVM
   * reads JAVA_TOOL_OPTIONS; the model download (embedding module) uses the AWS SDK's default
   * credential chain, not imagesearch.s3.*; DJL finds the GPU image's own libtorch through
   * PYTORCH_LIBRARY_PATH, PYTORCH_VERSION and PYTORCH_FLAVOR (decision 0002).
   */
  static final Set<String> NOT_SPRING =
      Set.of(
          "JAVA_TOOL_OPTIONS",
          "AWS_ACCESS_KEY_ID",
          "AWS_SECRET_ACCESS_KEY",
          "PYTORCH_LIBRARY_PATH",
          "PYTORCH_VERSION",
          "PYTORCH_FLAVOR");

  private EnvNames() {}

  /** Whether the variable binds to the canonical property ({@code []} index, {@code .*} keys). */
  static boolean matches(String property, String environmentVariable) {
    return pattern(property).matcher(environmentVariable).matches();
  }

  static Pattern pattern(String property) {
    List<String> parts = new ArrayList<>();
    for (String segment : property.split("\\.")) {
      if (segment.equals("*")) {
        parts.add("[A-Z0-9_]+");
        continue;
      }
      boolean indexed = segment.endsWith("[]");
      String plain = indexed ? segment.substring(0, segment.length() - 2) : segment;
      String upper = plain.toUpperCase(Locale.ROOT);
      String part =
          "(?:"
              + Pattern.quote(upper.replace("-", ""))
              + "|"
              + Pattern.quote(upper.replace('-', '_'))
              + ")";
      parts.add(indexed ? part + "_[0-9]+" : part);
    }
    return Pattern.compile(String.join("_", parts));
  }
}
