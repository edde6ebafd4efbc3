package org.etdremediator.net;

/** Hears of every HTTP call a client sends: the status of its answer, or 0 when none came. */
@FunctionalInterface
public interface CallListener {
  CallListener NONE = status -> {};

  void answered(int status);
}
