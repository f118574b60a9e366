package dev.imagesearch.cli.chaos;

/** One file the harness sends: its name in the upload and its bytes. */
record Sample(String name, byte[] bytes) {}
