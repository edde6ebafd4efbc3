package org.etdremediator.ledger;

import static org.etdremediator.ledger.ConvictionJson.instant;
import static org.etdremediator.ledger.ConvictionJson.parseInstant;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The JSON forms of the state records. Journal lines carry a {@code type} so that each line can be
 * read on its own.
 */
final class StateJson {

  static final String REMEDIATED = "remediated";
  static final String PENDING = "pending";
  static final String FAILED = "failed";

  private StateJson() {}

  static JsonObject remediation(Remediation r) {
    return new JsonObject()
        .put("type", REMEDIATED)
        .put("etdId", r.etdId())
        .put("at", instant(r.at()))
        .put("verdict", r.verdict())
        .put("action", r.action())
        .put("smaStatus", r.smaStatus())
        .put("attempts", r.attempts());
  }

  static Remediation remediation(JsonObject json) {
    return new Remediation(
        required(json, "etdId"),
        parseInstant(required(json, "at")),
        json.getString("verdict", ""),
        json.getString("action", ""),
        json.getInteger("smaStatus", 0),
        json.getInteger("attempts", 0));
  }

  static JsonObject pending(PendingItem p) {
    return new JsonObject()
        .put("type", PENDING)
        .put("conviction", ConvictionJson.toJson(p.conviction()))
        .put("firstSeenAt", instant(p.firstSeenAt()))
        .put("attempts", p.attempts())
        .put("lastAttemptAt", instant(p.lastAttemptAt()))
        .put("lastError", p.lastError());
  }

  static PendingItem pending(JsonObject json) {
    return new PendingItem(
        ConvictionJson.fromJson(requiredObject(json, "conviction")),
        parseInstant(required(json, "firstSeenAt")),
        json.getInteger("attempts", 0),
        parseInstant(json.getString("lastAttemptAt")),
        json.getString("lastError"));
  }

  static JsonObject failed(FailedItem f) {
    return new JsonObject()
        .put("type", FAILED)
        .put("conviction", ConvictionJson.toJson(f.conviction()))
        .put("failedAt", instant(f.failedAt()))
        .put("attempts", f.attempts())
        .put("reason", f.reason());
  }

  static FailedItem failed(JsonObject json) {
    return new FailedItem(
        ConvictionJson.fromJson(requiredObject(json, "conviction")),
        parseInstant(required(json, "failedAt")),
        json.getInteger("attempts", 0),
        json.getString("reason", ""));
  }

  static JsonObject checkpoint(Checkpoint c) {
    return new JsonObject()
        .put("version", 1)
        .put("searchedUntil", instant(c.searchedUntil()))
        .put("lastRetroScanAt", instant(c.lastRetroScanAt()))
        .put("quotaDay", c.quotaDay() == null ? null : c.quotaDay().toString())
        .put("quotaUsed", c.quotaUsed())
        .put("lastCycle", c.lastCycle() == null ? null : cycle(c.lastCycle()));
  }

  static Checkpoint checkpoint(JsonObject json) {
    String day = json.getString("quotaDay");
    JsonObject cycle = json.getJsonObject("lastCycle");
    return new Checkpoint(
        parseInstant(json.getString("searchedUntil")),
        parseInstant(json.getString("lastRetroScanAt")),
        day == null ? null : LocalDate.parse(day),
        json.getInteger("quotaUsed", 0),
        cycle == null ? null : cycle(cycle));
  }

  static JsonObject cycle(CycleSummary s) {
    return new JsonObject()
        .put("startedAt", instant(s.startedAt()))
        .put("finishedAt", instant(s.finishedAt()))
        .put("found", s.found())
        .put("remediated", s.remediated())
        .put("skipped", s.skipped())
        .put("pending", s.pending())
        .put("failed", s.failed())
        .put("ok", s.ok())
        .put("error", s.error());
  }

  static CycleSummary cycle(JsonObject json) {
    return new CycleSummary(
        parseInstant(json.getString("startedAt")),
        parseInstant(json.getString("finishedAt")),
        json.getInteger("found", 0),
        json.getInteger("remediated", 0),
        json.getInteger("skipped", 0),
        json.getInteger("pending", 0),
        json.getInteger("failed", 0),
        json.getBoolean("ok", false),
        json.getString("error"));
  }

  private static String required(JsonObject json, String key) {
    return Objects.requireNonNull(json.getString(key), () -> "missing \"" + key + "\"");
  }

  private static JsonObject requiredObject(JsonObject json, String key) {
    return Objects.requireNonNull(json.getJsonObject(key), () -> "missing \"" + key + "\"");
  }
}
