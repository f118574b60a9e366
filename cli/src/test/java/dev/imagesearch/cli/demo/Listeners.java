package dev.imagesearch.cli.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** The addresses this machine's listening TCP sockets are bound to, from /proc/net/tcp and tcp6. */
final class Listeners {
  private static final String LISTEN = "0A";

  private Listeners() {}

  static List<InetAddress> on(int port) throws IOException {
    List<InetAddress> addresses = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      List<String> lines = Files.readAllLines(Path.of(table));
      for (String line : lines.subList(1, lines.size())) {
        String[] fields = line.strip().split("\\s+");
        String[] local = fields[1].split(":");
        if (fields[3].equals(LISTEN) && Integer.parseInt(local[1], 16) == port) {
          addresses.add(address(local[0]));
        }
      }
    }
    return addresses;
  }

  /** The kernel prints an address as 32-bit words, each in the machine's (little-endian) order. */
  private static InetAddress address(String hex) throws IOException {
    byte[] bytes = HexFormat.of().parseHex(hex);
    for (int word = 0; word < bytes.length; word += 4) {
      for (int i = 0; i < 2; i++) {
        byte b = bytes[word + i];
        bytes[word + i] = bytes[word + 3 - i];
        bytes[word + 3 - i] = b;
      }
    }
    return InetAddress.getByAddress(bytes);
  }
}
