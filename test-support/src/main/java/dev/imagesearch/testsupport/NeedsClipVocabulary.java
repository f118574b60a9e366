package dev.imagesearch.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips a test class that loads the stand-in CLIP model when OpenAI's vocabulary, which the
 * repository does not carry, is nowhere to be found: not in ../shared, not in the local cache.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(NeedsClipVocabulary.Condition.class)
public @interface NeedsClipVocabulary {
  String FILE = "bpe_simple_vocab_16e6.txt.gz";

  final class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      List<Path> places =
          List.of(
              Path.of(
                  System.getProperty("imagesearch.shared.dir", "../shared"),
                  "models",
                  "clip",
                  FILE),
              Path.of(System.getProperty("user.home"), ".cache", "imagesearch", "clip", FILE));
      return places.stream().anyMatch(Files::isRegularFile)
          ? ConditionEvaluationResult.enabled("CLIP vocabulary found")
          : ConditionEvaluationResult.disabled(
              "Skipped: the stand-in CLIP model needs "
                  + FILE
                  + ", found in neither "
                  + places
                  + ". tools/models/fetch-clip-vocab.sh fetches it.");
    }
  }
}
