// One test per rule of ts/mapping.ts, with expected values written out by hand from the contract and
// the rules (README, kraken_proto/mapping.py's docstrings), never computed by either implementation:
// a bug made in Python and TypeScript at once still fails here. Run by `npm test`.

import assert from "node:assert/strict";
import { test } from "node:test";
import { create, createFileRegistry, type DescEnum } from "@bufbuild/protobuf";
import { FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";
import { AccountReminderTypesSchema } from "../gen/ts/kraken/enums/v1/account_reminder_types_pb.js";
import { KrakenFlexDeviceStatusChoicesSchema } from "../gen/ts/kraken/enums/v1/kraken_flex_device_status_choices_pb.js";
import { MessageChannelSchema } from "../gen/ts/kraken/enums/v1/message_channel_pb.js";
import { PreferencesUnitChoicesSchema } from "../gen/ts/kraken/enums/v1/preferences_unit_choices_pb.js";
import { ReadingFrequencyTypeSchema } from "../gen/ts/kraken/enums/v1/reading_frequency_type_pb.js";
import { ReadingDirectionTypeSchema } from "../gen/ts/kraken/enums/v1/reading_direction_type_pb.js";
import { ReferralStatusChoicesSchema } from "../gen/ts/kraken/enums/v1/referral_status_choices_pb.js";
import { EnumMapping, UnknownEnumValueError, enumMapping } from "./mapping.js";

const referral = enumMapping(ReferralStatusChoicesSchema);
const channel = enumMapping(MessageChannelSchema);
const units = enumMapping(PreferencesUnitChoicesSchema);

/** assert.throws matcher: an UnknownEnumValueError (a RangeError) with exactly this message and these fields. */
function unknown(message: string, fields: { enumName: string; value: string | number; reason: string; suggestions: string[] }): (e: unknown) => boolean {
  return (e) => {
    assert.ok(e instanceof UnknownEnumValueError && e instanceof RangeError, String(e));
    assert.equal(e.name, "UnknownEnumValueError");
    assert.equal(e.message, message);
    assert.deepEqual({ enumName: e.enumName, value: e.value, reason: e.reason, suggestions: [...e.suggestions] }, fields);
    return true;
  };
}

/** An enum built by hand from a FileDescriptorProto: for the rules the generated contract never exercises. */
function handMade(syntax: "proto2" | "proto3", values: { name: string; number: number }[], deprecated = false): DescEnum {
  const file = create(FileDescriptorProtoSchema, {
    name: `handmade_${syntax}.proto`,
    package: "handmade",
    syntax,
    enumType: [{ name: "Shape", value: values, options: { deprecated } }],
  });
  const registry = createFileRegistry(file, () => undefined);
  const desc = registry.getEnum("handmade.Shape");
  assert.ok(desc);
  return desc;
}

test("toGraphQL gives the graphql_value in its exact documented case", () => {
  assert.equal(referral.toGraphQL(1), "Cancelled");
  assert.equal(referral.toGraphQL(3), "Pending");
  assert.equal(enumMapping(AccountReminderTypesSchema).toGraphQL(64), "DUPLICATE_CARD_FINGERPRINTs");
  assert.equal(channel.toGraphQL(6), "SMS");
});

test("fromGraphQL is exact and case-sensitive: a case variant is refused and the documented string suggested", () => {
  assert.equal(referral.fromGraphQL("Paid"), 2);
  assert.throws(() => referral.fromGraphQL("paid"), unknown("'paid' is not a value of ReferralStatusChoices: strings are exact and case-sensitive; closest: 'Paid'",
    { enumName: "ReferralStatusChoices", value: "paid", reason: "strings are exact and case-sensitive", suggestions: ["Paid"] }));
});

test("padding is never accepted, but is stripped before the case check so the error names the documented string", () => {
  assert.throws(() => referral.fromGraphQL(" Cancelled "), unknown("' Cancelled ' is not a value of ReferralStatusChoices: strings are exact and case-sensitive; closest: 'Cancelled'",
    { enumName: "ReferralStatusChoices", value: " Cancelled ", reason: "strings are exact and case-sensitive", suggestions: ["Cancelled"] }));
  assert.throws(() => channel.fromGraphQL("\tsms\n"), unknown("'\\tsms\\n' is not a value of MessageChannel: strings are exact and case-sensitive; closest: 'SMS'",
    { enumName: "MessageChannel", value: "\tsms\n", reason: "strings are exact and case-sensitive", suggestions: ["SMS"] }));
  assert.equal(referral.fromGraphQL(" Cancelled ", -1), -1);
});

test("a string that is no documented string in any case says so, with no suggestion when nothing is close", () => {
  assert.throws(() => referral.fromGraphQL("REFUNDED"), unknown("'REFUNDED' is not a value of ReferralStatusChoices: not a documented string",
    { enumName: "ReferralStatusChoices", value: "REFUNDED", reason: "not a documented string", suggestions: [] }));
});

test("the zero value has no GraphQL string: toGraphQL(0) throws, or gives the fallback", () => {
  assert.throws(() => channel.toGraphQL(0), unknown("0 is not a value of MessageChannel: 0 is the UNSPECIFIED value, which has no GraphQL string",
    { enumName: "MessageChannel", value: 0, reason: "0 is the UNSPECIFIED value, which has no GraphQL string", suggestions: [] }));
  assert.equal(channel.toGraphQL(0, "none"), "none");
});

test("an unknown number names the numbers this version knows (first..last), or gives the fallback", () => {
  assert.throws(() => channel.toGraphQL(7), unknown("7 is not a value of MessageChannel: this version of kraken-proto knows numbers 1..6 (a newer producer may have added it)",
    { enumName: "MessageChannel", value: 7, reason: "this version of kraken-proto knows numbers 1..6 (a newer producer may have added it)", suggestions: [] }));
  assert.throws(() => channel.toGraphQL(-1), UnknownEnumValueError);
  assert.equal(channel.toGraphQL(7, undefined), undefined);
  assert.equal(channel.toGraphQL(7, null), null);
});

test("toGraphQL of anything but an integer is a TypeError, even with a fallback", () => {
  const cases: [unknown, string][] = [
    [1.5, "non-integer number 1.5"], [Number.NaN, "NaN"], ["1", "string"], [true, "boolean"], [null, "null"], [undefined, "undefined"], [1n, "bigint"],
  ];
  for (const [bad, described] of cases) {
    const expected = { name: "TypeError", message: `a number of MessageChannel must be an integer, not ${described}` };
    assert.throws(() => channel.toGraphQL(bad as number), expected);
    assert.throws(() => channel.toGraphQL(bad as number, "fallback"), expected);
  }
});

test("fromGraphQL of anything but a string is a TypeError, even with a fallback", () => {
  for (const [bad, described] of [[1, "number"], [null, "null"], [["SMS"], "object"]] as [unknown, string][]) {
    const expected = { name: "TypeError", message: `a value of MessageChannel must be a string, not ${described}` };
    assert.throws(() => channel.fromGraphQL(bad as string), expected);
    assert.throws(() => channel.fromGraphQL(bad as string, 0), expected);
  }
});

test("strings, numbers and values are in number order, deprecated values included", () => {
  assert.deepEqual(channel.strings(), ["EMAIL", "INTERCOM", "JUNIFER", "PRINT", "PUSH_NOTIFICATION", "SMS"]);
  assert.deepEqual(channel.numbers(), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(units.values().map((v) => [v.number, v.graphqlValue, v.protoName, v.deprecated]), [
    [1, "CELSIUS", "PREFERENCES_UNIT_CHOICES_CELSIUS", false],
    [2, "PERCENTAGE", "PREFERENCES_UNIT_CHOICES_PERCENTAGE", false],
    [3, "PERCENTAGE_ABSOLUTE", "PREFERENCES_UNIT_CHOICES_PERCENTAGE_ABSOLUTE", true],
    [4, "PERCENTAGE_RELATIVE", "PREFERENCES_UNIT_CHOICES_PERCENTAGE_RELATIVE", true],
  ]);
  assert.equal(units.size, 4);
  assert.equal(channel.size, 6);
});

test("isDeprecated and description read the value's options; empty when upstream gives no description", () => {
  assert.equal(units.isDeprecated(3), true);
  assert.equal(units.isDeprecated(2), false);
  const frequency = enumMapping(ReadingFrequencyTypeSchema);
  assert.equal(frequency.description(1), "Readings taken on a day to day basis.");
  assert.equal(frequency.description(2), "");
  // Upstream documents KrakenFlexDeviceStatusChoices' values only inside the enum's description: the value options carry none.
  assert.equal(enumMapping(KrakenFlexDeviceStatusChoicesSchema).description(2), "");
  assert.equal(enumMapping(ReadingDirectionTypeSchema).description(2), "Reading is based on the utility generated by the customer.\nFor example: This will return solar readings if a customer has solar panels installed at their location.");
});

test("isDeprecated and description of 0 or an unknown number throw like toGraphQL", () => {
  assert.throws(() => units.isDeprecated(0), /0 is the UNSPECIFIED value, which has no GraphQL string/);
  assert.throws(() => units.description(5), /knows numbers 1\.\.4/);
  assert.throws(() => units.description(2.5), { name: "TypeError", message: "a number of PreferencesUnitChoices must be an integer, not non-integer number 2.5" });
});

test("protoName and fromProtoName convert both ways, the UNSPECIFIED zero value included", () => {
  assert.equal(channel.protoName(0), "MESSAGE_CHANNEL_UNSPECIFIED");
  assert.equal(channel.protoName(4), "MESSAGE_CHANNEL_PRINT");
  assert.equal(channel.fromProtoName("MESSAGE_CHANNEL_UNSPECIFIED"), 0);
  assert.equal(channel.fromProtoName("MESSAGE_CHANNEL_SMS"), 6);
  assert.throws(() => channel.protoName(7), /knows numbers 1\.\.6/);
});

test("fromProtoName is exact: an unknown name suggests proto names close to its upper-cased form; a non-string is a TypeError", () => {
  assert.throws(() => channel.fromProtoName("message_channel_sms"), unknown(
    "'message_channel_sms' is not a value of MessageChannel: no value has this proto name; closest: 'MESSAGE_CHANNEL_SMS', 'MESSAGE_CHANNEL_EMAIL', 'MESSAGE_CHANNEL_PRINT'",
    { enumName: "MessageChannel", value: "message_channel_sms", reason: "no value has this proto name",
      // difflib ratios against MESSAGE_CHANNEL_SMS: itself 1.0, _EMAIL 34/40, _PRINT 32/40, _INTERCOM 34/43 (4th, left out)
      suggestions: ["MESSAGE_CHANNEL_SMS", "MESSAGE_CHANNEL_EMAIL", "MESSAGE_CHANNEL_PRINT"] }));
  assert.throws(() => channel.fromProtoName("SMS"), unknown("'SMS' is not a value of MessageChannel: no value has this proto name",
    { enumName: "MessageChannel", value: "SMS", reason: "no value has this proto name", suggestions: [] }));
  assert.throws(() => channel.fromProtoName(6 as unknown as string), { name: "TypeError", message: "a proto value name of MessageChannel must be a string, not number" });
});

test("the enum's own facts: graphqlName from the graphql_name option, fullName, deprecated", () => {
  assert.equal(channel.graphqlName, "MessageChannel");
  assert.equal(channel.fullName, "kraken.enums.v1.MessageChannel");
  assert.equal(channel.deprecated, false);
  assert.equal(channel.descriptor, MessageChannelSchema);
});

test("enumMapping builds one mapping per descriptor and returns it again", () => {
  assert.equal(enumMapping(MessageChannelSchema), channel);
  assert.notEqual(new EnumMapping(MessageChannelSchema), channel);
});

test("without a graphql_name option the graphqlName is the descriptor's name; an enum with only its zero value knows no numbers", () => {
  const m = new EnumMapping(handMade("proto3", [{ name: "SHAPE_UNSPECIFIED", number: 0 }], true));
  assert.equal(m.graphqlName, "Shape");
  assert.equal(m.fullName, "handmade.Shape");
  assert.equal(m.deprecated, true);
  assert.equal(m.size, 0);
  assert.deepEqual(m.strings(), []);
  assert.throws(() => m.toGraphQL(1), /this version of kraken-proto knows numbers none/);
});

test("a descriptor not generated by kraken-proto is refused: a value without graphql_value, or no zero value", () => {
  assert.throws(() => new EnumMapping(handMade("proto3", [{ name: "SHAPE_UNSPECIFIED", number: 0 }, { name: "SHAPE_ROUND", number: 1 }])),
    { message: "handmade.Shape.SHAPE_ROUND has no graphql_value option: the generated code is not from kraken-proto generate" });
  assert.throws(() => new EnumMapping(handMade("proto2", [])),
    { message: "handmade.Shape has no zero value: the generated code is not from kraken-proto generate" });
});

test("enumMapping of something that is not an enum descriptor throws a TypeError naming what it was given", () => {
  const notDescriptors: [unknown, RegExp][] = [
    [{}, /not an object that is not an enum descriptor \(kind: undefined\)$/],
    [null, /not null$/],
    ["AccountStatus", /not string$/],
    [{ kind: "message", values: [] }, /\(kind: message\)$/],
  ];
  for (const [given, tail] of notDescriptors) {
    assert.throws(() => enumMapping(given as DescEnum), (error: unknown) => {
      assert.ok(error instanceof TypeError);
      assert.match(error.message, /^enumMapping takes a generated enum descriptor, e\.g\. AccountStatusSchema \(or use get\("AccountStatus"\)\), not /);
      assert.match(error.message, tail);
      return true;
    });
  }
});
