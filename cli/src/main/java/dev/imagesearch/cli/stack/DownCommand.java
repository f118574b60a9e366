package dev.imagesearch.cli.stack;

import dev.imagesearch.localstack.ManagedProcess;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
    name = "down",
    description = "Stop everything ./imagesearch up started. Data in var/ is kept.")
public class DownCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    Stack stack = Stack.fromSystemProperties();
    boolean any = false;
    // Services first, so nothing is left talking to a server that is going away.
    for (Component component : List.of(Component.values()).reversed()) {
      PidFile pidFile = stack.pidFile(component);
      Optional<ProcessHandle> process = pidFile.running();
      if (process.isPresent()) {
        ManagedProcess.stop(process.get(), Duration.ofSeconds(30));
        System.out.println("stopped " + component.id() + " (pid " + process.get().pid() + ")");
        any = true;
      }
      pidFile.delete();
    }
    if (!any) {
      System.out.println("imagesearch is not running.");
    }
    return 0;
  }
}
