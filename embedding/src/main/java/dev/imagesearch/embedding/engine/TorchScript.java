package dev.imagesearch.embedding.engine;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.imagesearch.embedding.Vectors;
import dev.imagesearch.embedding.model.LocalModel;
import dev.imagesearch.embedding.model.ModelDescriptor;
import dev.imagesearch.embedding.model.ModelDescriptor.Variant;
import dev.imagesearch.embedding.model.Precision;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loading TorchScript files once per process, and the tensor plumbing the translators share. */
public final class TorchScript {
  private static final Logger log = LoggerFactory.getLogger(TorchScript.class);

  private TorchScript() {}

  /**
   * {@code precision} for this process: {@link Precision#AUTO} resolved for the CPU, or fp16 on a
   * GPU ({@link Djl#device()}). What a remote model downloads ({@code ModelRepository.resolve}) and
   * what {@link #choose} loads both start from this.
   */
  public static Precision.Choice choice(Precision precision) {
    return precision.resolve(Djl.device().getDeviceType().equals(Device.Type.GPU));
  }

  /**
   * The variant of {@code local} to run in {@code precision} (see {@link #choice} and {@link
   * ModelDescriptor#variantFor}), logged with the reason.
   */
  public static Variant choose(LocalModel local, Precision precision) {
    ModelDescriptor descriptor = local.descriptor();
    Precision.Choice choice = choice(precision);
    Variant variant = descriptor.variantFor(choice.precision());
    if (!variant.precision().equals(choice.precision().label())) {
      log.info(
          "{} runs {} (fp32): it has no {} variant ({})",
          descriptor.id(),
          variant.file(),
          choice.precision().label(),
          choice.reason());
    } else {
      log.info(
          "{} runs {} ({}, {}): {}",
          descriptor.id(),
          variant.file(),
          variant.precision(),
          variant.memoryFormat(),
          choice.reason());
    }
    return variant;
  }

  /** Loads {@code directory/<file>} on {@link Djl#device()}. */
  public static Model load(Path directory, String file, String name) throws IOException {
    Djl.configure();
    Device device = Djl.device();
    Model model = Model.newInstance(name, device, "PyTorch");
    Map<String, Object> options = new HashMap<>();
    if (!Device.Type.CPU.equals(device.getDeviceType())) {
      options.put("mapLocation", "true");
    }
    String prefix = file.endsWith(".pt") ? file.substring(0, file.length() - 3) : file;
    try {
      model.load(directory, prefix, options);
    } catch (MalformedModelException | RuntimeException e) {
      model.close();
      throw new IOException("cannot load TorchScript " + directory.resolve(file) + ": " + e, e);
    }
    return model;
  }

  /** The marker input with which DJL calls a named method of a TorchScript module. */
  public static NDArray method(NDManager manager, String name) {
    NDArray marker = manager.create("");
    marker.setName("module_method:" + name);
    return marker;
  }

  /** Splits an [N, D] output into N L2-normalised float[D]. */
  public static List<float[]> unitRows(NDList output) {
    NDArray out = output.get(0);
    int n = Math.toIntExact(out.getShape().get(0));
    int d = Math.toIntExact(out.getShape().get(1));
    float[] all = out.toFloatArray();
    List<float[]> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      float[] row = new float[d];
      System.arraycopy(all, i * d, row, 0, d);
      rows.add(Vectors.l2Normalize(row));
    }
    return rows;
  }

  /** Predictors per model: {@code imagesearch.predictors}, default 2. */
  public static int poolSize() {
    return Integer.getInteger("imagesearch.predictors", 2);
  }
}
