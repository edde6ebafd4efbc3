package org.etdremediator.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Turns the config file's text into JSON. A key written twice in one mapping is a problem: YAML
 * would silently keep the last one, and with a section the keys of the first would be lost.
 */
final class YamlTree {
  static final String NOT_TEXT =
      "is not a YAML text file (give the path of the config, e.g. "
          + ConfigLoader.DEFAULT_PATH
          + ")";

  private static final String NOT_MAPPING =
      "not a YAML mapping (write sections such as etd: and sma: at the top level)";

  private YamlTree() {}

  /**
   * @param name the file's name, the key of any problem with the document as a whole
   * @throws InvalidConfigException when the text is not a YAML mapping or repeats a key
   */
  static JsonObject parse(String name, String text) {
    Tree tree = new Tree(new LoaderOptions());
    Node root;
    try {
      root = new Yaml(tree).compose(new StringReader(text));
    } catch (ReaderException e) {
      throw problem(name, NOT_TEXT);
    } catch (MarkedYAMLException e) {
      throw problem(name, syntax(e));
    } catch (YAMLException e) {
      throw problem(name, "not valid YAML (check the file's syntax)");
    }
    if (root == null) {
      // Empty, or nothing but comments: no settings, judged like an empty mapping.
      return new JsonObject();
    }
    if (!(root instanceof MappingNode mapping)) {
      throw problem(name, NOT_MAPPING);
    }

    Map<ConfigProblem, Integer> duplicates = new LinkedHashMap<>();
    findDuplicates(mapping, "", duplicates, Collections.newSetFromMap(new IdentityHashMap<>()));
    if (!duplicates.isEmpty()) {
      // In the order of the file, by where each key first appears.
      throw new InvalidConfigException(
          duplicates.entrySet().stream()
              .sorted(Map.Entry.comparingByValue())
              .map(Map.Entry::getKey)
              .toList());
    }
    try {
      return json(tree.construct(root));
    } catch (MarkedYAMLException e) {
      throw problem(name, syntax(e));
    } catch (YAMLException e) {
      throw problem(name, "not valid YAML (check the file's syntax)");
    }
  }

  private static InvalidConfigException problem(String name, String message) {
    return new InvalidConfigException(new ConfigProblem(name, message));
  }

  // The parser's own messages quote the offending line, which may hold a secret; only its
  // description of the problem and the position are kept.
  private static String syntax(MarkedYAMLException e) {
    Mark mark = e.getProblemMark();
    String where =
        mark == null
            ? ""
            : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    return "not valid YAML" + where + ": " + e.getProblem() + " (fix the syntax there)";
  }

  private static void findDuplicates(
      Node node, String path, Map<ConfigProblem, Integer> out, Set<Node> seen) {
    // An alias shares its anchor's node; each node is looked at once, which also ends recursion.
    if (!seen.add(node)) {
      return;
    }
    if (node instanceof SequenceNode sequence) {
      List<Node> items = sequence.getValue();
      for (int i = 0; i < items.size(); i++) {
        findDuplicates(items.get(i), path + "[" + i + "]", out, seen);
      }
      return;
    }
    if (!(node instanceof MappingNode mapping)) {
      return;
    }
    Map<String, List<Integer>> lines = new LinkedHashMap<>();
    for (NodeTuple entry : mapping.getValue()) {
      if (entry.getKeyNode() instanceof ScalarNode key) {
        String dotted = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
        lines.computeIfAbsent(dotted, k -> new ArrayList<>()).add(line(key));
        findDuplicates(entry.getValueNode(), dotted, out, seen);
      }
    }
    lines.forEach(
        (key, at) -> {
          if (at.size() > 1) {
            out.put(new ConfigProblem(key, repeated(at)), at.get(0));
          }
        });
  }

  private static String repeated(List<Integer> lines) {
    List<String> numbers = lines.stream().map(String::valueOf).toList();
    String where =
        String.join(", ", numbers.subList(0, numbers.size() - 1))
            + " and "
            + numbers.get(numbers.size() - 1);
    String times = lines.size() == 2 ? "twice" : lines.size() + " times";
    return "given " + times + ", on lines " + where + " (keep one; YAML would use only the last)";
  }

  private static int line(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  @SuppressWarnings("unchecked")
  private static JsonObject json(Object value) {
    JsonObject out = new JsonObject();
    ((Map<Object, Object>) value).forEach((k, v) -> out.put(String.valueOf(k), jsonValue(v)));
    return out;
  }

  private static Object jsonValue(Object value) {
    if (value instanceof Map<?, ?>) {
      return json(value);
    }
    if (value instanceof List<?> items) {
      JsonArray out = new JsonArray();
      items.forEach(i -> out.add(jsonValue(i)));
      return out;
    }
    if (value instanceof Date date) {
      return date.toInstant();
    }
    return value;
  }

  /** SnakeYAML's safe constructor, opened up to build a document from an already composed node. */
  private static final class Tree extends SafeConstructor {
    Tree(LoaderOptions options) {
      super(options);
    }

    Object construct(Node root) {
      return constructDocument(root);
    }
  }
}
