// Verifies every shared test vector against the Java code that Debian's protoc generated from proto/
// (through buf.gen.java.yaml's managed mode), compiled into a jar:
// reads (kraken.enums.v1.graphql_value) and (graphql_name) from the descriptors, through the generated
// OptionsProto extensions, and maps both ways. Run by tests/test_java.py:
//
//   java -cp CLASSES:kraken-proto-enums.jar:protobuf.jar VectorCheck VECTORS.tsv OUTER_CLASS...
//
// VECTORS.tsv (written by the test from gen/kraken-enums-vectors.json, whose strings hold no tabs):
//   E <tab> full_name <tab> graphql_name <tab> deprecated
//   V <tab> full_name <tab> number <tab> proto_name <tab> string ("" for the zero value) <tab> deprecated
// Prints "VectorCheck: N enums, M values verified" and exits 0, or prints each mismatch and exits 1.

import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import io.github.krakenproto.kraken.enums.v1.OptionsProto;

public final class VectorCheck {
  private final List<String> problems = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: VectorCheck VECTORS.tsv OUTER_CLASS...");
      System.exit(2);
    }
    Map<String, EnumDescriptor> enums = new TreeMap<>();
    for (int i = 1; i < args.length; i++) {
      FileDescriptor file = (FileDescriptor) Class.forName(args[i]).getMethod("getDescriptor").invoke(null);
      for (EnumDescriptor e : file.getEnumTypes()) {
        enums.put(e.getFullName(), e);
      }
    }
    VectorCheck check = new VectorCheck();
    int[] counts = check.run(enums, Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8));
    if (!check.problems.isEmpty()) {
      check.problems.forEach(System.err::println);
      System.err.println("VectorCheck: " + check.problems.size() + " problem(s)");
      System.exit(1);
    }
    System.out.println("VectorCheck: " + counts[0] + " enums, " + counts[1] + " values verified");
  }

  private int[] run(Map<String, EnumDescriptor> enums, List<String> lines) {
    TreeSet<String> seen = new TreeSet<>();
    Map<String, Integer> valueCounts = new HashMap<>();
    Map<String, Map<String, Integer>> fromString = new HashMap<>();
    int values = 0;
    for (String line : lines) {
      String[] f = line.split("\t", -1);
      EnumDescriptor e = enums.get(f[1]);
      if (e == null) {
        problem("no generated enum " + f[1]);
        continue;
      }
      if (f[0].equals("E") && f.length == 4) {
        seen.add(f[1]);
        expect(f[1] + " graphql_name", f[2], e.getOptions().getExtension(OptionsProto.graphqlName));
        expect(f[1] + " deprecated", Boolean.parseBoolean(f[3]), e.getOptions().getDeprecated());
        fromString.put(f[1], stringsOf(e));
      } else if (f[0].equals("V") && f.length == 6) {
        values++;
        valueCounts.merge(f[1], 1, Integer::sum);
        int number = Integer.parseInt(f[2]);
        String where = f[1] + " " + number;
        EnumValueDescriptor v = e.findValueByNumber(number);
        if (v == null) {
          problem(where + ": no such number");
          continue;
        }
        expect(where + " proto name", f[3], v.getName());
        expect(where + " from proto name", number, e.findValueByName(f[3]) == null ? null : e.findValueByName(f[3]).getNumber());
        expect(where + " has graphql_value", !f[4].isEmpty(), v.getOptions().hasExtension(OptionsProto.graphqlValue));
        expect(where + " graphql_value", f[4], v.getOptions().getExtension(OptionsProto.graphqlValue));
        expect(where + " deprecated", Boolean.parseBoolean(f[5]), v.getOptions().getDeprecated());
        if (!f[4].isEmpty()) {
          expect(where + " from string " + f[4], number, fromString.getOrDefault(f[1], Map.of()).get(f[4]));
        }
      } else {
        problem("malformed line: " + line);
      }
    }
    expect("enums", new TreeSet<>(enums.keySet()), seen);
    for (EnumDescriptor e : enums.values()) {
      expect(e.getFullName() + " value count", e.getValues().size(), valueCounts.getOrDefault(e.getFullName(), 0));
    }
    return new int[] {seen.size(), values};
  }

  /** The documented string -> number table, as a Java caller would build it from the options. */
  private static Map<String, Integer> stringsOf(EnumDescriptor e) {
    Map<String, Integer> table = new HashMap<>();
    for (EnumValueDescriptor v : e.getValues()) {
      if (v.getOptions().hasExtension(OptionsProto.graphqlValue)) {
        table.put(v.getOptions().getExtension(OptionsProto.graphqlValue), v.getNumber());
      }
    }
    return table;
  }

  private void expect(String what, Object wanted, Object got) {
    if (!wanted.equals(got)) {
      problem(what + ": vectors say " + wanted + ", the generated descriptors say " + got);
    }
  }

  private void problem(String text) {
    problems.add(text);
  }
}
