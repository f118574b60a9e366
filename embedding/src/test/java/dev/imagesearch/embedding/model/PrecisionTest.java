package dev.imagesearch.embedding.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PrecisionTest {

  @Test
  void autoPicksBf16OnlyWhereTheCpuHasBf16Instructions() {
    assertThat(Precision.forCpuFlags(Set.of("avx2", "avx512f", "avx512_bf16")).precision())
        .isEqualTo(Precision.BF16);
    Precision.Choice amx = Precision.forCpuFlags(Set.of("avx512f", "amx_bf16", "amx_tile"));
    assertThat(amx.precision()).isEqualTo(Precision.BF16);
    assertThat(amx.reason()).contains("amx_bf16");
    Precision.Choice avx512 = Precision.forCpuFlags(Set.of("avx2", "avx512f", "avx512_vnni"));
    assertThat(avx512.precision()).isEqualTo(Precision.FP32);
    assertThat(avx512.reason()).contains("no avx512_bf16");
    assertThat(Precision.forCpuFlags(Set.of()).precision()).isEqualTo(Precision.FP32);
  }

  @Test
  void explicitPrecisionsAreKeptAndAutoOnAGpuIsFp16() {
    assertThat(Precision.FP32.resolve(false).precision()).isEqualTo(Precision.FP32);
    assertThat(Precision.BF16.resolve(false).reason())
        .isEqualTo("imagesearch.models.precision=bf16");
    assertThat(Precision.FP32.resolve(true).precision()).isEqualTo(Precision.FP32);
    Precision.Choice gpu = Precision.AUTO.resolve(true);
    assertThat(gpu.precision()).isEqualTo(Precision.FP16);
    assertThat(gpu.reason()).contains("GPU");
  }
}
