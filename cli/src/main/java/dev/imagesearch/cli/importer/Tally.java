package dev.imagesearch.cli.importer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Counts outcomes as they arrive from the upload threads. */
final class Tally {
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger duplicate = new AtomicInteger();
  private final AtomicInteger rejected = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicLong bytesSent = new AtomicLong();
  private final ConcurrentLinkedQueue<Outcome> problems = new ConcurrentLinkedQueue<>();
  private final Set<String> storedIds = ConcurrentHashMap.newKeySet();

  void record(Outcome outcome) {
    switch (outcome.status()) {
      case ACCEPTED -> accepted.incrementAndGet();
      case DUPLICATE -> duplicate.incrementAndGet();
      case REJECTED -> rejected.incrementAndGet();
      case FAILED -> failed.incrementAndGet();
    }
    if (outcome.status() != Outcome.Status.FAILED) {
      bytesSent.addAndGet(outcome.file().size());
    }
    if (outcome.id() != null
        && (outcome.status() == Outcome.Status.ACCEPTED
            || outcome.status() == Outcome.Status.DUPLICATE)) {
      storedIds.add(outcome.id());
    }
    if (outcome.status() == Outcome.Status.REJECTED || outcome.status() == Outcome.Status.FAILED) {
      problems.add(outcome);
    }
  }

  /** The ids the server gave the files it stored, now or before (duplicates). */
  Set<String> storedIds() {
    return Set.copyOf(storedIds);
  }

  int accepted() {
    return accepted.get();
  }

  int duplicate() {
    return duplicate.get();
  }

  int rejected() {
    return rejected.get();
  }

  int failed() {
    return failed.get();
  }

  int done() {
    return accepted() + duplicate() + rejected() + failed();
  }

  /** Bytes of the files the server answered for (accepted, duplicate or rejected). */
  long bytesSent() {
    return bytesSent.get();
  }

  /** Rejected or failed files, in path order. */
  List<Outcome> problems(Outcome.Status status) {
    List<Outcome> list = new ArrayList<>();
    for (Outcome o : problems) {
      if (o.status() == status) {
        list.add(o);
      }
    }
    list.sort(Comparator.comparing(o -> o.file().relative()));
    return list;
  }
}
