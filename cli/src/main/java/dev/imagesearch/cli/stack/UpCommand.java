package dev.imagesearch.cli.stack;

import dev.imagesearch.cli.models.ModelRoot;
import dev.imagesearch.localstack.ManagedProcess;
import dev.imagesearch.localstack.ServerStartException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

@Command(
    name = "up",
    description = {
      "Start Elasticsearch, Kafka, the S3 store and the three services in the background.",
      "Data stays in var/ across restarts; logs go to var/log/. Running it again is harmless."
    })
public class UpCommand implements Callable<Integer> {
  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      converter = BindConverter.class,
      description = {
        "Where the search page and the APIs listen: 127.0.0.1 (the default) for this machine only,",
        "0.0.0.0 to let other machines in; set a read key then (README, Ports)."
      })
  Bind bind = Bind.LOOPBACK;

  @Option(
      names = "--models",
      paramLabel = "DIR",
      description =
          "Start the worker and search-api on the models in DIR (vgg16/, clip/, "
              + "optionally multilingual/, as ./imagesearch models fetch writes them), checked "
              + "first. Kept for the next up. An index of other models is re-embedded in the "
              + "background (models status).")
  Path models;

  static final class BindConverter implements ITypeConverter<Bind> {
    @Override
    public Bind convert(String value) {
      try {
        return Bind.of(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    Stack stack = Stack.fromSystemProperties();
    Instant started = Instant.now();
    List<Component> stopped =
        List.of(Component.values()).stream()
            .filter(c -> stack.pidFile(c).running().isEmpty())
            .toList();
    if (models != null) {
      StackModels current = StackModels.read(stack);
      ModelRoot next;
      try {
        next = ModelRoot.verify(models);
      } catch (ModelRoot.Refused e) {
        System.err.println(e.getMessage());
        return 1;
      }
      if (!next.root().equals(current.configured())) {
        if (stopped.size() < Component.values().length) {
          System.err.println(
              "imagesearch is running on "
                  + current.configured()
                  + ": ./imagesearch models use "
                  + next.root()
                  + " switches a running stack.");
          return 1;
        }
        current.moveTo(next.root()).write(stack);
      }
    }
    if (stopped.isEmpty()) {
      System.out.println("imagesearch is already running.");
      Urls.print();
      return 0;
    }
    for (Component service : Component.services()) {
      if (!stack.built(service)) {
        System.err.println(
            stack.serviceJar(service) + " is missing: run ./mvnw -B package -DskipTests");
        return 1;
      }
    }
    LocalWriteKey apiKey = LocalWriteKey.ensure(stack);
    System.out.println(apiKey.notice(stack));
    boolean ok =
        startTogether(stack, apiKey, stopped.stream().filter(Component::infrastructure).toList())
            && startTogether(
                stack, apiKey, stopped.stream().filter(c -> !c.infrastructure()).toList());
    if (ok && bind == Bind.ALL) {
      System.out.println(
          "The search page and the APIs listen on every interface (--bind 0.0.0.0).");
    }
    if (!ok) {
      System.err.println(
          "Some components did not start; the others keep running (./imagesearch down stops them).");
      return 1;
    }
    System.out.printf(
        "imagesearch is up (%.1f s).%n",
        Duration.between(started, Instant.now()).toMillis() / 1000.0);
    Urls.print();
    return 0;
  }

  /**
   * Starts components in parallel: each waits on its own readiness, so the slowest sets the pace.
   */
  private boolean startTogether(Stack stack, LocalWriteKey apiKey, List<Component> components)
      throws InterruptedException {
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<ManagedProcess>> starts =
          components.stream().map(c -> pool.submit(() -> startOne(stack, apiKey, c))).toList();
      boolean ok = true;
      for (int i = 0; i < components.size(); i++) {
        try {
          starts.get(i).get();
        } catch (ExecutionException e) {
          ok = false;
          String reason =
              e.getCause() instanceof ServerStartException s
                  ? s.getMessage()
                  : e.getCause().toString();
          System.err.println("✗ " + components.get(i).id() + ": " + reason);
        }
      }
      return ok;
    }
  }

  private ManagedProcess startOne(Stack stack, LocalWriteKey apiKey, Component component) {
    System.out.println("  starting " + component.id() + " (log: " + stack.log(component) + ")");
    ManagedProcess process = component.start(stack, apiKey, bind);
    stack.pidFile(component).write(process.handle());
    System.out.println("✓ " + component.id() + " ready at " + component.url());
    return process;
  }
}
