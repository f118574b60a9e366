package dev.imagesearch.embedding.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which variant of a model to run ({@code imagesearch.models.precision}): {@code fp32}, {@code
 * bf16}, {@code fp16}, or {@code auto}, which picks bf16 where the CPU has bf16 instructions
 * (measured 3-5x the images/s of fp32 there, see docs/benchmarks.md) and fp32 elsewhere, where bf16
 * would be emulated and slower; on a GPU it picks fp16, which every CUDA GPU's tensor cores run
 * (bf16 only from Ampere on).
 */
public enum Precision {
  AUTO,
  FP32,
  BF16,
  FP16;

  /** The CPU flags that give oneDNN native bf16 kernels (AVX-512 BF16, Intel AMX). */
  static final Set<String> BF16_FLAGS = Set.of("avx512_bf16", "amx_bf16");

  /** A concrete precision ({@link #FP32}, {@link #BF16} or {@link #FP16}) and why, for the log. */
  public record Choice(Precision precision, String reason) {}

  /** What this precision means for a model on the CPU of this machine (or a GPU). */
  public Choice resolve(boolean gpu) {
    if (this != AUTO) {
      return new Choice(this, "imagesearch.models.precision=" + label());
    }
    if (gpu) {
      return new Choice(FP16, "precision auto on a GPU: fp16 (tensor cores)");
    }
    return forCpuFlags(cpuFlags());
  }

  /** {@code auto}'s choice for a CPU with these flags. */
  static Choice forCpuFlags(Set<String> flags) {
    String found =
        BF16_FLAGS.stream().filter(flags::contains).sorted().collect(Collectors.joining(", "));
    return found.isEmpty()
        ? new Choice(FP32, "precision auto: the CPU has no avx512_bf16 or amx_bf16")
        : new Choice(BF16, "precision auto: the CPU has " + found);
  }

  /**
   * The name in configuration and model.json: {@code auto}, {@code fp32}, {@code bf16}, {@code
   * fp16}.
   */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The first processor's flags in /proc/cpuinfo; empty where there is none (not Linux). */
  private static Set<String> cpuFlags() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(line -> line.startsWith("flags"))
          .findFirst()
          .map(
              line ->
                  Set.copyOf(
                      Arrays.asList(line.substring(line.indexOf(':') + 1).trim().split("\\s+"))))
          .orElse(Set.of());
    } catch (IOException e) {
      return Set.of();
    }
  }
}
