package io.github.krakenproto;

import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.ProtocolMessageEnum;
import io.github.krakenproto.kraken.enums.v1.OptionsProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Kraken enums' proto numbers to and from their documented GraphQL values, read from the
 * {@code graphql_value} / {@code graphql_name} options of the descriptors that protoc generated: the Java twin
 * of the Python package {@code kraken_proto}, the npm package and the Go module, with the same rules and the
 * same error messages.
 *
 * <pre>{@code
 * EnumMapping m = KrakenProto.get("ReferralStatusChoices");   // or "kraken.enums.v1.ReferralStatusChoices"
 * m.toGraphQL(1);                                              // "Cancelled"
 * m.fromGraphQL("Cancelled");                                  // 1
 * m.fromGraphQL("CANCELLED");   // UnknownEnumValueException: 'CANCELLED' is not a value of
 *                               // ReferralStatusChoices: strings are exact and case-sensitive; closest: 'Cancelled'
 * KrakenProto.toGraphQL(ReferralStatusChoices.REFERRAL_STATUS_CHOICES_CANCELLED);              // "Cancelled"
 * KrakenProto.fromGraphQL(ReferralStatusChoices.class, "Cancelled");   // REFERRAL_STATUS_CHOICES_CANCELLED
 * }</pre>
 */
public final class KrakenProto {
  /** The proto package of every Kraken enum. */
  public static final String PACKAGE = "kraken.enums.v1";

  private KrakenProto() {}

  /** Every enum of the package, read on first use (the JVM runs this holder's initializer once, thread-safely). */
  private static final class Registry {
    static final Map<String, EnumMapping> LOOKUP = new HashMap<>();
    static final List<String> NAMES;

    static {
      List<String> names = new ArrayList<>();
      // EnumFiles is written at build time from protoc's output: every generated file of the package.
      for (FileDescriptor file : EnumFiles.all()) {
        for (EnumDescriptor descriptor : file.getEnumTypes()) {
          EnumMapping mapping = new EnumMapping(descriptor);
          LOOKUP.put(mapping.graphqlName(), mapping);
          LOOKUP.put(mapping.fullName(), mapping);
          names.add(mapping.graphqlName());
        }
      }
      names.sort(null);
      NAMES = List.copyOf(names);
    }
  }

  /** The GraphQL names of every Kraken enum, sorted. */
  public static List<String> enumNames() {
    return Registry.NAMES;
  }

  /**
   * The mapping of the enum with this GraphQL name ({@code AccountStatus}) or full proto name
   * ({@code kraken.enums.v1.AccountStatus}).
   *
   * @throws UnknownEnumException for any other name, naming the closest enums
   */
  public static EnumMapping get(String name) {
    Objects.requireNonNull(name, "an enum name must be a String, not null");
    EnumMapping found = Registry.LOOKUP.get(name);
    if (found != null) {
      return found;
    }
    List<String> suggestions = new ArrayList<>();
    if (!name.isEmpty()) {
      String folded = PythonText.casefold(name);
      List<String> candidates = new ArrayList<>(Registry.NAMES);
      for (String n : Registry.NAMES) {
        if (PythonText.casefold(n).contains(folded)) {
          suggestions.add(n);
        }
        candidates.add(Registry.LOOKUP.get(n).fullName());
      }
      for (String n : PythonText.closeMatches(name, candidates, 3, 0.6)) {
        if (!suggestions.contains(n)) {
          suggestions.add(n);
        }
      }
    }
    throw new UnknownEnumException(name, suggestions.subList(0, Math.min(3, suggestions.size())));
  }

  /**
   * The mapping of a generated enum's descriptor ({@code AccountStatus.getDescriptor()}), or of an enum with
   * the same options from elsewhere (a descriptor set, server reflection, a newer contract), read from that
   * descriptor's own options so that values this build lacks are known too.
   *
   * @throws UnknownEnumException if the descriptor is no Kraken enum: no {@code graphql_name} option, or a value
   *     without {@code graphql_value}
   */
  public static EnumMapping of(EnumDescriptor descriptor) {
    EnumMapping own = Registry.LOOKUP.get(descriptor.getFullName());
    if (own != null && own.descriptor() == descriptor) {
      return own;
    }
    if (descriptor.getOptions().hasExtension(OptionsProto.graphqlName)) {
      try {
        return new EnumMapping(descriptor);
      } catch (IllegalStateException notAContractEnum) {
        // a value without graphql_value: not one of ours after all (as Python's get() decides)
      }
    }
    throw new UnknownEnumException(descriptor.getFullName(), List.of());
  }

  /** The documented GraphQL value of a generated enum value ({@code AccountStatus.ACCOUNT_STATUS_ACTIVE} gives {@code "ACTIVE"}). */
  public static String toGraphQL(ProtocolMessageEnum value) {
    return of(value.getDescriptorForType()).toGraphQL(value.getNumber());
  }

  /**
   * The generated enum value of a documented GraphQL value:
   * {@code KrakenProto.fromGraphQL(AccountStatus.class, "ACTIVE")} is {@code AccountStatus.ACCOUNT_STATUS_ACTIVE}.
   *
   * @throws UnknownEnumValueException naming the closest documented values
   */
  public static <E extends Enum<E> & ProtocolMessageEnum> E fromGraphQL(Class<E> type, String text) {
    E[] constants = type.getEnumConstants();
    EnumMapping mapping = of(constants[0].getDescriptorForType()); // every generated enum has its zero value first
    return Enum.valueOf(type, mapping.protoName(mapping.fromGraphQL(text)));
  }
}
