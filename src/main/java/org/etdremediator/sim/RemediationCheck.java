package org.etdremediator.sim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a remediation request body field by field. The endpoint is undocumented, so the simulator
 * accepts exactly the shape the SMA's own web UI sends and refuses everything else.
 */
final class RemediationCheck {

  private static final List<String> BATCH_FIELDS =
      List.of(
          "batch_id",
          "batch_name",
          "batch_description",
          "initiated_username",
          "initiated_source",
          "action",
          "fwd_email_address",
          "folder_name",
          "report_to_talos",
          "message_details");

  private static final List<String> MESSAGE_FIELDS =
      List.of(
          "mid",
          "message_id",
          "from_email",
          "recipient_email",
          "subject",
          "serial_number",
          "sent_at");

  private static final Set<String> ACTIONS = Set.of("delete", "forward", "fwdDelete");
  private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>,;]+@[^@\\s<>,;]+");

  private final String user;

  RemediationCheck(String user) {
    this.user = user;
  }

  /** The {@code data} object of a body that passes every check. */
  JsonObject check(JsonObject body) throws SmaRefusal {
    exactFields(body, "", List.of("data"));
    JsonObject data = object(body.getValue("data"), "data");
    exactFields(data, "data.", BATCH_FIELDS);

    string(data, "data.", "batch_id");
    nonEmptyString(data, "data.", "batch_name");
    string(data, "data.", "batch_description");
    if (!user.equals(string(data, "data.", "initiated_username"))) {
      throw new SmaRefusal("data.initiated_username: must be the user the call authenticates as");
    }
    nonEmptyString(data, "data.", "initiated_source");
    String action = string(data, "data.", "action");
    if (!ACTIONS.contains(action)) {
      throw new SmaRefusal("data.action: must be one of delete, forward, fwdDelete");
    }
    JsonArray forwardTo = addresses(data, "data.", "fwd_email_address");
    if (!action.equals("delete") && forwardTo.isEmpty()) {
      throw new SmaRefusal("data.fwd_email_address: must not be empty when action is " + action);
    }
    string(data, "data.", "folder_name");
    Object talos = data.getValue("report_to_talos");
    if (!isInteger(talos)
        || (((Number) talos).longValue() != 0 && ((Number) talos).longValue() != 1)) {
      throw new SmaRefusal("data.report_to_talos: must be the integer 0 or 1");
    }

    JsonArray details = array(data, "data.", "message_details");
    if (details.isEmpty()) {
      throw new SmaRefusal("data.message_details: must not be empty");
    }
    for (int i = 0; i < details.size(); i++) {
      String prefix = "data.message_details[" + i + "]";
      message(object(details.getValue(i), prefix), prefix + ".");
    }
    return data;
  }

  private void message(JsonObject message, String prefix) throws SmaRefusal {
    exactFields(message, prefix, MESSAGE_FIELDS);

    JsonArray mids = array(message, prefix, "mid");
    if (mids.isEmpty()) {
      throw new SmaRefusal(prefix + "mid: must not be empty");
    }
    for (Object mid : mids) {
      if (!isInteger(mid) || ((Number) mid).longValue() < 0) {
        throw new SmaRefusal(prefix + "mid: must hold non-negative integers");
      }
    }
    String messageId = string(message, prefix, "message_id");
    if (messageId.length() < 3 || !messageId.startsWith("<") || !messageId.endsWith(">")) {
      throw new SmaRefusal(prefix + "message_id: must be enclosed in angle brackets <...>");
    }
    for (Object from : array(message, prefix, "from_email")) {
      if (!(from instanceof String s) || s.isBlank()) {
        throw new SmaRefusal(prefix + "from_email: must hold non-empty strings");
      }
    }
    if (addresses(message, prefix, "recipient_email").isEmpty()) {
      throw new SmaRefusal(prefix + "recipient_email: must not be empty");
    }
    string(message, prefix, "subject");
    string(message, prefix, "serial_number");
    Object sentAt = message.getValue("sent_at");
    if (!isInteger(sentAt) || ((Number) sentAt).longValue() <= 0) {
      throw new SmaRefusal(prefix + "sent_at: must be a positive integer (epoch seconds)");
    }
  }

  private static void exactFields(JsonObject object, String prefix, List<String> fields)
      throws SmaRefusal {
    for (String name : object.fieldNames()) {
      if (!fields.contains(name)) {
        throw new SmaRefusal(prefix + name + ": unknown field");
      }
    }
    for (String name : fields) {
      if (!object.containsKey(name)) {
        throw new SmaRefusal(prefix + name + ": missing");
      }
    }
  }

  private static JsonObject object(Object value, String name) throws SmaRefusal {
    if (value instanceof JsonObject object) {
      return object;
    }
    throw new SmaRefusal(name + ": must be an object");
  }

  private static String string(JsonObject object, String prefix, String name) throws SmaRefusal {
    if (object.getValue(name) instanceof String s) {
      return s;
    }
    throw new SmaRefusal(prefix + name + ": must be a string");
  }

  private static void nonEmptyString(JsonObject object, String prefix, String name)
      throws SmaRefusal {
    if (string(object, prefix, name).isBlank()) {
      throw new SmaRefusal(prefix + name + ": must not be empty");
    }
  }

  private static JsonArray array(JsonObject object, String prefix, String name) throws SmaRefusal {
    if (object.getValue(name) instanceof JsonArray array) {
      return array;
    }
    throw new SmaRefusal(prefix + name + ": must be an array");
  }

  private static JsonArray addresses(JsonObject object, String prefix, String name)
      throws SmaRefusal {
    JsonArray array = array(object, prefix, name);
    for (Object element : array) {
      if (!(element instanceof String s) || !ADDRESS.matcher(s).matches()) {
        throw new SmaRefusal(prefix + name + ": must hold e-mail addresses, got " + element);
      }
    }
    return array;
  }

  private static boolean isInteger(Object value) {
    return value instanceof Integer || value instanceof Long;
  }
}
