package dev.imagesearch.cli;

import picocli.CommandLine.IVersionProvider;

final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Version.class.getPackage().getImplementationVersion();
    return new String[] {"imagesearch " + (version == null ? "(development build)" : version)};
  }
}
