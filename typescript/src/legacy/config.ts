/**
 * The mapping's configuration (docs/legacy.md): every key has a documented
 * default (mirrors `vibe_contracts/legacy/config.py`; the plain form of
 * `mappingConfigFromDict` is Python's `MappingConfig.from_dict` form, with
 * the same errors).
 *
 * @module
 */

import { checkNumber, childPath, isObject, typeError, type Ctx, type NumberRule } from "../check.js";
import { ContractError, type Violation } from "../errors.js";
import { ENUMS, MESSAGES } from "../gen/v1/tables.js";
import type { Venue } from "../gen/v1/types.js";
import { checkVenue } from "../gen/v1/validators.js";
import { pyStrRepr } from "../pyrepr.js";
import { byCodePoint } from "../redact.js";
import type { FieldSpec } from "../spec.js";
import { trimmed } from "./text.js";

export type NameOrder = "given_first" | "family_first";

/** Moscow: the legacy streams carry no time zone, so a venue not in the table gets this offset. */
export const DEFAULT_OFFSET = 3.0;

/** What the venue table knows of a legacy venue id: the v1 Venue's fields (JSON form), and the venue's UTC offset. */
export type VenueEntry = Omit<Venue, "id"> & { readonly offset?: number };

/** What `new MappingConfig()` takes; a key left out has its default. */
export interface MappingConfigInit {
  /** Legacy category id → v1 category. Default: empty; an id not in it maps to `other`. */
  readonly categories?: Readonly<Record<string, string>> | ReadonlyMap<string, string>;
  /** Legacy venue id → the v1 Venue and its UTC offset. Default: empty; a venue not in it is left out of the Event, which gets `defaultOffset`. */
  readonly venues?: Readonly<Record<string, VenueEntry>> | ReadonlyMap<string, VenueEntry>;
  /** UTC offset, in hours, of an event whose venue has none. Default: 3.0 (Moscow). */
  readonly defaultOffset?: number;
  /** Order of a customer's full name. Default `given_first`; `family_first` for ФИО. */
  readonly nameOrder?: NameOrder;
  /** Country code given to a national phone number (8 + 10 digits, or 10 digits from 9). Default `"7"`. */
  readonly phoneCountryCode?: string;
  /** Partner roles not produced as Organizers (compared trimmed, lower case). Default: none. */
  readonly skipRoles?: Iterable<string>;
}

const COUNTRY_CODE = /^[1-9][0-9]{0,2}$/;
const VENUE_FIELDS = (MESSAGES.Venue as { fields: readonly FieldSpec[] }).fields.map((f) => f.name);
const VENUE_KEYS = [...VENUE_FIELDS.filter((k) => k !== "id"), "offset"];
const KEYS = ["categories", "venues", "default_offset", "name_order", "phone_country_code", "skip_roles"];
const CATEGORIES = Object.keys((ENUMS.EventCategory as { numbers: Record<string, number> }).numbers);
const OFFSET = numberRule((MESSAGES.Event as { fields: readonly FieldSpec[] }).fields.find((f) => f.name === "offset")!);

/**
 * How legacy records become v1 messages. Frozen; the constructor checks every
 * key and throws ContractError (paths are the plain form's snake_case keys).
 */
export class MappingConfig {
  readonly categories: ReadonlyMap<string, string>;
  readonly venues: ReadonlyMap<string, VenueEntry>;
  readonly defaultOffset: number;
  readonly nameOrder: NameOrder;
  readonly phoneCountryCode: string;
  readonly skipRoles: ReadonlySet<string>;
  readonly #skipped: ReadonlySet<string>;

  constructor(init: MappingConfigInit = {}) {
    this.categories = new Map(entries(init.categories));
    this.venues = new Map(entries(init.venues));
    // `=== undefined`, not `??`: a null from plain data is a value, and refused
    this.defaultOffset = init.defaultOffset === undefined ? DEFAULT_OFFSET : init.defaultOffset;
    this.nameOrder = init.nameOrder === undefined ? "given_first" : init.nameOrder;
    this.phoneCountryCode = init.phoneCountryCode === undefined ? "7" : init.phoneCountryCode;
    this.skipRoles = new Set(init.skipRoles ?? []);
    this.#skipped = new Set([...this.skipRoles].map(normalRole));
    const errors = problems(this);
    if (errors.length) throw new ContractError(errors);
    Object.freeze(this);
  }

  /** Whether a Partner of this role is not produced (compared trimmed, lower case). */
  skipsRole(role: string): boolean {
    return this.#skipped.has(normalRole(role));
  }
}

/** A role as the skip list compares it. */
export function normalRole(role: string): string {
  return (trimmed(role) ?? "").toLowerCase();
}

/** The v1 Venue (JSON form) of a venue table entry. */
export function venueOf(entry: VenueEntry, venueId: string): Venue {
  const doc: Record<string, unknown> = { id: venueId };
  for (const k of VENUE_FIELDS) {
    const value = (entry as Record<string, unknown>)[k];
    if (k !== "id" && value !== undefined && value !== null) doc[k] = value;
  }
  return doc as unknown as Venue;
}

/**
 * A config from plain data (JSON, a TOML table) in Python's snake_case form:
 * `{categories, venues, default_offset, name_order, phone_country_code, skip_roles}`.
 * Throws ContractError naming the bad key; a key whose value is undefined is absent.
 */
export function mappingConfigFromDict(data: unknown): MappingConfig {
  if (!isObject(data)) throw ContractError.at("", "type", "expected a table");
  const given = present(data);
  const unknown = Object.keys(given).filter((k) => !KEYS.includes(k)).sort(byCodePoint);
  if (unknown.length) {
    throw new ContractError(unknown.map((k) => ({ path: childPath("", k), rule: "unknown_field", message: "not a config key" })));
  }
  const venues = "venues" in given ? plainVenues(given.venues) : undefined;
  const roles = given.skip_roles;
  if ("skip_roles" in given && !(Array.isArray(roles) && roles.every((r) => typeof r === "string"))) {
    throw ContractError.at("skip_roles", "type", "expected a list of strings");
  }
  if ("categories" in given && !isObject(given.categories)) throw ContractError.at("categories", "type", "expected a table");
  return new MappingConfig({
    categories: given.categories as Record<string, string> | undefined,
    venues,
    defaultOffset: given.default_offset as number | undefined,
    nameOrder: given.name_order as NameOrder | undefined,
    phoneCountryCode: given.phone_country_code as string | undefined,
    skipRoles: roles as string[] | undefined,
  });
}

/** The own keys of `o` whose value is not undefined, in a prototype-less object. */
function present(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}

function plainVenues(data: unknown): Map<string, VenueEntry> {
  if (!isObject(data)) throw ContractError.at("venues", "type", "expected a table");
  const venues = new Map<string, VenueEntry>();
  for (const [venueId, entry] of byKey(Object.entries(data))) {
    const path = childPath("venues", venueId);
    if (!isObject(entry)) throw ContractError.at(path, "type", "expected a table");
    const keys = Object.keys(present(entry));
    const unknown = keys.filter((k) => !VENUE_KEYS.includes(k)).sort(byCodePoint)[0];
    if (unknown !== undefined) throw ContractError.at(childPath(path, unknown), "unknown_field", "not a venue key");
    if (!keys.includes("name")) throw ContractError.at(childPath(path, "name"), "required", "is required");
    venues.set(venueId, entry as unknown as VenueEntry);
  }
  return venues;
}

function entries<V>(given: Readonly<Record<string, V>> | ReadonlyMap<string, V> | undefined): Iterable<[string, V]> {
  if (given === undefined) return [];
  return given instanceof Map ? given : Object.entries(given);
}

/**
 * Entries in code-point order of their keys, as Python's config reports them: an object
 * lists integer-like keys first, whatever order its source was written in.
 */
function byKey<V>(entries: Iterable<[string, V]>): [string, V][] {
  return [...entries].sort(([a], [b]) => byCodePoint(a, b));
}

function problems(config: MappingConfig): Violation[] {
  const errors: Violation[] = [];
  const c: Ctx = { strict: true, errors, trail: [], src: undefined };
  for (const [legacyId, category] of byKey(config.categories)) {
    const path = childPath("categories", legacyId);
    if (typeof category !== "string") typeError(c, path, "string", category);
    else if (!CATEGORIES.includes(category)) {
      errors.push({ path, rule: "enum", message: `${pyStrRepr(category)} is not one of ${CATEGORIES.join(", ")}` });
    }
  }
  for (const [venueId, entry] of byKey(config.venues)) {
    const path = childPath("venues", venueId);
    if (!isObject(entry)) {
      errors.push({ path, rule: "type", message: "expected a VenueEntry" });
      continue;
    }
    const unknown = Object.keys(present(entry)).filter((k) => !VENUE_KEYS.includes(k)).sort(byCodePoint)[0];
    if (unknown !== undefined) errors.push({ path: childPath(path, unknown), rule: "unknown_field", message: "not a venue key" });
    const found: Violation[] = [];
    checkVenue(venueOf(entry, venueId), { strict: true, errors: found, trail: [], src: undefined, quotes: 0 });
    errors.push(...found.map((v) => ({ ...v, path: childPath(path, v.path) })));
    if (entry.offset !== undefined && entry.offset !== null) number(entry.offset, childPath(path, "offset"), errors);
  }
  number(config.defaultOffset, "default_offset", errors);
  if (config.nameOrder !== "given_first" && config.nameOrder !== "family_first") {
    errors.push({ path: "name_order", rule: "enum", message: "is not one of given_first, family_first" });
  }
  if (typeof config.phoneCountryCode !== "string" || !COUNTRY_CODE.test(config.phoneCountryCode)) {
    errors.push({ path: "phone_country_code", rule: "pattern", message: "needs 1 to 3 digits, not starting with 0" });
  }
  return errors;
}

/** The Event `offset` rules on a config number, reported at `path`. */
function number(value: unknown, path: string, errors: Violation[]): void {
  const found: Violation[] = [];
  checkNumber({ strict: true, errors: found, trail: [], src: undefined }, "n", value, OFFSET);
  errors.push(...found.map((v) => ({ ...v, path })));
}

/** A number field's rules with the texts Python words them in (`validate._range`). */
function numberRule(f: FieldSpec): NumberRule {
  const low = f.minimum === undefined ? "(-inf" : `[${f.minimum}`;
  const high = f.exclusiveMaximum !== undefined ? `${f.exclusiveMaximum})` : f.maximum === undefined ? "inf)" : `${f.maximum}]`;
  return {
    integer: f.kind === "int64",
    minimum: f.minimum,
    maximum: f.maximum,
    exclusiveMaximum: f.exclusiveMaximum,
    multipleOf: f.multipleOf,
    range: `${low}, ${high}`,
    multipleText: f.multipleOf === undefined ? undefined : `must be a multiple of ${f.multipleOf}`,
  };
}
