// Every shared test vector (gen/kraken-enums-vectors.json, written by `kraken-proto generate` from its
// contract, not from descriptors) through the TypeScript mapping, which reads only the descriptors
// that protoc-gen-es generated. Run by `npm test` (tsc, then node's test runner).

import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { describe, test } from "node:test";
import type { DescEnum } from "@bufbuild/protobuf";
import { EnumMapping, UnknownEnumValueError, enumMapping } from "./mapping.js";

interface VectorValue {
  number: number;
  proto_name: string;
  graphql_value: string | null;
  deprecated: boolean;
}
interface VectorEnum {
  graphql_name: string;
  full_name: string;
  deprecated: boolean;
  values: VectorValue[];
}

// From build/ts/ts/ (where tsc puts this file) up to the project root.
const ROOT = new URL("../../../", import.meta.url);
const VECTORS = JSON.parse(readFileSync(new URL("gen/kraken-enums-vectors.json", ROOT), "utf8")) as { format: number; package: string; enums: VectorEnum[] };
const GENERATED = new URL("../gen/ts/kraken/enums/v1/", import.meta.url);

/** Every enum schema exported by the compiled protoc-gen-es output, by full proto name. */
async function generatedEnums(): Promise<Map<string, DescEnum>> {
  const found = new Map<string, DescEnum>();
  for (const file of readdirSync(GENERATED).filter((f) => f.endsWith("_pb.js")).sort()) {
    const module = (await import(new URL(file, GENERATED).href)) as Record<string, unknown>;
    for (const exported of Object.values(module)) {
      const desc = exported as DescEnum;
      if (typeof exported === "object" && exported !== null && desc.kind === "enum") found.set(desc.typeName, desc);
    }
  }
  return found;
}

const schemas = await generatedEnums();

function mappingOf(name: string): EnumMapping {
  // By the vectors' full proto name: a GraphQL name (`some_type`) and its proto name (`SomeType`) may differ.
  const fullName = VECTORS.enums.find((e) => e.graphql_name === name)?.full_name ?? `${VECTORS.package}.${name}`;
  const desc = schemas.get(fullName);
  assert.ok(desc, `no generated schema for ${name}`);
  return enumMapping(desc);
}

function unknownValue(enumName: string, message: string): (error: unknown) => boolean {
  return (error) => {
    assert.ok(error instanceof UnknownEnumValueError, `expected UnknownEnumValueError, got ${String(error)}`);
    assert.ok(error instanceof RangeError);
    assert.equal(error.enumName, enumName);
    assert.equal(error.message, message);
    return true;
  };
}

test("the vectors describe the contract: format 2, 74 enums, nothing empty", () => {
  assert.equal(VECTORS.format, 2);
  assert.equal(VECTORS.package, "kraken.enums.v1");
  assert.equal(VECTORS.enums.length, 74);
  for (const e of VECTORS.enums) assert.ok(e.values.length >= 2 && e.values[0]!.number === 0, e.graphql_name);
});

test("the generated TypeScript has exactly the enums the vectors list", () => {
  assert.deepEqual([...schemas.keys()].sort(), VECTORS.enums.map((e) => e.full_name).sort());
});

describe("every vector maps both ways through the descriptors' options", () => {
  for (const vector of VECTORS.enums) {
    test(vector.graphql_name, () => {
      const m = mappingOf(vector.graphql_name);
      assert.equal(m.graphqlName, vector.graphql_name);
      assert.equal(m.fullName, vector.full_name);
      assert.equal(m.deprecated, vector.deprecated);
      const [zero, ...rest] = vector.values;
      assert.equal(zero!.number, 0);
      assert.equal(zero!.graphql_value, null);
      assert.equal(m.protoName(0), zero!.proto_name);
      assert.equal(m.fromProtoName(zero!.proto_name), 0);
      assert.throws(() => m.toGraphQL(0), unknownValue(vector.graphql_name, `0 is not a value of ${vector.graphql_name}: 0 is the UNSPECIFIED value, which has no GraphQL string`));
      for (const v of rest) {
        assert.equal(typeof v.graphql_value, "string", `${v.proto_name} has no string in the vectors`);
        const where = `${vector.graphql_name} ${v.number} ${v.proto_name}`;
        assert.equal(m.toGraphQL(v.number), v.graphql_value, where);
        assert.equal(m.fromGraphQL(v.graphql_value!), v.number, where);
        assert.equal(m.protoName(v.number), v.proto_name, where);
        assert.equal(m.fromProtoName(v.proto_name), v.number, where);
        assert.equal(m.isDeprecated(v.number), v.deprecated, where);
      }
      // Nothing the vectors lack: the same numbers and strings, in number order, and no other value.
      assert.deepEqual(m.numbers(), rest.map((v) => v.number));
      assert.deepEqual(m.strings(), rest.map((v) => v.graphql_value));
      assert.equal(m.descriptor.values.length, vector.values.length);
      const past = Math.max(...rest.map((v) => v.number)) + 1;
      assert.throws(() => m.toGraphQL(past), UnknownEnumValueError);
      assert.equal(m.toGraphQL(past, null), null);
    });
  }
});

describe("errors read exactly like Python's", () => {
  // The messages below are kraken_proto's (README.md, tests/test_mapping_api.py), written out by hand.
  const m = () => mappingOf("ReferralStatusChoices");

  test("a string in the wrong case names the right one", () => {
    assert.throws(() => m().fromGraphQL("CANCELLED"), unknownValue("ReferralStatusChoices", "'CANCELLED' is not a value of ReferralStatusChoices: strings are exact and case-sensitive; closest: 'Cancelled'"));
  });

  test("a misspelt string gets difflib's closest matches", () => {
    assert.throws(() => m().fromGraphQL("Pendin"), unknownValue("ReferralStatusChoices", "'Pendin' is not a value of ReferralStatusChoices: not a documented string; closest: 'Pending'"));
    assert.throws(() => m().fromGraphQL("xyz"), unknownValue("ReferralStatusChoices", "'xyz' is not a value of ReferralStatusChoices: not a documented string"));
  });

  test("an unknown number says which numbers this version knows", () => {
    assert.throws(() => m().toGraphQL(1000), unknownValue("ReferralStatusChoices", "1000 is not a value of ReferralStatusChoices: this version of kraken-proto knows numbers 1..3 (a newer producer may have added it)"));
    assert.throws(() => m().isDeprecated(-1), unknownValue("ReferralStatusChoices", "-1 is not a value of ReferralStatusChoices: this version of kraken-proto knows numbers 1..3 (a newer producer may have added it)"));
  });

  test("strings are quoted the way Python's repr quotes them", () => {
    assert.throws(() => m().fromGraphQL("it's"), unknownValue("ReferralStatusChoices", `"it's" is not a value of ReferralStatusChoices: not a documented string`));
    assert.throws(() => m().fromGraphQL("a\tb\\"), unknownValue("ReferralStatusChoices", "'a\\tb\\\\' is not a value of ReferralStatusChoices: not a documented string"));
  });

  test("an unknown proto name suggests proto names", () => {
    assert.throws(() => m().fromProtoName("referral_status_choices_paid"), unknownValue("ReferralStatusChoices", "'referral_status_choices_paid' is not a value of ReferralStatusChoices: no value has this proto name; closest: 'REFERRAL_STATUS_CHOICES_PAID', 'REFERRAL_STATUS_CHOICES_PENDING', 'REFERRAL_STATUS_CHOICES_UNSPECIFIED'"));
  });

  test("a fallback replaces the error for unknown values only, never for a wrong type", () => {
    assert.equal(m().fromGraphQL("nope", 0), 0);
    assert.equal(m().toGraphQL(1000, undefined), undefined);
    assert.equal(m().toGraphQL(0, "none"), "none");
    assert.throws(() => m().toGraphQL(1.5, "x"), { name: "TypeError", message: "a number of ReferralStatusChoices must be an integer, not non-integer number 1.5" });
    assert.throws(() => m().fromGraphQL(1 as unknown as string, 0), { name: "TypeError", message: "a value of ReferralStatusChoices must be a string, not number" });
  });
});
