package dev.imagesearch.cli.stack;

final class Urls {
  private Urls() {}

  static void print() {
    System.out.println();
    System.out.println("  Search page and API:  " + Component.SEARCH_API.url() + "/");
    System.out.println("  Upload API:           " + Component.INGEST_SERVICE.url() + "/");
    System.out.println(
        "  Worker health:        " + Component.EMBED_WORKER.url() + "/actuator/health");
    System.out.println("  Elasticsearch:        " + Component.ELASTICSEARCH.url());
    System.out.println("  Kafka:                " + Component.KAFKA.url());
    System.out.println("  S3 store:             " + Component.S3.url());
    System.out.println();
    System.out.println("  ./imagesearch status | logs [component] | down");
  }
}
