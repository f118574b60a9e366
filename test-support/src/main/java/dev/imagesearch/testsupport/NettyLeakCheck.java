package dev.imagesearch.testsupport;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reported a leaked buffer while it ran. Netty only logs leaks, and
 * only once the leaked buffer is garbage-collected, so after each class this collects garbage and
 * then lets Netty look. Registered for every test through JUnit's extension auto-detection (the
 * parent pom turns it on, with {@code io.netty.leakDetection.level=paranoid}).
 */
public final class NettyLeakCheck implements BeforeAllCallback, AfterAllCallback {
  private static final List<String> leaks = new ArrayList<>();

  static {
    ByteBufUtil.setLeakListener(
        (resourceType, records) -> {
          synchronized (leaks) {
            leaks.add(resourceType + " leaked; its last accesses:" + records);
          }
        });
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    // The static block above is what matters: the listener is in place before the first test.
  }

  @Override
  public void afterAll(ExtensionContext context) throws InterruptedException {
    List<String> found = collect();
    if (!found.isEmpty()) {
      throw new AssertionError(
          found.size()
              + " Netty buffer leak(s) while "
              + context.getDisplayName()
              + " ran (a ByteBuf was garbage-collected without release()). A WebTestClient"
              + " answer whose body the test never reads is one (spring-framework#36050): read it,"
              + " with expectBody() at least.\n"
              + String.join("\n\n", found));
    }
  }

  /** Leaks show once their buffers are collected and Netty next tracks a buffer. */
  static List<String> collect() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(20);
      ByteBufAllocator.DEFAULT.buffer(1).release();
    }
    synchronized (leaks) {
      List<String> found = List.copyOf(leaks);
      leaks.clear();
      return found;
    }
  }
}
