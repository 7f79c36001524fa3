// The Java side of the cross-language differential (tests/test_java.py), like tests/go/probe: reads one
// call a line from the file named by its argument,
//   ENUM <tab> OP <tab> s|i <tab> ARG      (ARG: the base64 of a UTF-8 string, or a decimal int)
// runs it through the helper (OP: get, fromGraphQL, fromProtoName, toGraphQL, isDeprecated) and prints
// one result a line:
//   ok <tab> s|i|b <tab> VALUE (a string as base64)   or   EXCEPTION-CLASS <tab> base64 of its message

import io.github.krakenproto.KrakenProto;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

public final class Probe {
  public static void main(String[] args) throws Exception {
    StringBuilder out = new StringBuilder();
    for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
      String[] f = line.split("\t", -1);
      String text = f[2].equals("s") ? new String(Base64.getDecoder().decode(f[3]), StandardCharsets.UTF_8) : null;
      int number = f[2].equals("i") ? Integer.parseInt(f[3]) : 0;
      Object result;
      try {
        result = switch (f[1]) {
          case "get" -> KrakenProto.get(text).graphqlName();
          case "fromGraphQL" -> KrakenProto.get(f[0]).fromGraphQL(text);
          case "fromProtoName" -> KrakenProto.get(f[0]).fromProtoName(text);
          case "toGraphQL" -> KrakenProto.get(f[0]).toGraphQL(number);
          case "isDeprecated" -> KrakenProto.get(f[0]).isDeprecated(number);
          default -> throw new AssertionError("unknown op " + f[1]);
        };
      } catch (RuntimeException e) {
        out.append(e.getClass().getSimpleName()).append('\t').append(encode(String.valueOf(e.getMessage()))).append('\n');
        continue;
      }
      if (result instanceof String s) {
        out.append("ok\ts\t").append(encode(s)).append('\n');
      } else if (result instanceof Integer i) {
        out.append("ok\ti\t").append(i).append('\n');
      } else {
        out.append("ok\tb\t").append(result).append('\n');
      }
    }
    System.out.print(out);
  }

  private static String encode(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
