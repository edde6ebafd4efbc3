package org.etdremediator.config;

import java.util.List;

/** The config cannot be used. Carries every problem found, not just the first. */
public final class InvalidConfigException extends RuntimeException {
  private final transient List<ConfigProblem> problems;

  public InvalidConfigException(List<ConfigProblem> problems) {
    super(describe(problems), null, false, false);
    this.problems = List.copyOf(problems);
  }

  public InvalidConfigException(ConfigProblem problem) {
    this(List.of(problem));
  }

  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String describe(List<ConfigProblem> problems) {
    StringBuilder out = new StringBuilder();
    out.append("invalid config (")
        .append(problems.size())
        .append(problems.size() == 1 ? " problem" : " problems")
        .append("):");
    for (ConfigProblem p : problems) {
      out.append("\n  ").append(p);
    }
    return out.toString();
  }
}
