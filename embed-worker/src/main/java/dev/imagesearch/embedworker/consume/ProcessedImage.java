package dev.imagesearch.embedworker.consume;

import dev.imagesearch.embedworker.consume.EventBatch.Pending;

/** One upload of a batch after the pipeline: ready to index, or failed for good. */
record ProcessedImage(Pending pending, ImagePipeline.Ready ready, PermanentFailure failure) {
  String id() {
    return pending.id();
  }
}
