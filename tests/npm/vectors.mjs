// A user's plain Node ESM program that imports the installed npm package by name and runs every
// shared vector (the file named by its argument) through its root export and its subpath exports.
// Run by tests/test_npm_package.py in a scratch project outside the repository; prints a summary line.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as kp from "kraken-proto";
import { enumMapping as enumMappingAlone } from "kraken-proto/mapping";

const vectors = JSON.parse(readFileSync(process.argv[2], "utf8"));
assert.equal(vectors.format, 2, "this program reads format 2 of the shared vectors");
assert.deepEqual(kp.enumNames(), vectors.enums.map((e) => e.graphql_name).sort());
let values = 0;
for (const e of vectors.enums) {
  const m = kp.get(e.graphql_name);
  assert.equal(kp.get(e.full_name), m, e.full_name);
  assert.equal(m.graphqlName, e.graphql_name);
  assert.equal(m.fullName, e.full_name);
  assert.equal(m.deprecated, e.deprecated, e.graphql_name);
  // Every enum and its schema at the root, the same objects as in the enum's own subpath module.
  const schema = kp[`${e.graphql_name}Schema`];
  assert.equal(kp.enumMapping(schema), m, e.graphql_name);
  assert.equal(enumMappingAlone(schema), m, "kraken-proto/mapping is the same module as the root's");
  const own = await import(`kraken-proto/enums/${schema.file.name.split("/").pop()}`);
  assert.equal(own[`${e.graphql_name}Schema`], schema, e.graphql_name);
  assert.equal(own[e.graphql_name], kp[e.graphql_name], e.graphql_name);
  for (const v of e.values) {
    const where = `${e.graphql_name} ${v.number}`;
    assert.equal(m.protoName(v.number), v.proto_name, where);
    assert.equal(m.fromProtoName(v.proto_name), v.number, where);
    const member = schema.values.find((x) => x.name === v.proto_name).localName;
    assert.equal(kp[e.graphql_name][member], v.number, `${where}: the generated TypeScript enum`);
    if (v.number === 0) {
      assert.throws(() => m.toGraphQL(0), kp.UnknownEnumValueError, where);
      continue;
    }
    values++;
    assert.equal(m.toGraphQL(v.number), v.graphql_value, where);
    assert.equal(m.fromGraphQL(v.graphql_value), v.number, where);
    assert.equal(m.isDeprecated(v.number), v.deprecated, where);
  }
  assert.deepEqual([...m.strings()], e.values.slice(1).map((v) => v.graphql_value));
}
assert.throws(() => kp.get("accountstatus"), { name: "UnknownEnumError", message: "'accountstatus' is not a Kraken enum (give a GraphQL name or a full proto name); did you mean 'AccountStatus'?" });
assert.throws(() => kp.get("ReferralStatusChoices").fromGraphQL("CANCELLED"), {
  name: "UnknownEnumValueError",
  message: "'CANCELLED' is not a value of ReferralStatusChoices: strings are exact and case-sensitive; closest: 'Cancelled'",
});
console.log(`kraken-proto from npm: ${vectors.enums.length} enums, ${values} values verified`);
