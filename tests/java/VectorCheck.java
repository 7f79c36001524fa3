// Verifies every shared test vector through the Java helper (KrakenProto, from the jar that
// kraken_proto/packaging/maven.py builds), as a program outside the checkout would use it: the mapping
// of each enum by GraphQL name and by full name, both directions for every value, proto names,
// deprecations, the generated enum constants, and KrakenProto.enumNames(). Run by tests/test_java.py:
//
//   java -cp CLASSES:kraken-proto-0.1.0.jar:protobuf.jar VectorCheck VECTORS.tsv
//
// VECTORS.tsv (written by the test from gen/kraken-enums-vectors.json, whose strings hold no tabs):
//   E <tab> full_name <tab> graphql_name <tab> deprecated
//   V <tab> full_name <tab> number <tab> proto_name <tab> graphql_value ("" for the zero value) <tab> deprecated
// Prints "VectorCheck: N enums, M values verified" and exits 0, or prints each mismatch and exits 1.

import io.github.krakenproto.EnumMapping;
import io.github.krakenproto.KrakenProto;
import io.github.krakenproto.UnknownEnumException;
import com.google.protobuf.ProtocolMessageEnum;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

public final class VectorCheck {
  private final List<String> problems = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: VectorCheck VECTORS.tsv");
      System.exit(2);
    }
    VectorCheck check = new VectorCheck();
    int[] counts = check.run(Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8));
    if (!check.problems.isEmpty()) {
      check.problems.forEach(System.err::println);
      System.err.println("VectorCheck: " + check.problems.size() + " problem(s)");
      System.exit(1);
    }
    System.out.println("VectorCheck: " + counts[0] + " enums, " + counts[1] + " values verified");
  }

  private int[] run(List<String> lines) throws Exception {
    List<String> names = new ArrayList<>();
    Map<String, Integer> valueCounts = new HashMap<>();
    int values = 0;
    for (String line : lines) {
      String[] f = line.split("\t", -1);
      if (f[0].equals("E") && f.length == 4) {
        names.add(f[2]);
        EnumMapping m = mapping(f[1]);
        if (m == null) {
          continue;
        }
        expect(f[1] + " by GraphQL name", true, mapping(f[2]) == m);
        expect(f[1] + " graphql_name", f[2], m.graphqlName());
        expect(f[1] + " full name", f[1], m.fullName());
        expect(f[1] + " deprecated", Boolean.parseBoolean(f[3]), m.deprecated());
      } else if (f[0].equals("V") && f.length == 6) {
        values++;
        valueCounts.merge(f[1], 1, Integer::sum);
        EnumMapping m = mapping(f[1]);
        if (m == null) {
          continue;
        }
        int number = Integer.parseInt(f[2]);
        String where = f[1] + " " + number;
        expect(where + " proto name", f[3], call(() -> m.protoName(number)));
        expect(where + " from proto name", number, call(() -> m.fromProtoName(f[3])));
        if (number == 0) {
          expect(where + " graphql_value", "UnknownEnumValueException", call(() -> m.toGraphQL(0)));
          continue;
        }
        expect(where + " graphql_value", f[4], call(() -> m.toGraphQL(number)));
        expect(where + " from graphql_value " + f[4], number, call(() -> m.fromGraphQL(f[4])));
        expect(where + " deprecated", Boolean.parseBoolean(f[5]), call(() -> m.isDeprecated(number)));
        generatedConstant(m, number, f[4], where);
      } else {
        problem("malformed line: " + line);
      }
    }
    names.sort(null);
    expect("enumNames()", names, KrakenProto.enumNames());
    for (String name : KrakenProto.enumNames()) {
      EnumMapping m = KrakenProto.get(name);
      expect(m.fullName() + " value count", valueCounts.getOrDefault(m.fullName(), 0), m.values().size() + 1);
    }
    return new int[] {names.size(), values};
  }

  /** The generated Java enum constant of a value (named by the helper), through KrakenProto's typed calls. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private void generatedConstant(EnumMapping m, int number, String graphqlValue, String where) throws Exception {
    String javaPackage = m.descriptor().getFile().getOptions().getJavaPackage();
    Class type = Class.forName(javaPackage + "." + m.descriptor().getName());
    Enum constant = Enum.valueOf(type, m.protoName(number));
    expect(where + " toGraphQL(constant)", graphqlValue, call(() -> KrakenProto.toGraphQL((ProtocolMessageEnum) constant)));
    expect(where + " fromGraphQL(class)", constant, call(() -> KrakenProto.fromGraphQL(type, graphqlValue)));
  }

  private EnumMapping mapping(String name) {
    try {
      return KrakenProto.get(name);
    } catch (UnknownEnumException e) {
      problem(e.getMessage());
      return null;
    }
  }

  /** The call's result, or the simple name of what it threw. */
  private static Object call(Callable<?> call) {
    try {
      return call.call();
    } catch (Exception e) {
      return e.getClass().getSimpleName();
    }
  }

  private void expect(String what, Object wanted, Object got) {
    if (!Objects.equals(wanted, got)) {
      problem(what + ": vectors say " + wanted + ", the helper says " + got);
    }
  }

  private void problem(String text) {
    problems.add(text);
  }
}
