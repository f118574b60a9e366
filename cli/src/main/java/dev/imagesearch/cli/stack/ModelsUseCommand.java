package dev.imagesearch.cli.stack;

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
    if (next == current) {
      System.out.println("The stack is configured with " + current.configured() + " already.");
      return 0;
    }
    try {
      new ModelSwitch(stack).apply(current, next, ModelSwitch.verify(next.configured()));
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
}
