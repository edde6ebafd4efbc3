package org.etdremediator.sma;

import java.time.Instant;
import java.util.List;

/**
 * What SMA message tracking knows of a message: the ESA's message ids, the serial of the ESA that
 * handled it, and when it was sent (null when tracking's time could not be read).
 */
public record TrackingHit(List<Long> mids, String serialNumber, Instant sentAt) {
  public TrackingHit {
    mids = List.copyOf(mids);
  }
}
