package dev.imagesearch.embedding.model;

import java.io.IOException;
import java.nio.file.Path;

/** Where the files of a remote model directory are read from (S3 or HTTPS). */
interface RemoteSource extends AutoCloseable {
  byte[] read(String name) throws IOException;

  void download(String name, Path target) throws IOException;

  @Override
  void close();
}
