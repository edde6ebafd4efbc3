package org.etdremediator.config;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a credential written inline, as {@code ${ENV_NAME}}, or through a sibling key ending in
 * {@code File}. No message it records repeats the value, since it may be a secret.
 */
final class CredentialReader {
  private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private final ConfigSource source;

  CredentialReader(ConfigSource source) {
    this.source = source;
  }

  /**
   * The credential's text, or null after recording a problem. Reads the files it names, so call it
   * off the event loop.
   *
   * @param example a sensible file name for the hint, e.g. {@code etd-client-secret}
   */
  String read(SectionReader section, String name, String example) {
    String fileKey = name + "File";
    Object inline = section.raw(name);
    Object file = section.raw(fileKey);

    if (inline != null && file != null) {
      section.problem(name, "given twice (keep either " + name + " or " + fileKey + ")");
      return null;
    }
    if (inline == null && file == null) {
      section.missing(
          name,
          "write " + name + ": ${ENV_NAME}, or " + fileKey + ": " + example + ", or the value");
      return null;
    }
    if (file != null) {
      return fromFile(section, fileKey, file);
    }
    if (!(inline instanceof String text)) {
      section.problem(name, "expected text (put the value in quotes)");
      return null;
    }
    return fromText(section, name, text);
  }

  private String fromText(SectionReader section, String name, String text) {
    Matcher m = ENV_REFERENCE.matcher(text.trim());
    if (!m.matches()) {
      if (text.isBlank()) {
        section.problem(name, "empty (write the value, ${ENV_NAME}, or use " + name + "File)");
        return null;
      }
      // Only a whole value is substituted; "${A}b" or "${A" taken literally would be a credential
      // no one meant. The value is not repeated: it may be the secret itself.
      if (text.contains("${")) {
        section.problem(
            name,
            "holds ${ but is not one ${NAME} (write ${NAME} alone, or the value itself; a value"
                + " that really holds ${ goes in "
                + name
                + "File)");
        return null;
      }
      return text;
    }

    String variable = m.group(1);
    String value = source.environment().get(variable);
    if (value == null) {
      section.problem(
          name,
          "environment variable "
              + variable
              + " is not set (set it, e.g. in the unit's"
              + " Environment= or EnvironmentFile=)");
      return null;
    }
    if (value.isBlank()) {
      section.problem(name, "environment variable " + variable + " is empty (give it the value)");
      return null;
    }
    return value;
  }

  private String fromFile(SectionReader section, String fileKey, Object file) {
    if (!(file instanceof String name) || name.isBlank()) {
      section.problem(fileKey, "expected a file name (write e.g. " + fileKey + ": my-credential)");
      return null;
    }

    Path path = source.resolveCredential(name.trim());
    if (Files.isDirectory(path)) {
      section.problem(
          fileKey, path + " is a directory, not a file (write the path of the credential's file)");
      return null;
    }
    String content;
    try {
      content = Files.readString(path);
    } catch (NoSuchFileException e) {
      section.problem(fileKey, "no such file: " + path + " (" + whereHint() + ")");
      return null;
    } catch (AccessDeniedException e) {
      section.problem(
          fileKey, "cannot read " + path + ": permission denied (let the agent's user read it)");
      return null;
    } catch (MalformedInputException e) {
      section.problem(
          fileKey, "file " + path + " is not UTF-8 text (write the credential as text)");
      return null;
    } catch (IOException e) {
      section.problem(
          fileKey,
          "cannot read "
              + path
              + ": "
              + FileTrouble.reason(e)
              + " (check that it is a readable file)");
      return null;
    }

    String value = stripLineEnd(content);
    if (value.isBlank()) {
      section.problem(fileKey, "file " + path + " is empty (write the credential into it)");
      return null;
    }
    return value;
  }

  private String whereHint() {
    return source.credentialsDirectory() != null
        ? "relative names are looked up in $CREDENTIALS_DIRECTORY; check LoadCredential="
        : "relative names are looked up next to the config file; or give an absolute path";
  }

  // Editors and `echo` end the file with a newline that is not part of the credential.
  private static String stripLineEnd(String content) {
    int end = content.length();
    while (end > 0 && (content.charAt(end - 1) == '\n' || content.charAt(end - 1) == '\r')) {
      end--;
    }
    return content.substring(0, end);
  }

  /** Whether a raw value is written inline rather than as an environment reference. */
  static boolean isInline(Object value) {
    return value instanceof String s && !s.isBlank() && !ENV_REFERENCE.matcher(s.trim()).matches();
  }
}
