package io.github.krakenproto;

/**
 * Everything the contract says about one non-zero value of a Kraken enum (the names of
 * docs/architecture.md's vocabulary; Python: {@code ValueInfo}).
 *
 * @param number the proto number, fixed once released
 * @param protoName the proto value name ({@code ACCOUNT_STATUS_ACTIVE})
 * @param graphqlValue the exact documented GraphQL string, case included ({@code Cancelled})
 * @param description upstream's description of the value ({@code ""} when upstream gives none)
 * @param deprecated whether the value is deprecated (it still converts, so that old data reads)
 * @param deprecationReason why it is deprecated ({@code ""} when it is not)
 */
public record ValueInfo(int number, String protoName, String graphqlValue, String description, boolean deprecated, String deprecationReason) {}
