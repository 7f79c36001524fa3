package io.github.krakenproto;

import java.util.List;

/**
 * A name given to {@link KrakenProto#get(String)} that names none of the Kraken enums (Python:
 * {@code UnknownEnumError}). Unchecked: a wrong name is a programming error, not a condition to recover from.
 */
public final class UnknownEnumException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final List<String> suggestions;

  UnknownEnumException(String key, List<String> suggestions) {
    super(PythonText.repr(key) + " is not a Kraken enum (give a GraphQL name or a full proto name)" + hint(suggestions));
    this.key = key;
    this.suggestions = List.copyOf(suggestions);
  }

  private static String hint(List<String> suggestions) {
    if (suggestions.isEmpty()) {
      return "";
    }
    return "; did you mean " + String.join(", ", suggestions.stream().map(PythonText::repr).toList()) + "?";
  }

  /** The name as given. */
  public String key() {
    return key;
  }

  /** The closest enum names (GraphQL or full names), best first; at most three. */
  public List<String> suggestions() {
    return suggestions;
  }
}
