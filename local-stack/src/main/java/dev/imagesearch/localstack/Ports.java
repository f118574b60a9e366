package dev.imagesearch.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback ports for the servers: fixed ones must be free, 0 means any free one. */
final class Ports {
  private Ports() {}

  static int resolve(int port, String user) {
    if (port == 0) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      } catch (IOException e) {
        throw new ServerStartException("no free port on 127.0.0.1 for " + user, e);
      }
    }
    requireFree(port, user);
    return port;
  }

  static void requireFree(int port, String user) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
    } catch (IOException e) {
      throw new ServerStartException(
          "port "
              + port
              + " is already in use, and "
              + user
              + " needs it. Stop what listens there (see: ss -ltnp 'sport = :"
              + port
              + "') or run ./imagesearch down.");
    }
  }
}
