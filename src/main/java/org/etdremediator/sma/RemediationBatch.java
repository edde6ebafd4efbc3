package org.etdremediator.sma;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.etdremediator.config.RemediationAction;

/** One remediation call: an action and the messages it applies to. */
public record RemediationBatch(
    RemediationAction action, List<String> forwardTo, List<MessageDetail> messages) {

  public RemediationBatch {
    forwardTo = List.copyOf(forwardTo);
    messages = List.copyOf(messages);
  }

  /** One element of {@code message_details}. */
  public record MessageDetail(
      List<Long> mids,
      String messageId,
      String fromEmail,
      List<String> recipients,
      String subject,
      String serialNumber,
      long sentAtEpochSeconds) {

    JsonObject toJson() {
      return new JsonObject()
          .put("mid", new JsonArray(List.copyOf(mids)))
          .put("message_id", messageId)
          .put("from_email", fromEmail.isEmpty() ? new JsonArray() : new JsonArray().add(fromEmail))
          .put("recipient_email", new JsonArray(List.copyOf(recipients)))
          .put("subject", subject)
          .put("serial_number", serialNumber)
          .put("sent_at", sentAtEpochSeconds);
    }
  }

  /** The request body, in the shape the SMA web UI sends. */
  public JsonObject toJson(String batchName, String username, String source) {
    JsonArray details = new JsonArray();
    messages.forEach(m -> details.add(m.toJson()));
    JsonObject data =
        new JsonObject()
            .put("batch_id", "")
            .put("batch_name", batchName)
            .put("batch_description", "")
            .put("initiated_username", username)
            .put("initiated_source", source)
            .put("action", action.spelling())
            .put("fwd_email_address", new JsonArray(action.forwards() ? forwardTo : List.of()))
            // The UI always sends these two values; their meaning is not documented.
            .put("folder_name", "TEST FOLDER")
            .put("report_to_talos", 0)
            .put("message_details", details);
    return new JsonObject().put("data", data);
  }
}
