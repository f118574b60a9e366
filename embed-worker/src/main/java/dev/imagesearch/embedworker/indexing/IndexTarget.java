package dev.imagesearch.embedworker.indexing;

import dev.imagesearch.embedworker.WorkerProperties;
import dev.imagesearch.index.ImageDeletions;
import dev.imagesearch.index.ImageIndexVersions;
import dev.imagesearch.index.ImageIndexVersions.IndexVersion;
import dev.imagesearch.index.IndexProperties;
import dev.imagesearch.index.ModelVersions;
import dev.imagesearch.index.SearchIndex;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The index version this worker writes: the one made for the models it loaded. On a fresh cluster
 * that is {@code images-v1}, created behind the alias. When the alias serves other models, it is
 * found or created as the next version, without the alias, and a model migration fills it
 * (docs/decisions/0027-model-migration.md). The listeners need this bean, so nothing is consumed
 * before the target is known, and models that failed to load never get here.
 */
@Component
public class IndexTarget {
  private static final Logger log = LoggerFactory.getLogger(IndexTarget.class);
  // Deletions go to every version; a version created meanwhile is seen within this time, and its
  // migration checks tombstones anyway.
  private static final Duration VERSIONS_CACHE = Duration.ofSeconds(5);

  private final ImageIndexVersions versions;
  private final IndexVersion target;
  private final IndexVersion servingAtStart;
  private final ImageDeletions deletions;
  private volatile List<String> all;
  private volatile long allReadAt;

  IndexTarget(
      SearchIndex index, ModelVersions models, IndexProperties properties, WorkerProperties worker)
      throws InterruptedException, ExecutionException, TimeoutException {
    this.versions = index.versions();
    Optional<IndexVersion> serving = versions.serving();
    if (serving.isEmpty()) {
      index.ensureExists(models);
      serving = versions.serving();
    }
    this.servingAtStart =
        serving.orElseThrow(
            () ->
                new IllegalStateException("The alias was not created; is Elasticsearch healthy?"));
    this.target =
        models.equals(servingAtStart.models()) ? servingAtStart : versions.findOrCreate(models);
    this.deletions = new ImageDeletions(index.client(), worker.requestTimeout());
    deletions.ensureExists(properties.replicas());
    index.migrations().ensureExists(properties.replicas());
    if (!target.equals(servingAtStart)) {
      log.warn(
          "The serving index {} holds vectors of {}, this worker loaded {}: it writes {}, which a"
              + " model migration fills from the stored originals before the alias moves to it.",
          servingAtStart.name(),
          servingAtStart.models(),
          models,
          target.name());
    }
  }

  /** The concrete index this worker writes. */
  public String name() {
    return target.name();
  }

  public IndexVersion version() {
    return target;
  }

  /** The version that served when this worker started: the source of a migration into its own. */
  public IndexVersion servingAtStart() {
    return servingAtStart;
  }

  /** Every index version, read again every few seconds: a deletion must reach them all. */
  public List<String> all() {
    if (all == null || System.nanoTime() - allReadAt > VERSIONS_CACHE.toNanos()) {
      all = versions.list().stream().map(IndexVersion::name).toList();
      allReadAt = System.nanoTime();
    }
    return all;
  }

  /** The tombstones of deleted images. */
  public ImageDeletions deletions() {
    return deletions;
  }

  public ImageIndexVersions versions() {
    return versions;
  }
}
