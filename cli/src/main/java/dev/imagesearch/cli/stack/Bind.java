package dev.imagesearch.cli.stack;

/**
 * Where the local stack's three services listen. Loopback by default: with no read key, anyone who
 * reaches the search-api reads every image. The other parts (Elasticsearch, Kafka, S3) stay on
 * loopback either way.
 */
enum Bind {
  /** This machine only. */
  LOOPBACK("127.0.0.1"),
  /** Every interface: other machines reach the page and the APIs. */
  ALL("0.0.0.0");

  private final String address;

  Bind(String address) {
    this.address = address;
  }

  String address() {
    return address;
  }

  /** {@code --bind}'s values are the addresses themselves. */
  static Bind of(String address) {
    for (Bind bind : values()) {
      if (bind.address.equals(address)) {
        return bind;
      }
    }
    throw new IllegalArgumentException(
        "--bind is 127.0.0.1 (this machine only, the default) or 0.0.0.0 (every interface), not '"
            + address
            + "'.");
  }
}
