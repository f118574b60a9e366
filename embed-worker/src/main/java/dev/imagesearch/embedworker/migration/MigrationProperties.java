package dev.imagesearch.embedworker.migration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The model migration's coordinator ({@code imagesearch.worker.migration.*}).
 *
 * @param pageSize images read from the source index, published and checkpointed at a time: the most
 *     the coordinator holds in memory
 * @param lease how long a coordinator that stopped answering keeps the job before another worker
 *     takes it over; it renews it at least every third of this
 * @param tick how often every worker looks at the migration (start it, consume its topic or not)
 */
@Validated
@ConfigurationProperties("imagesearch.worker.migration")
public record MigrationProperties(
    @DefaultValue("1000") @Min(1) @Max(10000) int pageSize,
    @DefaultValue("30s") @NotNull @DurationMin(seconds = 3) Duration lease,
    @DefaultValue("2s") @NotNull @DurationMin(millis = 100) Duration tick) {}
