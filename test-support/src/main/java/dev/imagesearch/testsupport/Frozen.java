package dev.imagesearch.testsupport;

import dev.imagesearch.localstack.ManagedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A server frozen with SIGSTOP: it keeps its sockets open and accepts connections into the kernel's
 * backlog, but answers nothing, as a hung store or a stop-the-world pause does. Closing it sends
 * SIGCONT, so a failed assertion never leaves the server frozen for the next test.
 */
public final class Frozen {
  private final ManagedProcess process;

  private Frozen(ManagedProcess process) {
    this.process = process;
  }

  public static Frozen freeze(ManagedProcess process) {
    signal(process, "STOP");
    return new Frozen(process);
  }

  /** SIGCONT: the server goes on where it stopped. */
  public void thaw() {
    signal(process, "CONT");
  }

  private static void signal(ManagedProcess process, String signal) {
    try {
      int exit =
          new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
              .inheritIO()
              .start()
              .waitFor();
      if (exit != 0) {
        throw new IllegalStateException(
            "kill -" + signal + " " + process.pid() + " exited with " + exit);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling " + process.name(), e);
    }
  }
}
