package org.etdremediator.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class AuditLogTest {

  private static final Instant T = Instant.parse("2025-06-01T12:00:00Z");
  private static final Set<String> FIELDS =
      Set.of(
          "time",
          "etdId",
          "messageId",
          "verdict",
          "mailboxes",
          "action",
          "outcome",
          "reason",
          "smaStatus",
          "attempts",
          "secondsToRemediate");

  @TempDir Path dir;

  private static AuditEntry remediated(int n) {
    return new AuditEntry(
        T.plusSeconds(n),
        "id-" + n,
        "<m" + n + "@example.com>",
        "phishing",
        List.of("alice@corp.example"),
        "fwdDelete",
        AuditEntry.REMEDIATED,
        null,
        202,
        1,
        42.5);
  }

  @Test
  @DisplayName("every line is one JSON object with all fields, in the order appended")
  void linesAreJsonWithAllFields(Vertx vertx, VertxTestContext ctx) {
    Path file = dir.resolve("state/audit.jsonl");
    AuditEntry skipped =
        new AuditEntry(
            T,
            "id-x",
            "<x@example.com>",
            "scam",
            List.of(),
            "",
            AuditEntry.SKIPPED,
            "excluded mailbox",
            0,
            0,
            null);

    AuditLog.open(vertx, file)
        .compose(
            log -> {
              List<Future<Void>> writes = new ArrayList<>();
              for (int i = 0; i < 100; i++) {
                writes.add(log.append(remediated(i)));
              }
              writes.add(log.append(skipped));
              return Future.all(writes).compose(v -> log.close());
            })
        .onComplete(
            ctx.succeeding(
                v ->
                    ctx.verify(
                        () -> {
                          List<String> lines = Files.readAllLines(file);
                          assertEquals(101, lines.size());
                          for (int i = 0; i < 100; i++) {
                            JsonObject json = new JsonObject(lines.get(i));
                            assertEquals(FIELDS, json.fieldNames());
                            assertEquals("id-" + i, json.getString("etdId"));
                            assertEquals(T.plusSeconds(i).toString(), json.getString("time"));
                            assertEquals(42.5, json.getDouble("secondsToRemediate"));
                          }
                          JsonObject last = new JsonObject(lines.get(100));
                          assertEquals(FIELDS, last.fieldNames());
                          assertEquals("excluded mailbox", last.getString("reason"));
                          assertTrue(last.containsKey("secondsToRemediate"));
                          assertNull(last.getValue("secondsToRemediate"));
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("appending after a line torn by a crash starts on a new line")
  void appendsAfterTornLine(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path file = dir.resolve("audit.jsonl");
    Files.writeString(file, new JsonObject().put("etdId", "a").encode() + "\n{\"etdId\":\"b");

    AuditLog.open(vertx, file)
        .compose(log -> log.append(remediated(1)).compose(v -> log.close()))
        .onComplete(
            ctx.succeeding(
                v ->
                    ctx.verify(
                        () -> {
                          List<String> lines = Files.readAllLines(file);
                          assertEquals(3, lines.size());
                          assertEquals("id-1", new JsonObject(lines.get(2)).getString("etdId"));
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("an existing audit log is appended to, not replaced")
  void appends(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path file = dir.resolve("audit.jsonl");
    Files.writeString(file, "{\"etdId\":\"old\"}\n", StandardOpenOption.CREATE);

    AuditLog.open(vertx, file)
        .compose(log -> log.append(remediated(1)).compose(v -> log.close()))
        .onComplete(
            ctx.succeeding(
                v ->
                    ctx.verify(
                        () -> {
                          List<String> lines = Files.readAllLines(file);
                          assertEquals(List.of("{\"etdId\":\"old\"}"), lines.subList(0, 1));
                          assertEquals(2, lines.size());
                          ctx.completeNow();
                        })));
  }
}
