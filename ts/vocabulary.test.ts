// The vocabulary of docs/architecture.md in the TypeScript API: a value's GraphQL string is
// `graphqlValue`; the old `string` field stays (deprecated) with the same value.

import assert from "node:assert/strict";
import { test } from "node:test";
import { ReferralStatusChoicesSchema } from "../gen/ts/kraken/enums/v1/referral_status_choices_pb.js";
import { enumMapping } from "./mapping.js";

test("a value's GraphQL string is graphqlValue, and the deprecated string field says the same", () => {
  const [cancelled, paid] = enumMapping(ReferralStatusChoicesSchema).values();
  assert.deepEqual([cancelled!.number, cancelled!.protoName, cancelled!.graphqlValue], [1, "REFERRAL_STATUS_CHOICES_CANCELLED", "Cancelled"]);
  assert.equal(paid!.graphqlValue, "Paid");
  // the old name keeps working until kraken-proto 1.0
  assert.equal(cancelled!.string, cancelled!.graphqlValue);
});
