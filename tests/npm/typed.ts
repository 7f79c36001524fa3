// A user's strict TypeScript (moduleResolution nodenext) against the installed npm package: the types
// come from the package's .d.ts files, and the @ts-expect-error lines prove they are not `any`.
// Compiled and run by tests/test_npm_package.py in a scratch project outside the repository.
import { AccountStatus, AccountStatusSchema, type EnumMapping, UnknownEnumError, UnknownEnumValueError, enumMapping, enumNames, get } from "kraken-proto";
import { ReferralStatusChoices, ReferralStatusChoicesSchema } from "kraken-proto/enums/referral_status_choices";

const m: EnumMapping = get("ReferralStatusChoices");
const cancelled: string = m.toGraphQL(ReferralStatusChoices.CANCELLED);
const active: number = enumMapping(AccountStatusSchema).fromGraphQL("ACTIVE");
const unknown: string | null = m.toGraphQL(1000, null);
const sameEnum: boolean = enumMapping(ReferralStatusChoicesSchema) === m;

// Compiled, never called: each line must be a type error, or tsc fails on the unused directive.
export function typeErrors(): void {
  // @ts-expect-error: get() takes a name
  get(AccountStatus.ACTIVE);
  // @ts-expect-error: not a member of the generated enum
  void AccountStatus.NOT_A_VALUE;
  // @ts-expect-error: the GraphQL value is a string
  m.fromGraphQL(1);
}

let wrongCase = "";
try {
  m.fromGraphQL("CANCELLED");
} catch (error) {
  if (error instanceof UnknownEnumValueError) wrongCase = `${error.enumName}: ${error.message}`;
}
let noEnum = "";
try {
  get("Nope");
} catch (error) {
  if (error instanceof UnknownEnumError) noEnum = error.name;
}
console.log(JSON.stringify({ cancelled, active, isActive: active === AccountStatus.ACTIVE, unknown, sameEnum, wrongCase, noEnum, enums: enumNames().length }));
