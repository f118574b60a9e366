package dev.imagesearch.localstack;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;

/** Elasticsearch refuses to run as root, so when we are root it runs as nobody. */
final class Unprivileged {
  private static final List<String> SETPRIV =
      List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--");

  private Unprivileged() {}

  static boolean runningAsRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  static List<String> command(List<String> command) {
    if (!runningAsRoot()) {
      return command;
    }
    List<String> wrapped = new ArrayList<>(SETPRIV);
    wrapped.addAll(command);
    return wrapped;
  }

  /** Gives nobody the directories the server writes, and checks that it can reach them. */
  static void handOver(Path... dirs) {
    if (!runningAsRoot()) {
      return;
    }
    try {
      UserPrincipalLookupService lookup =
          Path.of("/").getFileSystem().getUserPrincipalLookupService();
      UserPrincipal nobody = lookup.lookupPrincipalByName("nobody");
      GroupPrincipal nogroup = lookup.lookupPrincipalByGroupName("nogroup");
      for (Path dir : dirs) {
        Files.walkFileTree(dir, new Chown(nobody, nogroup));
        requireReachable(dir);
      }
    } catch (IOException e) {
      throw new ServerStartException("could not hand " + List.of(dirs) + " to user nobody", e);
    }
  }

  private static void requireReachable(Path dir) throws IOException {
    List<String> probe = new ArrayList<>(SETPRIV);
    probe.addAll(List.of("test", "-w", dir.toString()));
    try {
      if (new ProcessBuilder(probe).inheritIO().start().waitFor() != 0) {
        throw new ServerStartException(
            "Elasticsearch refuses to run as root, so imagesearch runs it as user 'nobody', who cannot"
                + " reach "
                + dir
                + ". Put the checkout where every user can read it (not under /root), or run as a"
                + " normal user.");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServerStartException("interrupted", e);
    }
  }

  private static final class Chown extends SimpleFileVisitor<Path> {
    private final UserPrincipal user;
    private final GroupPrincipal group;

    Chown(UserPrincipal user, GroupPrincipal group) {
      this.user = user;
      this.group = group;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
        throws IOException {
      return visitFile(dir, attrs);
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
      PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
      view.setOwner(user);
      view.setGroup(group);
      return FileVisitResult.CONTINUE;
    }
  }
}
