package org.etdremediator.sim;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Every request a simulator received, with the status it was answered with. A route handler that
 * records the request, placed after the body is read and before faults apply.
 */
final class RequestLog {

  private static final class Entry {
    final RecordedRequest request;
    volatile int status;

    Entry(RecordedRequest request) {
      this.request = request;
    }
  }

  private final Clock clock;
  private final List<Entry> entries = new ArrayList<>();

  RequestLog(Clock clock) {
    this.clock = clock;
  }

  /** A handler that records each request routed through it as reaching {@code endpoint}. */
  Handler<RoutingContext> recorder(Endpoint endpoint) {
    return ctx -> {
      Entry entry = new Entry(capture(ctx, endpoint));
      synchronized (this) {
        entries.add(entry);
      }
      // The status is final once headers go out, and that happens before the client sees them.
      ctx.addHeadersEndHandler(v -> entry.status = ctx.response().getStatusCode());
      ctx.next();
    };
  }

  /** The requests answered with a 2xx status, in order of arrival. */
  synchronized List<RecordedRequest> accepted() {
    List<RecordedRequest> result = new ArrayList<>();
    for (Entry entry : entries) {
      if (entry.status >= 200 && entry.status < 300) {
        result.add(entry.request);
      }
    }
    return result;
  }

  /** Every request received, whatever happened to it, in order of arrival. */
  synchronized List<RecordedRequest> all() {
    List<RecordedRequest> result = new ArrayList<>();
    for (Entry entry : entries) {
      result.add(entry.request);
    }
    return result;
  }

  /** How many requests to {@code endpoint} were answered with a 2xx status. */
  synchronized int acceptedCount(Endpoint endpoint) {
    int count = 0;
    for (Entry entry : entries) {
      if (entry.request.endpoint() == endpoint && entry.status >= 200 && entry.status < 300) {
        count++;
      }
    }
    return count;
  }

  private RecordedRequest capture(RoutingContext ctx, Endpoint endpoint) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(ctx.request().headers());
    String body = ctx.body() == null || ctx.body().buffer() == null ? "" : ctx.body().asString();
    return new RecordedRequest(
        endpoint,
        ctx.request().method().name(),
        ctx.request().path(),
        headers,
        body,
        clock.instant());
  }
}
