package dev.imagesearch.embedding.engine;

import ai.djl.Device;

/**
 * Process-wide DJL defaults, applied before the PyTorch engine starts: offline (libtorch comes from
 * the pytorch-native jar, nothing is downloaded), and intra-/inter-op thread counts. Explicit
 * system properties always win.
 *
 * <p>The cores are shared out between the predictors ({@link TorchScript#poolSize()}): 2 predictors
 * x 1 intra-op thread on 2 cores gave 1.3x the images/s of 1 x 2 in bf16 (the same in fp32) in the
 * library, and 1.3x (fp32) to 1.6x (bf16) in the worker end to end (docs/benchmarks.md, "Threads"),
 * as two passes at once keep both cores busy through each other's single-threaded parts.
 */
public final class Djl {
  private Djl() {}

  /** Sets DJL system-property defaults once; call before the first DJL use. */
  public static synchronized void configure() {
    setDefault("ai.djl.offline", "true");
    int cores = Runtime.getRuntime().availableProcessors();
    setDefault(
        "ai.djl.pytorch.num_threads", String.valueOf(Math.max(1, cores / TorchScript.poolSize())));
    setDefault("ai.djl.pytorch.num_interop_threads", "1");
  }

  /** The device named by {@code imagesearch.device} ({@code cpu} or {@code gpu}), default cpu. */
  public static Device device() {
    String name = System.getProperty("imagesearch.device", System.getenv("IMAGESEARCH_DEVICE"));
    if (name == null || name.isBlank() || name.equalsIgnoreCase("cpu")) {
      return Device.cpu();
    }
    if (name.equalsIgnoreCase("gpu") || name.equalsIgnoreCase("cuda")) {
      return Device.gpu();
    }
    return Device.fromName(name);
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
