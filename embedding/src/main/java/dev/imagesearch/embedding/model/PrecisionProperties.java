package dev.imagesearch.embedding.model;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code imagesearch.models.precision}, one name for every service that loads models (each enables
 * this record): which model variant runs, see {@link Precision}.
 *
 * @param precision {@code auto} (default), {@code fp32}, {@code bf16} or {@code fp16}
 */
@ConfigurationProperties("imagesearch.models")
public record PrecisionProperties(@DefaultValue("auto") Precision precision) {

  public PrecisionProperties {
    if (precision == null) {
      throw new IllegalArgumentException(
          "imagesearch.models.precision must be auto, fp32, bf16 or fp16");
    }
  }
}
