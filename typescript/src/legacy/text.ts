/**
 * The value rules of the mapping (docs/legacy.md): trimming, names, phones, times
 * (mirrors `vibe_contracts/legacy/text.py`). White space is ECMAScript's
 * (`String.prototype.trim`, `\s`), the same characters Python strips.
 *
 * @module
 */

const RUN = /\s+/;
const NON_DIGITS = /[^0-9]+/g;

/** The string without surrounding white space; undefined when nothing is left (proto3's "unset"). */
export function trimmed(value: string): string | undefined {
  return value.trim() || undefined;
}

/** The words of a string, split on runs of white space. */
export function words(value: string): string[] {
  const text = value.trim();
  return text ? text.split(RUN) : [];
}

/** [first_name, last_name]: one word is a first name; more split off the first word. */
export function splitName(value: string, familyFirst: boolean): [string | undefined, string | undefined] {
  const parts = words(value);
  const head = parts[0];
  if (head === undefined) return [undefined, undefined];
  if (parts.length === 1) return [head, undefined];
  const rest = parts.slice(1).join(" ");
  return familyFirst ? [rest, head] : [head, rest];
}

/** The ASCII digits of a string. */
export function digits(value: string): string {
  return value.replace(NON_DIGITS, "");
}

/** The number's digits as E.164: a national form (8 + 10 digits, or 10 digits from 9) gets the country code. */
export function phoneE164(value: string, countryCode: string): string | undefined {
  const d = digits(value);
  if (!d) return undefined;
  if (d.length === 11 && d[0] === "8") return `+${countryCode}${d.slice(1)}`;
  if (d.length === 10 && d[0] === "9") return `+${countryCode}${d}`;
  return `+${d}`;
}

/**
 * A Timestamp in milliseconds, exact (a bigint: the range is checked before it
 * becomes a number); the zero Timestamp (1970-01-01T00:00:00Z) counts as unset.
 */
export function millis(seconds: bigint, nanos: number): bigint | undefined {
  if (seconds === 0n && nanos === 0) return undefined;
  return seconds * 1000n + BigInt(Math.floor(nanos / 1_000_000));
}
