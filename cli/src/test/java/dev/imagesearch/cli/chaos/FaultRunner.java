package dev.imagesearch.cli.chaos;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Runs the faults one after another while uploads go on, spread over the import: fault k of n
 * starts once k+1 of every n+1 uploads have been sent. What it did goes to the report.
 */
final class FaultRunner implements Runnable {
  interface Restart {
    /** {@code imagesearch up}: starts whatever is not running and waits until it is healthy. */
    boolean up(String name) throws IOException, InterruptedException;
  }

  private final List<Fault> faults;
  private final Processes processes;
  private final Restart restart;
  private final IntSupplier sent;
  private final int total;
  private final PrintStream log;
  private final AtomicInteger done = new AtomicInteger();
  private final List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();

  FaultRunner(
      List<Fault> faults,
      Processes processes,
      Restart restart,
      IntSupplier sent,
      int total,
      PrintStream log) {
    this.faults = faults;
    this.processes = processes;
    this.restart = restart;
    this.sent = sent;
    this.total = total;
    this.log = log;
  }

  @Override
  public void run() {
    for (int k = 0; k < faults.size(); k++) {
      long due = (long) total * (k + 1) / (faults.size() + 1);
      try {
        while (sent.getAsInt() < due) {
          Thread.sleep(200);
        }
        apply(k, faults.get(k));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (IOException | RuntimeException e) {
        problems.add(faults.get(k) + ": " + e);
      }
      done.incrementAndGet();
    }
  }

  private void apply(int k, Fault fault) throws IOException, InterruptedException {
    long start = System.nanoTime();
    log.printf("fault %d/%d at upload %d: %s%n", k + 1, faults.size(), sent.getAsInt(), fault);
    switch (fault.action()) {
      case KILL -> processes.kill(fault.component());
      case STOP -> processes.stop(fault.component());
      case FREEZE -> processes.signal(fault.component(), "STOP");
    }
    Thread.sleep(fault.hold());
    if (fault.action() == Fault.Action.FREEZE) {
      processes.signal(fault.component(), "CONT");
    } else if (!restart.up("up-after-fault-" + (k + 1))) {
      problems.add(fault + ": imagesearch up did not bring the stack back");
    }
    log.printf(
        "fault %d/%d over after %.0f s%n", k + 1, faults.size(), (System.nanoTime() - start) / 1e9);
  }

  int done() {
    return done.get();
  }

  List<String> problems() {
    return List.copyOf(problems);
  }
}
