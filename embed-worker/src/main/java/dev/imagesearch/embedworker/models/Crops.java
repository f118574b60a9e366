package dev.imagesearch.embedworker.models;

import dev.imagesearch.imaging.RgbImage;

/**
 * All the models need of one image: each model's resized and centre-cropped 8-bit input (224 x 224,
 * 147 KB each). Images wait for a model batch as these, never at full resolution.
 */
public record Crops(RgbImage vgg16, RgbImage clip) {}
