package dev.imagesearch.ingestservice.upload;

/**
 * One {@code file} part as it arrived. Bytes past the size limit were dropped while streaming, so
 * {@code bytes} is empty when {@code tooLarge}.
 */
record ReceivedFile(String filename, byte[] bytes, boolean tooLarge) {}
