package dev.imagesearch.cli.stack;

import dev.imagesearch.cli.models.ModelRoot;
import dev.imagesearch.index.ModelVersions;
import dev.imagesearch.index.SearchIndex;
import dev.imagesearch.index.migration.Rollback;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "use",
    description =
        "Put the stack on the models in DIR (vgg16/, clip/, optionally multilingual/, as "
            + "./imagesearch models fetch writes them) without a search outage. Every file's "
            + "SHA-256 is checked first; the stack is left as it was when anything is refused. "
            + "The worker restarts on them and re-embeds every image from the stored originals "
            + "into a new index version; search answers from the current one until the new one "
            + "is complete (models status).")
public class ModelsUseCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "the folder of models")
  Path directory;

  @Override
  public Integer call() throws InterruptedException {
    Stack stack = Stack.fromSystemProperties();
    StackModels current = StackModels.read(stack);
    StackModels next = current.moveTo(directory);
    try {
      ModelRoot models = ModelSwitch.verify(next.configured());
      allowAgain(stack, models);
      if (next == current) {
        System.out.println("The stack is configured with " + current.configured() + " already.");
        return 0;
      }
      new ModelSwitch(stack).apply(current, next, models);
    } catch (ModelSwitch.Refused e) {
      System.err.println(e.getMessage());
      return 1;
    }
    boolean running = stack.pidFile(Component.EMBED_WORKER).running().isPresent();
    System.out.println(
        running
            ? "Switching to "
                + next.configured()
                + ": the worker re-embeds every image into a new index version while search"
                + " answers from the current one. ./imagesearch models status shows the progress."
            : "The next ./imagesearch up starts on " + next.configured() + ".");
    return 0;
  }

  /**
   * Choosing models is the operator's word: a rollback of their migration no longer holds their
   * workers back (Rollback#allowAgain). Needs the running stack's Elasticsearch.
   */
  private static void allowAgain(Stack stack, ModelRoot models) throws ModelSwitch.Refused {
    if (stack.pidFile(Component.ELASTICSEARCH).running().isEmpty()) {
      return;
    }
    try (SearchIndex index = StackIndex.connect()) {
      int forgotten =
          Rollback.allowAgain(
              index.versions(),
              index.migrations(),
              new ModelVersions(models.vgg16(), models.clip()));
      if (forgotten > 0) {
        System.out.println("A rolled-back migration to these models may start again.");
      }
    } catch (IOException | UncheckedIOException e) {
      throw new ModelSwitch.Refused(
          "Elasticsearch is not reachable at " + StackIndex.URL + ": " + e.getMessage());
    }
  }
}
