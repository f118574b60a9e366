package dev.imagesearch.ingestservice.reconcile;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The reconciler, which announces originals whose upload never reached Kafka.
 *
 * @param gracePeriod how old an original without a "published" marker must be before it counts as
 *     orphaned; longer than an upload takes to store, announce and mark (S3 call timeout, Kafka's
 *     30 s, S3 again), or uploads still under way are announced twice (harmless, but work). A pass
 *     runs this long after the start and after the last failed upload.
 * @param interval the most time between two passes of one replica, for orphans no upload here saw
 *     fail; each pass lists the whole bucket, two LIST calls per 1,000 images
 */
@Validated
@ConfigurationProperties("imagesearch.reconciler")
public record ReconcilerProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("2m") Duration gracePeriod,
    @DefaultValue("1h") Duration interval) {

  public ReconcilerProperties {
    requirePositive(gracePeriod, "grace-period", "2m");
    requirePositive(interval, "interval", "1h");
  }

  private static void requirePositive(Duration value, String name, String example) {
    if (value == null || !value.isPositive()) {
      throw new IllegalArgumentException(
          "imagesearch.reconciler."
              + name
              + " must be a positive duration (for example "
              + example
              + "), not "
              + value
              + ". To turn the reconciler off, set imagesearch.reconciler.enabled=false.");
    }
  }
}
