package org.etdremediator.config;

import java.util.List;

/**
 * One thing wrong with the config: the dotted key it concerns and what is wrong with it, ending in
 * what to write instead. Messages never quote a secret's value.
 */
public record ConfigProblem(String key, String message) {

  @Override
  public String toString() {
    return key + ": " + message;
  }

  /** This problem with every occurrence of the given secrets masked. */
  public ConfigProblem redacted(List<String> secrets) {
    String text = message;
    for (String secret : secrets) {
      // Very short values would mask ordinary words; no real credential is that short.
      if (secret.length() >= 4) {
        text = text.replace(secret, "****");
      }
    }
    return text.equals(message) ? this : new ConfigProblem(key, text);
  }
}
