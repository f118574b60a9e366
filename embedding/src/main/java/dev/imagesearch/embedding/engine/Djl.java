package dev.imagesearch.embedding.engine;

import ai.djl.Device;

/**
 * Process-wide DJL defaults, applied before the PyTorch engine starts: offline (libtorch comes from
 * the pytorch-native jar, nothing is downloaded), and intra-/inter-op thread counts. Explicit
 * system properties always win.
 */
public final class Djl {
  private Djl() {}

  /** Sets DJL system-property defaults once; call before the first DJL use. */
  public static synchronized void configure() {
    setDefault("ai.djl.offline", "true");
    int cores = Runtime.getRuntime().availableProcessors();
    setDefault("ai.djl.pytorch.num_threads", String.valueOf(cores));
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
