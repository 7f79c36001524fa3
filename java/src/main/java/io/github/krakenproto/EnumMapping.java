package io.github.krakenproto;

import com.google.protobuf.DescriptorProtos.EnumOptions;
import com.google.protobuf.DescriptorProtos.EnumValueOptions;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.ProtocolMessageEnum;
import io.github.krakenproto.kraken.enums.v1.OptionsProto;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One Kraken enum's two-way mapping between proto numbers and documented GraphQL values, read once from the
 * descriptor's custom options ({@code graphql_value}, {@code graphql_name}, ...), which are the single source of
 * truth; after that each conversion is one map lookup, and only the error path does slow, helpful work. Get one
 * with {@link KrakenProto#get(String)} or {@link KrakenProto#of(EnumDescriptor)}; immutable and thread-safe.
 */
public final class EnumMapping {
  private final EnumDescriptor descriptor;
  private final String graphqlName;
  private final String enumDescription;
  private final boolean deprecated;
  private final List<ValueInfo> values; // in number order
  private final Map<Integer, ValueInfo> byNumber = new HashMap<>();
  private final Map<String, Integer> byGraphQL = new HashMap<>();
  private final Map<String, Integer> byProtoName = new HashMap<>();
  private final List<String> graphqlValues;
  private final String zeroName;

  EnumMapping(EnumDescriptor descriptor) {
    this.descriptor = descriptor;
    EnumOptions options = descriptor.getOptions();
    String name = options.getExtension(OptionsProto.graphqlName);
    this.graphqlName = name.isEmpty() ? descriptor.getName() : name;
    this.enumDescription = options.getExtension(OptionsProto.graphqlEnumDescription);
    this.deprecated = options.getDeprecated();
    List<ValueInfo> infos = new ArrayList<>();
    String zero = null;
    for (EnumValueDescriptor value : descriptor.getValues()) {
      byProtoName.put(value.getName(), value.getNumber());
      if (value.getNumber() == 0) {
        zero = value.getName();
        continue;
      }
      EnumValueOptions valueOptions = value.getOptions();
      String graphql = valueOptions.getExtension(OptionsProto.graphqlValue);
      if (graphql.isEmpty()) {
        throw new IllegalStateException(
            descriptor.getFullName() + "." + value.getName() + " has no graphql_value option: the generated code is not from kraken-proto generate");
      }
      infos.add(new ValueInfo(
          value.getNumber(),
          value.getName(),
          graphql,
          valueOptions.getExtension(OptionsProto.graphqlValueDescription),
          valueOptions.getDeprecated(),
          valueOptions.getExtension(OptionsProto.graphqlDeprecationReason)));
    }
    if (zero == null) {
      throw new IllegalStateException(descriptor.getFullName() + " has no zero value: the generated code is not from kraken-proto generate");
    }
    this.zeroName = zero;
    infos.sort(Comparator.comparingInt(ValueInfo::number));
    this.values = List.copyOf(infos);
    List<String> strings = new ArrayList<>();
    for (ValueInfo v : values) {
      byNumber.put(v.number(), v);
      byGraphQL.put(v.graphqlValue(), v.number());
      strings.add(v.graphqlValue());
    }
    this.graphqlValues = Collections.unmodifiableList(strings);
  }

  /** The enum's name in the GraphQL schema ({@code AccountStatus}). */
  public String graphqlName() {
    return graphqlName;
  }

  /** The enum's full proto name ({@code kraken.enums.v1.AccountStatus}). */
  public String fullName() {
    return descriptor.getFullName();
  }

  /** Upstream's description of the enum itself ({@code ""} when upstream gives none). */
  public String enumDescription() {
    return enumDescription;
  }

  /** Whether the whole enum is deprecated. */
  public boolean deprecated() {
    return deprecated;
  }

  /** The generated enum's descriptor. */
  public EnumDescriptor descriptor() {
    return descriptor;
  }

  /**
   * The documented GraphQL value of {@code number} (Python: {@code to_string}).
   *
   * @throws UnknownEnumValueException for 0 ({@code *_UNSPECIFIED}) and for numbers this version does not know
   */
  public String toGraphQL(int number) {
    return value(number).graphqlValue();
  }

  /**
   * The documented GraphQL value of {@code number}, or {@code fallback} for 0 and for numbers this version
   * does not know (a newer producer's): Python's {@code to_string(number, default)}.
   */
  public String toGraphQL(int number, String fallback) {
    ValueInfo info = byNumber.get(number);
    return info != null ? info.graphqlValue() : fallback;
  }

  /**
   * The documented GraphQL value of a generated enum value of this enum
   * ({@code ReferralStatusChoices.REFERRAL_STATUS_CHOICES_CANCELLED} gives {@code "Cancelled"}).
   *
   * @throws IllegalArgumentException if the value belongs to another enum, or is {@code UNRECOGNIZED}
   */
  public String toGraphQL(ProtocolMessageEnum value) {
    if (!value.getDescriptorForType().getFullName().equals(fullName())) {
      throw new IllegalArgumentException(value.getDescriptorForType().getFullName() + " is not " + fullName());
    }
    return toGraphQL(value.getNumber());
  }

  /**
   * The number of a documented GraphQL value (Python: {@code from_string}): exact and case-sensitive, as
   * GraphQL is.
   *
   * @throws UnknownEnumValueException naming the closest documented values
   */
  public int fromGraphQL(String text) {
    Objects.requireNonNull(text, () -> "a value of " + graphqlName + " must be a String, not null");
    Integer number = byGraphQL.get(text);
    if (number != null) {
      return number;
    }
    String wanted = PythonText.casefold(PythonText.strip(text));
    List<String> close = new ArrayList<>();
    for (String s : graphqlValues) {
      if (PythonText.casefold(s).equals(wanted)) {
        close.add(s);
      }
    }
    String reason = close.isEmpty() ? "not a documented string" : "strings are exact and case-sensitive";
    for (String s : PythonText.closeMatches(text, graphqlValues, 3, 0.6)) {
      if (!close.contains(s)) {
        close.add(s);
      }
    }
    throw new UnknownEnumValueException(graphqlName, text, reason, close.subList(0, Math.min(3, close.size())));
  }

  /** The number of a documented GraphQL value, or {@code fallback} for any other string: Python's {@code from_string(text, default)}. */
  public int fromGraphQL(String text, int fallback) {
    Objects.requireNonNull(text, () -> "a value of " + graphqlName + " must be a String, not null");
    return byGraphQL.getOrDefault(text, fallback);
  }

  /** The proto value name of {@code number} ({@code ACCOUNT_STATUS_ACTIVE}); 0 gives the {@code *_UNSPECIFIED} name. */
  public String protoName(int number) {
    return number == 0 ? zeroName : value(number).protoName();
  }

  /** The number of a proto value name, {@code *_UNSPECIFIED} (0) included. */
  public int fromProtoName(String name) {
    Objects.requireNonNull(name, () -> "a proto value name of " + graphqlName + " must be a String, not null");
    Integer number = byProtoName.get(name);
    if (number != null) {
      return number;
    }
    List<String> close = PythonText.closeMatches(PythonText.upper(name), byProtoName.keySet(), 3, 0.6);
    throw new UnknownEnumValueException(graphqlName, name, "no value has this proto name", close);
  }

  /** Whether the value is deprecated (it still converts, so that old data reads). */
  public boolean isDeprecated(int number) {
    return value(number).deprecated();
  }

  /** Upstream's description of the value ({@code ""} when upstream gives none). */
  public String description(int number) {
    return value(number).description();
  }

  /** Every documented GraphQL value, in number order (deprecated ones included: old data holds them). */
  public List<String> graphqlValues() {
    return graphqlValues;
  }

  /** Every non-zero number, in order. */
  public List<Integer> numbers() {
    return values.stream().map(ValueInfo::number).toList();
  }

  /** Every non-zero value, in number order. */
  public List<ValueInfo> values() {
    return values;
  }

  /** The value with this number. */
  public ValueInfo value(int number) {
    ValueInfo info = byNumber.get(number);
    if (info != null) {
      return info;
    }
    if (number == 0) {
      throw new UnknownEnumValueException(graphqlName, number, "0 is the UNSPECIFIED value, which has no GraphQL string", List.of());
    }
    String span = values.isEmpty() ? "none" : values.get(0).number() + ".." + values.get(values.size() - 1).number();
    throw new UnknownEnumValueException(
        graphqlName, number, "this version of kraken-proto knows numbers " + span + " (a newer producer may have added it)", List.of());
  }

  @Override
  public String toString() {
    return "EnumMapping " + graphqlName + " (" + fullName() + "), " + values.size() + " values";
  }
}
