package dev.imagesearch.index;

/**
 * The models whose vectors an index holds, as {@code name@version}. An index is created for one
 * pair and never receives vectors of another.
 */
public record ModelVersions(String vgg16, String clip) {}
