/**
 * Number and string formatting as Python prints it: `repr()` for error
 * messages (so both languages report the same text) and msgspec's JSON
 * float form for canonical output (`3.0`, `1e-7`, `1e16`).
 *
 * @module
 */

/** The shortest round-trip digits of `a > 0` and its decimal exponent (`a = d.ddd × 10^exp`). */
function decompose(a: number): [digits: string, exp: number] {
  const s = String(a);
  const e = s.indexOf("e");
  const mantissa = e < 0 ? s : s.slice(0, e);
  const dot = mantissa.indexOf(".");
  const whole = dot < 0 ? mantissa : mantissa.slice(0, dot);
  let digits = whole + (dot < 0 ? "" : mantissa.slice(dot + 1));
  let point = whole.length + (e < 0 ? 0 : Number(s.slice(e + 1)));
  let lead = 0;
  while (digits.charCodeAt(lead) === 48) lead++;
  digits = digits.slice(lead).replace(/0+$/, "");
  point -= lead;
  return [digits, point - 1];
}

function fixed(digits: string, exp: number): string {
  if (exp < 0) return `0.${"0".repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${digits}${"0".repeat(exp + 1 - digits.length)}.0`;
  return `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

function scientific(digits: string, exp: number, expText: string): string {
  return `${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ""}e${expText}`;
}

/** Python's `repr(float)`: `15.0`, `0.0001`, `1e-05`, `1.5e+16`, `-0.0`, `inf`, `nan`. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return 1 / x < 0 ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  const [digits, exp] = decompose(Math.abs(x));
  if (exp < -4 || exp >= 16) {
    const e = `${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
    return sign + scientific(digits, exp, e);
  }
  return sign + fixed(digits, exp);
}

/** Python's `repr(int(x))` for an integral double: exact digits, also beyond 2^53. */
export function pyIntRepr(x: number): string {
  return Number.isSafeInteger(x) ? String(x + 0) : BigInt(x).toString();
}

/**
 * A finite double as msgspec writes it in JSON: shortest round-trip digits,
 * integral values with `.0`, exponent form below 1e-5 and from 1e16 on.
 */
export function jsonDouble(x: number): string {
  if (x === 0) return 1 / x < 0 ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  const [digits, exp] = decompose(Math.abs(x));
  if (exp < -5 || exp >= 16) return sign + scientific(digits, exp, String(exp));
  return sign + fixed(digits, exp);
}

// Python's str.isprintable(): everything but the Other and Separator categories (space excepted).
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

function hex(cp: number, width: number): string {
  return cp.toString(16).padStart(width, "0");
}

/** Python's `repr(str)`: quotes chosen as Python does, escapes of non-printable characters. */
export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (ch === quote || ch === "\\") out += `\\${ch}`;
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${hex(cp, 2)}`;
    else if (cp < 0x7f || !NON_PRINTABLE.test(ch)) out += ch;
    else if (cp <= 0xff) out += `\\x${hex(cp, 2)}`;
    else if (cp <= 0xffff) out += `\\u${hex(cp, 4)}`;
    else out += `\\U${hex(cp, 8)}`;
  }
  return out + quote;
}

/** The most characters of a value a message quotes (Python's `QUOTED_PREFIX`). */
export const QUOTED_PREFIX = 32;

/** A string as a message quotes it (Python's `quoted`): its repr, cut to its first 32 code points and `…`. */
export function pyQuoted(s: string): string {
  if (s.length <= QUOTED_PREFIX) return pyStrRepr(s);
  const points = Array.from(s);
  return points.length <= QUOTED_PREFIX ? pyStrRepr(s) : `${pyStrRepr(points.slice(0, QUOTED_PREFIX).join(""))}…`;
}

/** Python's `repr()` of a JSON-form value, for the values messages show (a string: `pyQuoted`). */
export function pyRepr(value: unknown): string {
  switch (typeof value) {
    case "string":
      return pyQuoted(value);
    case "number":
      return Number.isInteger(value) ? pyIntRepr(value) : pyFloatRepr(value);
    case "boolean":
      return value ? "True" : "False";
    case "undefined":
      return "None";
    default:
      return value === null ? "None" : String(value);
  }
}
