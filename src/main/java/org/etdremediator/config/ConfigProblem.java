package org.etdremediator.config;

/**
 * One thing wrong with the config: the dotted key it concerns and what is wrong with it, ending in
 * what to write instead. Messages never quote a secret's value.
 */
public record ConfigProblem(String key, String message) {

  @Override
  public String toString() {
    return key + ": " + message;
  }
}
