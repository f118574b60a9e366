package dev.imagesearch.embedworker;

import dev.imagesearch.storage.ImageStore;
import org.springframework.boot.SpringApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The worker, except that fetching the original of the image named by {@code --test.halt-on=ID}
 * halts the JVM at once, as an OOM kill would: a poison image for CrashLoopTest.
 */
public final class HaltingWorker {
  private HaltingWorker() {}

  public static void main(String[] args) {
    SpringApplication.run(new Class<?>[] {EmbedWorkerApplication.class, Halt.class}, args);
  }

  /** Not a @Configuration: component scanning would then add it to every test's worker. */
  static class Halt {
    @Bean
    static S3FetchHook haltOnPoison(Environment environment) {
      String poison = ImageStore.originalKey(environment.getRequiredProperty("test.halt-on"));
      return new S3FetchHook(
          key -> {
            if (key.equals(poison)) {
              System.out.println("HaltingWorker: fetching the poison image, halting");
              Runtime.getRuntime().halt(137);
            }
          });
    }
  }
}
