package org.etdremediator.agent;

/** Counts of what one cycle did, for its summary line and saved record. */
final class Tally {
  int found;
  int known;
  int remediated;
  int skipped;
  int pending;
  int failed;
  int dryRun;
  int pages;

  void add(Remediator.Outcome outcome) {
    switch (outcome) {
      case REMEDIATED -> remediated++;
      case PENDING -> pending++;
      case FAILED -> failed++;
      case DRY_RUN -> dryRun++;
    }
  }

  @Override
  public String toString() {
    String text =
        "found "
            + found
            + " (already remediated "
            + known
            + "), remediated "
            + remediated
            + ", skipped "
            + skipped
            + ", pending "
            + pending
            + ", failed "
            + failed;
    return dryRun > 0 ? text + ", dry-run " + dryRun : text;
  }
}
