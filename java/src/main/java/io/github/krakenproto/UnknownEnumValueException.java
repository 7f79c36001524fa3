package io.github.krakenproto;

import java.util.List;

/**
 * A GraphQL value, number or proto name that is not a value of the enum it was given for (Python:
 * {@code UnknownEnumValueError}, a {@code ValueError}): the zero value ({@code *_UNSPECIFIED}, which has no
 * GraphQL value), a number a newer producer added, or a string that is not documented (matching is exact
 * and case-sensitive). An {@link IllegalArgumentException}, so that code already catching bad input keeps
 * working. The message is the Python package's, character for character.
 */
public final class UnknownEnumValueException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String enumName;
  private final transient Object input;
  private final String reason;
  private final List<String> suggestions;

  UnknownEnumValueException(String enumName, Object input, String reason, List<String> suggestions) {
    super(describe(input) + " is not a value of " + enumName + ": " + reason + hint(suggestions));
    this.enumName = enumName;
    this.input = input;
    this.reason = reason;
    this.suggestions = List.copyOf(suggestions);
  }

  private static String describe(Object input) {
    return input instanceof String text ? PythonText.repr(text) : String.valueOf(input);
  }

  private static String hint(List<String> suggestions) {
    if (suggestions.isEmpty()) {
      return "";
    }
    return "; closest: " + String.join(", ", suggestions.stream().map(PythonText::repr).toList());
  }

  /** The enum's GraphQL name. */
  public String enumName() {
    return enumName;
  }

  /** The input as given: a {@code String} (a GraphQL value or proto name) or an {@code Integer} (a number). */
  public Object input() {
    return input;
  }

  /** Why it is not a value, without the input and the suggestions. */
  public String reason() {
    return reason;
  }

  /** The closest documented values (or proto names), best first; at most three. */
  public List<String> suggestions() {
    return suggestions;
  }
}
