package dev.imagesearch.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DecodeBudgetTest {
  private static final long MIB = 1 << 20;
  private static final Duration SHORT = Duration.ofMillis(100);

  @Test
  void reservesCostsUntilTheyAreGivenBack() throws Exception {
    DecodeBudget budget = new DecodeBudget(10 * MIB);
    DecodeBudget.Permit a = budget.acquire(4 * MIB, SHORT);
    DecodeBudget.Permit b = budget.acquire(4 * MIB, SHORT);
    assertThat(budget.available()).isEqualTo(2 * MIB);

    assertThatThrownBy(() -> budget.acquire(4 * MIB, SHORT))
        .isInstanceOf(DecodeBudget.Exhausted.class)
        .hasMessageContaining("4.2 MB");

    a.close();
    a.close(); // a second close gives nothing back twice
    assertThat(budget.available()).isEqualTo(6 * MIB);
    budget.acquire(4 * MIB, SHORT).close();
    b.close();
    assertThat(budget.available()).isEqualTo(10 * MIB);
  }

  @Test
  void decodesWithinAReservationThatIsGivenBackWhenTheImageIsUsed() throws Exception {
    DecodeBudget budget = new DecodeBudget(10 * MIB);
    ImageDecoder decoder = new ImageDecoder();
    byte[] png = DecodeCostTest.write(new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB), "png");

    long held = budget.decode(decoder, png, SHORT, image -> 10 * MIB - budget.available());
    assertThat(held).isEqualTo((decoder.cost(png) + 1023) / 1024 * 1024);
    assertThat(budget.available()).isEqualTo(10 * MIB);

    assertThatThrownBy(
            () ->
                budget.decode(
                    decoder,
                    png,
                    SHORT,
                    image -> {
                      throw new IllegalStateException("used " + image.width());
                    }))
        .hasMessage("used 64");
    assertThat(budget.available()).isEqualTo(10 * MIB);
    assertThatThrownBy(() -> budget.decode(decoder, new byte[] {1, 2, 3}, SHORT, image -> image))
        .isInstanceOf(ImageDecodeException.class);
    assertThat(budget.available()).isEqualTo(10 * MIB);
  }

  @Test
  void costsAreRoundedUpToWholeKibibytes() throws Exception {
    DecodeBudget budget = new DecodeBudget(4096);
    DecodeBudget.Permit permit = budget.acquire(1025, SHORT);
    assertThat(budget.available()).isEqualTo(2048);
    permit.close();
  }

  @Test
  void anImageCostlierThanTheWholeBudgetWaitsAndThenRunsAlone() throws Exception {
    DecodeBudget budget = new DecodeBudget(10 * MIB);
    DecodeBudget.Permit small = budget.acquire(1 * MIB, SHORT);
    CompletableFuture<DecodeBudget.Permit> huge =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return budget.acquire(100 * MIB, Duration.ofSeconds(10));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(200);
    assertThat(huge).as("waits while anything else is decoding").isNotDone();

    small.close();
    DecodeBudget.Permit alone = huge.get(5, TimeUnit.SECONDS);
    assertThat(budget.available()).isZero();
    assertThatThrownBy(() -> budget.acquire(1, SHORT)).isInstanceOf(DecodeBudget.Exhausted.class);
    alone.close();
    assertThat(budget.available()).isEqualTo(10 * MIB);
  }

  /** Eight threads reserving random costs never hold more than the budget together. */
  @Test
  void concurrentDecodesNeverExceedTheBudget() throws Exception {
    long total = 64 * MIB;
    DecodeBudget budget = new DecodeBudget(total);
    AtomicLong held = new AtomicLong();
    AtomicLong peak = new AtomicLong();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        Random random = new Random(t);
        done.add(
            threads.submit(
                () -> {
                  for (int i = 0; i < 200; i++) {
                    long cost = (1 + random.nextInt(24)) * MIB;
                    DecodeBudget.Permit permit = budget.acquire(cost, Duration.ofSeconds(30));
                    try {
                      peak.accumulateAndGet(held.addAndGet(cost), Math::max);
                      // Hold it as a decode would, long enough for other threads to reserve too;
                      // a spin let them run one after another on a quiet machine.
                      Thread.sleep(1);
                    } finally {
                      held.addAndGet(-cost);
                      permit.close();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(peak.get()).isLessThanOrEqualTo(total);
    assertThat(peak.get()).as("several decodes did overlap").isGreaterThan(24 * MIB);
    assertThat(budget.available()).isEqualTo(total);
  }

  @Test
  void theHeapFractionIsValidated() {
    assertThat(DecodeBudget.ofHeap(0.5).bytes())
        .isEqualTo((long) (Runtime.getRuntime().maxMemory() * 0.5));
    assertThatThrownBy(() -> DecodeBudget.ofHeap(0)).hasMessageContaining("(0, 1]");
    assertThatThrownBy(() -> DecodeBudget.ofHeap(1.5)).hasMessageContaining("(0, 1]");
  }
}
