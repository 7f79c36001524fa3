// The package's root export (ts/index.ts): get() by GraphQL name or full proto name, enumNames(), and
// every generated enum and schema, against the shared vectors. Run by `npm test`.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import * as root from "./index.js";
import { UnknownEnumError, enumMapping, enumNames, get } from "./index.js";

const ROOT = new URL("../../../", import.meta.url);
const VECTORS = JSON.parse(readFileSync(new URL("gen/kraken-enums-vectors.json", ROOT), "utf8")) as { enums: { graphql_name: string; full_name: string }[] };

test("enumNames() lists every enum of the vectors, sorted", () => {
  assert.deepEqual(enumNames(), VECTORS.enums.map((e) => e.graphql_name).sort());
});

test("get() finds each enum by GraphQL name and by full proto name, and the root exports its schema", () => {
  const exports = root as unknown as Record<string, unknown>;
  for (const e of VECTORS.enums) {
    const m = get(e.graphql_name);
    assert.equal(get(e.full_name), m);
    assert.equal(m.fullName, e.full_name);
    assert.equal(enumMapping(exports[`${e.graphql_name}Schema`] as Parameters<typeof enumMapping>[0]), m);
    assert.equal(typeof exports[e.graphql_name], "object", `the generated enum ${e.graphql_name}`);
  }
});

test("get() of anything else names the closest enums, like Python's UnknownEnumError", () => {
  const unknown = (message: string) => (error: unknown) => {
    assert.ok(error instanceof UnknownEnumError && error instanceof RangeError);
    assert.equal(error.message, message);
    return true;
  };
  assert.throws(() => get("accountstatus"), unknown("'accountstatus' is not a Kraken enum (give a GraphQL name or a full proto name); did you mean 'AccountStatus'?"));
  assert.throws(() => get("kraken.enums.v1.AccountStatu"), unknown("'kraken.enums.v1.AccountStatu' is not a Kraken enum (give a GraphQL name or a full proto name); did you mean 'kraken.enums.v1.AccountStatus', 'kraken.enums.v1.AccountApplicationStatus', 'kraken.enums.v1.APIBrownoutStatus'?"));
  assert.throws(() => get(""), unknown("'' is not a Kraken enum (give a GraphQL name or a full proto name)"));
  assert.throws(() => get(1 as unknown as string), { name: "TypeError", message: "an enum name must be a string, not number" });
});
