package dev.imagesearch.web;

/**
 * One file part as it arrived. Bytes past the size limit were dropped while streaming, so {@code
 * bytes} is empty when {@code tooLarge}.
 */
public record ReceivedFile(String filename, byte[] bytes, boolean tooLarge) {}
