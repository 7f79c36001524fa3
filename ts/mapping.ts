// One Kraken enum's two-way mapping between proto numbers and documented GraphQL strings, read from
// the `graphql_value` / `graphql_name` options in the descriptors that protoc-gen-es generated into
// gen/ts: the TypeScript twin of kraken_proto.mapping, with the same rules and the same errors.
//
//   import { enumMapping } from "./ts/mapping.js";
//   import { ReferralStatusChoicesSchema } from "./gen/ts/kraken/enums/v1/referral_status_choices_pb.js";
//   const m = enumMapping(ReferralStatusChoicesSchema);
//   m.toGraphQL(1);              // "Cancelled"
//   m.fromGraphQL("Cancelled");  // 1
//   m.fromGraphQL("CANCELLED");  // throws UnknownEnumValueError: 'CANCELLED' is not a value of
//                                // ReferralStatusChoices: strings are exact and case-sensitive; closest: 'Cancelled'

import { getOption, type DescEnum } from "@bufbuild/protobuf";
import { graphql_name, graphql_value, graphql_value_description } from "../gen/ts/kraken/enums/v1/options_pb.js";
import { casefold, getCloseMatches, pyRepr, pyStrip } from "./python.js";

/** A string or number that is not a value of the enum it was given for (Python: a ValueError). */
export class UnknownEnumValueError extends RangeError {
  override readonly name = "UnknownEnumValueError";

  constructor(
    readonly enumName: string,
    readonly value: string | number,
    readonly reason: string,
    readonly suggestions: readonly string[] = [],
  ) {
    const hint = suggestions.length > 0 ? `; closest: ${suggestions.map(pyRepr).join(", ")}` : "";
    super(`${pyRepr(value)} is not a value of ${enumName}: ${reason}${hint}`);
  }
}

/** Everything the contract says about one non-zero value. */
export interface ValueInfo {
  readonly number: number;
  readonly protoName: string;
  /** The value's exact documented GraphQL string, e.g. "Cancelled" (`graphql_value` in docs/architecture.md). */
  readonly graphqlValue: string;
  /** @deprecated Use `graphqlValue`; kept until kraken-proto 1.0. */
  readonly string: string;
  readonly description: string;
  readonly deprecated: boolean;
}

export class EnumMapping {
  readonly graphqlName: string;
  readonly fullName: string;
  readonly deprecated: boolean;
  readonly #info = new Map<number, ValueInfo>();
  readonly #fromString = new Map<string, number>();
  readonly #byProtoName = new Map<string, number>();
  readonly #strings: readonly string[];
  readonly #zeroName: string;

  constructor(readonly descriptor: DescEnum) {
    this.fullName = descriptor.typeName;
    this.graphqlName = getOption(descriptor, graphql_name) || descriptor.name;
    this.deprecated = descriptor.deprecated;
    let zeroName: string | undefined;
    for (const value of [...descriptor.values].sort((p, q) => p.number - q.number)) {
      this.#byProtoName.set(value.name, value.number);
      if (value.number === 0) {
        zeroName = value.name;
        continue;
      }
      const graphqlValue = getOption(value, graphql_value);
      if (!graphqlValue) {
        throw new Error(`${descriptor.typeName}.${value.name} has no graphql_value option: the generated code is not from kraken-proto generate`);
      }
      const info = { number: value.number, protoName: value.name, graphqlValue, string: graphqlValue, description: getOption(value, graphql_value_description), deprecated: value.deprecated };
      this.#info.set(value.number, info);
      this.#fromString.set(graphqlValue, value.number);
    }
    if (zeroName === undefined) throw new Error(`${descriptor.typeName} has no zero value: the generated code is not from kraken-proto generate`);
    this.#zeroName = zeroName;
    this.#strings = [...this.#info.values()].map((i) => i.graphqlValue);
  }

  /** The documented GraphQL string of `number` (Python: to_string); the fallback instead of
   * throwing, if one is given (even `undefined`). 0 and unknown numbers throw UnknownEnumValueError;
   * anything but an integer number throws TypeError. */
  toGraphQL(number: number): string;
  toGraphQL<D>(number: number, fallback: D): string | D;
  toGraphQL<D>(number: number, ...fallback: [D?]): string | D {
    const info = isInt(number) ? this.#info.get(number) : undefined;
    if (info !== undefined) return info.graphqlValue;
    if (isInt(number) && fallback.length > 0) return fallback[0] as D;
    throw this.#badNumber(number);
  }

  /** The number of a documented string (Python: from_string): exact and case-sensitive. */
  fromGraphQL(text: string): number;
  fromGraphQL<D>(text: string, fallback: D): number | D;
  fromGraphQL<D>(text: string, ...fallback: [D?]): number | D {
    const found = typeof text === "string" ? this.#fromString.get(text) : undefined;
    if (found !== undefined) return found;
    if (typeof text === "string" && fallback.length > 0) return fallback[0] as D;
    throw this.#badString(text);
  }

  /** Every documented string, in number order (deprecated ones included). */
  strings(): readonly string[] {
    return this.#strings;
  }

  numbers(): number[] {
    return [...this.#info.keys()];
  }

  values(): ValueInfo[] {
    return [...this.#info.values()];
  }

  description(number: number): string {
    return this.#value(number).description;
  }

  isDeprecated(number: number): boolean {
    return this.#value(number).deprecated;
  }

  /** The proto value name; 0 gives the `*_UNSPECIFIED` name. */
  protoName(number: number): string {
    return number === 0 ? this.#zeroName : this.#value(number).protoName;
  }

  /** The number of a proto value name, `*_UNSPECIFIED` (0) included. */
  fromProtoName(name: string): number {
    if (typeof name !== "string") throw new TypeError(`a proto value name of ${this.graphqlName} must be a string, not ${typeName(name)}`);
    const found = this.#byProtoName.get(name);
    if (found !== undefined) return found;
    throw new UnknownEnumValueError(this.graphqlName, name, "no value has this proto name", getCloseMatches(name.toUpperCase(), this.#byProtoName.keys(), 3));
  }

  get size(): number {
    return this.#info.size;
  }

  #value(number: number): ValueInfo {
    const info = isInt(number) ? this.#info.get(number) : undefined;
    if (info === undefined) throw this.#badNumber(number);
    return info;
  }

  #badNumber(number: unknown): Error {
    if (!isInt(number)) return new TypeError(`a number of ${this.graphqlName} must be an integer, not ${typeName(number)}`);
    if (number === 0) return new UnknownEnumValueError(this.graphqlName, number, "0 is the UNSPECIFIED value, which has no GraphQL string");
    const known = [...this.#info.keys()];
    const span = known.length > 0 ? `${known[0]}..${known[known.length - 1]}` : "none";
    return new UnknownEnumValueError(this.graphqlName, number, `this version of kraken-proto knows numbers ${span} (a newer producer may have added it)`);
  }

  #badString(text: unknown): Error {
    if (typeof text !== "string") return new TypeError(`a value of ${this.graphqlName} must be a string, not ${typeName(text)}`);
    const wanted = casefold(pyStrip(text));
    const folded = this.#strings.filter((s) => casefold(s) === wanted);
    const close = [...folded, ...getCloseMatches(text, this.#strings, 3).filter((s) => !folded.includes(s))];
    const reason = folded.length > 0 ? "strings are exact and case-sensitive" : "not a documented string";
    return new UnknownEnumValueError(this.graphqlName, text, reason, close.slice(0, 3));
  }
}

const cache = new WeakMap<DescEnum, EnumMapping>();

/** The mapping of a generated enum schema (e.g. `AccountStatusSchema`), built once per enum. */
export function enumMapping(descriptor: DescEnum): EnumMapping {
  // Plain JavaScript callers (and `as any`) can hand in anything: name what was given instead of failing
  // deep inside with "descriptor.values is not iterable".
  const given: unknown = descriptor;
  if (typeof given !== "object" || given === null || (given as { kind?: unknown }).kind !== "enum" || !Array.isArray((given as { values?: unknown }).values)) {
    const what = typeof given === "object" && given !== null ? `an object that is not an enum descriptor (kind: ${String((given as { kind?: unknown }).kind)})` : typeName(given);
    throw new TypeError(`enumMapping takes a generated enum descriptor, e.g. AccountStatusSchema (or use get("AccountStatus")), not ${what}`);
  }
  let mapping = cache.get(descriptor);
  if (mapping === undefined) {
    mapping = new EnumMapping(descriptor);
    cache.set(descriptor, mapping);
  }
  return mapping;
}

function isInt(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value);
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "number" && !Number.isInteger(value)) return Number.isNaN(value) ? "NaN" : `non-integer number ${value}`;
  return typeof value;
}
