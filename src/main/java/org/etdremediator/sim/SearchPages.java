package org.etdremediator.sim;

import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The page tokens the ETD search handed out. A token stands for a position in the result snapshot
 * of one query, so messages added while a client pages change nothing for it, and a page can be
 * asked for again after a lost response.
 */
final class SearchPages {

  private static final int REMEMBERED = 10_000;

  /** Where a page token points. */
  record Cursor(SearchQuery.Key query, List<JsonObject> snapshot, int offset) {}

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Cursor> cursors =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cursor> eldest) {
          return size() > REMEMBERED;
        }
      };

  /** The cursor of a token issued for the same query, or null. */
  synchronized Cursor find(String token, SearchQuery.Key query) {
    Cursor cursor = cursors.get(token);
    return cursor != null && cursor.query().equals(query) ? cursor : null;
  }

  synchronized String issue(Cursor cursor) {
    byte[] raw = new byte[18];
    random.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    cursors.put(token, cursor);
    return token;
  }
}
