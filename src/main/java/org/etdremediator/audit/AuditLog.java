package org.etdremediator.audit;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import org.etdremediator.ledger.AppendOnlyLog;

/**
 * The audit log, {@code audit.jsonl} in the state directory: one JSON object a line for every
 * decision on a convicted message, appended in order and synced with group commit. It holds only
 * what {@link AuditEntry} carries, which has no credentials in it.
 */
public final class AuditLog {

  public static final String FILE_NAME = "audit.jsonl";

  private final AppendOnlyLog log;

  private AuditLog(AppendOnlyLog log) {
    this.log = log;
  }

  /** Opens the log for appending, creating it and its directory when missing. */
  public static Future<AuditLog> open(Vertx vertx, Path file) {
    Context context = vertx.getOrCreateContext();
    return context.executeBlocking(
        () -> {
          Path parent = file.toAbsolutePath().getParent();
          Files.createDirectories(parent);
          return new AuditLog(new AppendOnlyLog(context, file));
        },
        false);
  }

  /** Appends the entry; the future completes when it is on disk. */
  public Future<Void> append(AuditEntry e) {
    return log.append(Buffer.buffer(toJson(e).encode()).appendByte((byte) '\n'));
  }

  /** Writes what is queued and closes the file. */
  public Future<Void> close() {
    return log.close();
  }

  /** The line written for an entry; every field is present, null when it has no value. */
  public static JsonObject toJson(AuditEntry e) {
    return new JsonObject()
        .put("time", e.time().toString())
        .put("etdId", e.etdId())
        .put("messageId", e.messageId())
        .put("verdict", e.verdict())
        .put("mailboxes", new JsonArray(new ArrayList<Object>(e.mailboxes())))
        .put("action", e.action())
        .put("outcome", e.outcome())
        .put("reason", e.reason())
        .put("smaStatus", e.smaStatus())
        .put("attempts", e.attempts())
        .put("secondsToRemediate", e.secondsToRemediate());
  }
}
