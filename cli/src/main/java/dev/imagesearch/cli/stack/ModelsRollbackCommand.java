package dev.imagesearch.cli.stack;

import dev.imagesearch.cli.models.ModelRoot;
import dev.imagesearch.index.SearchIndex;
import dev.imagesearch.index.migration.Rollback;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
    name = "rollback",
    description =
        "Undo the latest model switch: queries are answered from the previous index "
            + "version again at once (it is kept until removed on purpose), and the stack goes "
            + "back to the previous models. Images uploaded after the switch are re-embedded "
            + "into it in the background.")
public class ModelsRollbackCommand implements Callable<Integer> {
  @Override
  public Integer call() throws InterruptedException {
    Stack stack = Stack.fromSystemProperties();
    StackModels current = StackModels.read(stack);
    if (current.previous() == null) {
      System.err.println("The stack never changed models: there is nothing to roll back to.");
      return 1;
    }
    StackModels back = current.swapped();
    ModelSwitch modelSwitch = new ModelSwitch(stack);
    Rollback.Outcome outcome;
    try (SearchIndex index = StackIndex.connect()) {
      ModelRoot models = ModelSwitch.verify(back.configured());
      outcome = Rollback.latest(index.versions(), index.migrations());
      modelSwitch.apply(current, back, models);
    } catch (ModelSwitch.Refused | IllegalStateException e) {
      System.err.println(e.getMessage());
      return 1;
    } catch (java.io.IOException e) {
      System.err.println("Elasticsearch is not reachable at " + StackIndex.URL + ": " + e);
      return 1;
    }
    System.out.println(
        "Rolled back: "
            + outcome.undone().from()
            + " serves queries again, with the models in "
            + back.configured()
            + "."
            + outcome
                .back()
                .map(
                    m ->
                        " Images uploaded since the switch are re-embedded into it "
                            + "(models status).")
                .orElse(""));
    return 0;
  }
}
