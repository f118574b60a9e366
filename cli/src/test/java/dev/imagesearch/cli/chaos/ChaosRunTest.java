package dev.imagesearch.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.imagesearch.cli.demo.DemoStack;
import dev.imagesearch.testsupport.NeedsClipVocabulary;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The reliability harness against the real local stack ({@code imagesearch up}, stand-in models):
 * the short seeded plan in the suite, the long one with {@code -Dchaos.plan=long}
 * (tools/chaos/long-run.sh). The report goes to cli/target/chaos/. Skips, saying why, when the
 * services are not built or the stack's ports are taken.
 */
@NeedsClipVocabulary
class ChaosRunTest {
  private static final Path OUT = Path.of("target", "chaos").toAbsolutePath();

  @Test
  void importUnderFaultsLosesNothingAndEveryRequestIsAnswered() throws Exception {
    String why =
        "false".equals(System.getProperty("imagesearch.chaos"))
            ? "turned off with -Dimagesearch.chaos=false"
            : DemoStack.missing();
    assumeTrue(why == null, () -> "Chaos run skipped: " + why);
    Plan plan = Plan.named(System.getProperty("chaos.plan", "short"));
    DemoStack stack = new DemoStack(OUT);
    ChaosRun.Report report;
    try {
      assertThat(stack.upPatiently("up")).as("imagesearch up").isTrue();
      report =
          new ChaosRun(plan, stack.var(), stack.apiKey(), stack::upPatiently, System.out).run();
    } finally {
      stack.stop();
    }
    Files.writeString(OUT.resolve(plan.name() + "-report.txt"), report.text() + "\n");
    System.out.println(report.text());
    assertThat(report.violations()).as(report.text()).isEmpty();
  }
}
