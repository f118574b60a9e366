package dev.imagesearch.embedworker.consume;

import dev.imagesearch.embedding.EmbeddingModels.Crops;
import dev.imagesearch.embedworker.exif.Exif;

/** The small parts of an image that outlive its decoding, and all that later steps need. */
record ImageParts(Crops crops, byte[] thumbnail, int width, int height, Exif exif) {}
