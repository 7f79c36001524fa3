// The Java helper's API beyond the vectors and the shared bad inputs, each expectation written by hand:
// the typed calls on generated enums, descriptors from elsewhere (a newer contract's value, a foreign
// enum), the exceptions' types and fields, null arguments. Run by tests/test_java.py:
//
//   java -cp CLASSES:kraken-proto-0.1.0.jar:protobuf.jar ApiCheck
//
// Prints "ApiCheck: N checks passed" and exits 0, or prints each failed check and exits 1.

import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueOptions;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.github.krakenproto.EnumMapping;
import io.github.krakenproto.KrakenProto;
import io.github.krakenproto.UnknownEnumException;
import io.github.krakenproto.UnknownEnumValueException;
import io.github.krakenproto.ValueInfo;
import io.github.krakenproto.kraken.enums.v1.AccountStatus;
import io.github.krakenproto.kraken.enums.v1.OptionsProto;
import io.github.krakenproto.kraken.enums.v1.ReferralStatusChoices;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

public final class ApiCheck {
  private static final List<String> FAILED = new ArrayList<>();
  private static int checks;

  public static void main(String[] args) throws Exception {
    EnumMapping m = KrakenProto.get("ReferralStatusChoices");
    check("get by full name is the same mapping", m, KrakenProto.get("kraken.enums.v1.ReferralStatusChoices"));
    check("of(generated descriptor) is the same mapping", m, KrakenProto.of(ReferralStatusChoices.getDescriptor()));
    check("graphqlName", "ReferralStatusChoices", m.graphqlName());
    check("fullName", "kraken.enums.v1.ReferralStatusChoices", m.fullName());
    check("toString", "EnumMapping ReferralStatusChoices (kraken.enums.v1.ReferralStatusChoices), 3 values", m.toString());
    check("graphqlValues in number order", List.of("Cancelled", "Paid", "Pending"), m.graphqlValues());
    check("numbers", List.of(1, 2, 3), m.numbers());
    check("value(1)", new ValueInfo(1, "REFERRAL_STATUS_CHOICES_CANCELLED", "Cancelled", "Cancelled.", false, ""), m.value(1));
    check("protoName(0) is the UNSPECIFIED name", "REFERRAL_STATUS_CHOICES_UNSPECIFIED", m.protoName(0));
    check("fromProtoName of the UNSPECIFIED name", 0, m.fromProtoName("REFERRAL_STATUS_CHOICES_UNSPECIFIED"));
    check("values() cannot be modified", "UnsupportedOperationException: null", thrown(() -> m.values().add(null)));
    check("graphqlValues() cannot be modified", "UnsupportedOperationException: null", thrown(() -> m.graphqlValues().remove(0)));

    check("toGraphQL with a fallback, a known number", "Paid", m.toGraphQL(2, null));
    check("toGraphQL with a fallback, a newer number", "?", m.toGraphQL(1000, "?"));
    check("toGraphQL with a fallback, the zero value", null, m.toGraphQL(0, null));
    check("fromGraphQL with a fallback, a documented value", 3, m.fromGraphQL("Pending", -1));
    check("fromGraphQL with a fallback, wrong case", -1, m.fromGraphQL("PENDING", -1));
    check("fromGraphQL with a fallback, null", "NullPointerException: a value of ReferralStatusChoices must be a String, not null",
        thrown(() -> m.fromGraphQL(null, 0)));

    check("toGraphQL(generated constant)", "ACTIVE", KrakenProto.toGraphQL(AccountStatus.ACCOUNT_STATUS_ACTIVE));
    check("mapping.toGraphQL(generated constant)", "Cancelled", m.toGraphQL(ReferralStatusChoices.REFERRAL_STATUS_CHOICES_CANCELLED));
    check("fromGraphQL(class, value)", AccountStatus.ACCOUNT_STATUS_ACTIVE, KrakenProto.fromGraphQL(AccountStatus.class, "ACTIVE"));
    check("a constant of another enum", "IllegalArgumentException: kraken.enums.v1.AccountStatus is not kraken.enums.v1.ReferralStatusChoices",
        thrown(() -> m.toGraphQL(AccountStatus.ACCOUNT_STATUS_ACTIVE)));
    check("the zero constant", "UnknownEnumValueException: 0 is not a value of AccountStatus: 0 is the UNSPECIFIED value, which has no GraphQL string",
        thrown(() -> KrakenProto.toGraphQL(AccountStatus.ACCOUNT_STATUS_UNSPECIFIED)));
    check("UNRECOGNIZED is protobuf's IllegalArgumentException", "IllegalArgumentException: Can't get the number of an unknown enum value.",
        thrown(() -> KrakenProto.toGraphQL(AccountStatus.UNRECOGNIZED)));
    check("fromGraphQL(class, wrong case)",
        "UnknownEnumValueException: 'active' is not a value of AccountStatus: strings are exact and case-sensitive; closest: 'ACTIVE'",
        thrown(() -> KrakenProto.fromGraphQL(AccountStatus.class, "active")));

    try {
      m.fromGraphQL("CANCELLED");
      fail("fromGraphQL(\"CANCELLED\") did not throw");
    } catch (IllegalArgumentException e) { // UnknownEnumValueException is one
      UnknownEnumValueException u = (UnknownEnumValueException) e;
      check("exception fields", List.of("ReferralStatusChoices", "CANCELLED", "strings are exact and case-sensitive", List.of("Cancelled")),
          List.of(u.enumName(), u.input(), u.reason(), u.suggestions()));
    }
    try {
      m.toGraphQL(7);
      fail("toGraphQL(7) did not throw");
    } catch (UnknownEnumValueException e) {
      check("a number's exception", List.of(7, List.of()), List.of(e.input(), e.suggestions()));
    }
    try {
      KrakenProto.get("AccountStatu");
      fail("get(\"AccountStatu\") did not throw");
    } catch (UnknownEnumException e) {
      check("unknown enum fields", List.of("AccountStatu", "AccountStatus"), List.of(e.key(), e.suggestions().get(0)));
    }
    check("null enum name", "NullPointerException: an enum name must be a String, not null", thrown(() -> KrakenProto.get(null)));
    check("null value", "NullPointerException: a value of ReferralStatusChoices must be a String, not null", thrown(() -> m.fromGraphQL(null)));

    // A newer contract's descriptor, built here with one more value: of() reads it from its own options.
    EnumDescriptorProto.Builder newer = ReferralStatusChoices.getDescriptor().toProto().toBuilder();
    newer.addValue(EnumValueDescriptorProto.newBuilder().setName("REFERRAL_STATUS_CHOICES_EXPIRED").setNumber(4)
        .setOptions(EnumValueOptions.newBuilder().setExtension(OptionsProto.graphqlValue, "Expired")));
    FileDescriptorProto file = ReferralStatusChoices.getDescriptor().getFile().toProto().toBuilder().setEnumType(0, newer).build();
    EnumDescriptor foreign = FileDescriptor.buildFrom(file, new FileDescriptor[] {OptionsProto.getDescriptor()}).getEnumTypes().get(0);
    EnumMapping newest = KrakenProto.of(foreign);
    check("a newer descriptor's value", "Expired", newest.toGraphQL(4));
    check("a newer descriptor's mapping is its own", false, newest == m);
    check("this build does not know it",
        "UnknownEnumValueException: 4 is not a value of ReferralStatusChoices: this version of kraken-proto knows numbers 1..3 (a newer producer may have added it)",
        thrown(() -> m.toGraphQL(4)));
    EnumDescriptorProto.Builder bare = ReferralStatusChoices.getDescriptor().toProto().toBuilder();
    bare.addValue(EnumValueDescriptorProto.newBuilder().setName("REFERRAL_STATUS_CHOICES_BARE").setNumber(5));
    FileDescriptorProto bareFile = ReferralStatusChoices.getDescriptor().getFile().toProto().toBuilder().setEnumType(0, bare).build();
    EnumDescriptor noValue = FileDescriptor.buildFrom(bareFile, new FileDescriptor[] {OptionsProto.getDescriptor()}).getEnumTypes().get(0);
    check("a value without graphql_value",
        "UnknownEnumException: 'kraken.enums.v1.ReferralStatusChoices' is not a Kraken enum (give a GraphQL name or a full proto name)",
        thrown(() -> KrakenProto.of(noValue)));
    check("an enum without our options",
        "UnknownEnumException: 'google.protobuf.FieldDescriptorProto.Type' is not a Kraken enum (give a GraphQL name or a full proto name)",
        thrown(() -> KrakenProto.of(FieldDescriptorProto.Type.getDescriptor())));

    if (!FAILED.isEmpty()) {
      FAILED.forEach(System.err::println);
      System.exit(1);
    }
    System.out.println("ApiCheck: " + checks + " checks passed");
  }

  private static String thrown(Callable<?> call) {
    try {
      return "returned " + call.call();
    } catch (Exception e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  private static void check(String what, Object wanted, Object got) {
    checks++;
    if (!Objects.equals(wanted, got)) {
      fail(what + ": wanted " + wanted + ", got " + got);
    }
  }

  private static void fail(String text) {
    FAILED.add(text);
  }
}
