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
 * @param tombstoneMargin how long a tombstone outlives the point after which no re-embed request
 *     can need it (decision 0029): more than the source's refresh, the clocks' difference between
 *     hosts and the time a coordinator may take to publish a page it read, so at least twice the
 *     lease
 * @param tombstonePurge how often every worker deletes the tombstones that expired
 */
@Validated
@ConfigurationProperties("imagesearch.worker.migration")
public record MigrationProperties(
    @DefaultValue("1000") @Min(1) @Max(10000) int pageSize,
    @DefaultValue("30s") @NotNull @DurationMin(seconds = 3) Duration lease,
    @DefaultValue("2s") @NotNull @DurationMin(millis = 100) Duration tick,
    @DefaultValue("1h") @NotNull Duration tombstoneMargin,
    @DefaultValue("10m") @NotNull @DurationMin(seconds = 1) Duration tombstonePurge) {

  public MigrationProperties {
    if (lease != null
        && tombstoneMargin != null
        && tombstoneMargin.compareTo(lease.multipliedBy(2)) < 0) {
      throw new IllegalArgumentException(
          "imagesearch.worker.migration.tombstone-margin ("
              + tombstoneMargin
              + ") must be at least twice the lease ("
              + lease
              + "): a deposed coordinator may publish a page it read that long ago, and the"
              + " tombstones of its images must still be there. The default is 1h.");
    }
  }
}
