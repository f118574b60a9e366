package dev.imagesearch.index;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What an Elasticsearch failure means, for every service that talks to the index. */
public final class IndexErrors {
  private IndexErrors() {}

  /** The alias or index does not exist yet: nothing was ever indexed, not an error for reads. */
  public static boolean indexMissing(Throwable e) {
    return type(e, "index_not_found_exception");
  }

  /** Another process created the index first: what was wanted exists. */
  public static boolean alreadyExists(Throwable e) {
    return type(e, "resource_already_exists_exception");
  }

  /** A write lost a race: the document exists, or changed since it was read. */
  public static boolean conflict(Throwable e) {
    return unwrap(e) instanceof ElasticsearchException es && es.status() == 409;
  }

  /**
   * The cluster is unreachable, overloaded or down, so the same request may succeed shortly. Any
   * other answer of the cluster (a 4xx, a 500) says the request itself failed.
   */
  public static boolean unavailable(Throwable e) {
    if (unwrap(e) instanceof ElasticsearchException es) {
      int status = es.status();
      return status == 429 || status == 502 || status == 503 || status == 504;
    }
    // Connection refused, reset, timeouts, transport errors.
    return true;
  }

  /**
   * One item of a bulk request failed for a reason of the cluster (overload, a shard not ready),
   * not of its document: the batch must be retried, not its document rejected.
   */
  public static boolean retryLater(int itemStatus) {
    return itemStatus == 429 || itemStatus >= 500;
  }

  /** The cause a future or a reactive pipeline wrapped. */
  public static Throwable unwrap(Throwable e) {
    return (e instanceof CompletionException || e instanceof ExecutionException)
            && e.getCause() != null
        ? e.getCause()
        : e;
  }

  private static boolean type(Throwable e, String type) {
    return unwrap(e) instanceof ElasticsearchException es && type.equals(es.error().type());
  }
}
