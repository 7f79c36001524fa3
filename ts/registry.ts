// Every Kraken enum by GraphQL name and by full proto name: the npm package's get() and enumNames(),
// with the Python API's rules (kraken_proto.get / enum_names) and its errors.

import type { DescEnum } from "@bufbuild/protobuf";
import * as generated from "../gen/ts/kraken/enums/v1/index.js";
import { type EnumMapping, enumMapping } from "./mapping.js";
import { casefold, getCloseMatches, pyRepr } from "./python.js";

/** A name that names none of the Kraken enums (Python: UnknownEnumError, a LookupError). */
export class UnknownEnumError extends RangeError {
  override readonly name = "UnknownEnumError";

  constructor(
    readonly key: string,
    readonly suggestions: readonly string[] = [],
  ) {
    const hint = suggestions.length > 0 ? `; did you mean ${suggestions.map(pyRepr).join(", ")}?` : "";
    super(`${pyRepr(key)} is not a Kraken enum (give a GraphQL name or a full proto name)${hint}`);
  }
}

let registry: { names: string[]; lookup: Map<string, EnumMapping> } | undefined;

function load(): { names: string[]; lookup: Map<string, EnumMapping> } {
  if (registry === undefined) {
    const lookup = new Map<string, EnumMapping>();
    for (const exported of Object.values(generated) as unknown[]) {
      const desc = exported as DescEnum;
      if (typeof exported !== "object" || exported === null || desc.kind !== "enum") continue;
      const mapping = enumMapping(desc);
      lookup.set(mapping.graphqlName, mapping);
      lookup.set(mapping.fullName, mapping);
    }
    const names = [...new Set([...lookup.values()].map((m) => m.graphqlName))].sort(compare);
    registry = { names, lookup };
  }
  return registry;
}

function compare(p: string, q: string): number {
  return p < q ? -1 : p > q ? 1 : 0;
}

/** The GraphQL names of every Kraken enum, sorted (Python: enum_names()). */
export function enumNames(): string[] {
  return [...load().names];
}

/** The mapping of the enum with this GraphQL name ("AccountStatus") or full proto name
 * ("kraken.enums.v1.AccountStatus"); anything else throws UnknownEnumError naming the closest names. */
export function get(name: string): EnumMapping {
  if (typeof name !== "string") throw new TypeError(`an enum name must be a string, not ${typeof name}`);
  const { names, lookup } = load();
  const found = lookup.get(name);
  if (found !== undefined) return found;
  let suggestions: string[] = [];
  if (name !== "") {
    const folded = casefold(name);
    suggestions = names.filter((n) => casefold(n).includes(folded));
    const candidates = [...names, ...names.map((n) => lookup.get(n)!.fullName)];
    suggestions.push(...getCloseMatches(name, candidates, 3).filter((n) => !suggestions.includes(n)));
  }
  throw new UnknownEnumError(name, suggestions.slice(0, 3));
}
