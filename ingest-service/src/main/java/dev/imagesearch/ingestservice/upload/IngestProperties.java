package dev.imagesearch.ingestservice.upload;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on what one upload may be.
 *
 * @param maxFileSize larger files are refused with 413 while they stream in
 * @param maxPixels width x height read from the header, before any pixel is decoded
 * @param maxFilesPerRequest more {@code file} parts than this make the whole request a 400
 */
@Validated
@ConfigurationProperties("imagesearch.ingest")
public record IngestProperties(
    @DefaultValue("25MB") @NotNull DataSize maxFileSize,
    @DefaultValue("64000000") @Min(1) long maxPixels,
    @DefaultValue("100") @Min(1) @Max(10_000) int maxFilesPerRequest) {}
