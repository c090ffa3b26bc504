/**
 * The one pass over JSON input a decode makes besides `JSON.parse` (json.ts):
 * counting its `"` characters (the count proves that no key repeats), and
 * whether it holds a backslash (else no escape) or, for a string, a surrogate
 * code unit. UTF-8 bytes are decoded to their string in the same pass
 * (`utf8Text`).
 *
 * The pass runs in WebAssembly (16 bytes at a time, SIMD) when the runtime
 * has it and `Buffer` (to copy the input into its memory and read strings
 * out), else in plain loops and `TextDecoder`: the same answers either way.
 * Profiled on an 820-byte Order (two-byte text), CPU time alone: the quote
 * count of a string 0.6 µs in the best JavaScript loop, 0.18 µs here; bytes to
 * a string 1.2 µs in `TextDecoder` (or `Buffer.toString`), 0.46 µs here with
 * the count.
 *
 * @module
 */

/** Below this length the plain loop is the faster count of a string (the copy costs more than it saves). */
const SMALL = 64;
/** Bytes copied into the kernel's memory at a time to count them (a string: half as many code units). */
const CHUNK = 1 << 16;
/** Where inputs start in the kernel's memory; `utf8` leaves its count and flags in the 8 bytes before. */
const IN = 16;
/** The longest bytes `utf8Text` decodes (the memory holds them and their UTF-16: three times as much). */
const MAX_TEXT = 1 << 20;
const PAGE = 1 << 16;

/** The kernel's exports; `mem` is its memory as a Buffer, remade when the memory grows. */
interface Kernel {
  mem: Buffer;
  words: Int32Array;
  readonly memory: { buffer: ArrayBuffer; grow: (pages: number) => number };
  /**
   * Among the `n` bytes at IN: those equal to 0x22 times 2, plus 1 if one is
   * 0x5C. Zeroes the 16 bytes after them.
   */
  readonly bytes: (n: number) => number;
  /**
   * Among the 16-bit little-endian units of the `n` bytes at IN (`n` even):
   * those equal to 0x0022, times 4, plus 2 if one is 0x005C, plus 1 if one
   * is a surrogate (0xD800–0xDFFF). Zeroes the 16 bytes after them.
   */
  readonly units: (n: number) => number;
  /**
   * The `n` bytes at IN decoded from UTF-8 into UTF-16 at `out`: the code
   * units written, or -1 when the bytes are not well-formed UTF-8 (as a
   * `fatal` `TextDecoder` judges them). Leaves in word 0 the number of 0x22
   * bytes, in word 1 the flags: 1 if a byte is 0x5C, 2 if one is not ASCII.
   */
  readonly utf8: (n: number, out: number) => number;
}

/**
 * What the assembler below takes: bytes as they are, a branch (`br`, or
 * `br_if` when `cond`) to a named enclosing block, or a block (`block`,
 * `loop`, or `if` on the value on the stack) of instructions.
 */
type Code = number | { br: string; cond: boolean } | { kind: "block" | "loop" | "if"; label: string; body: Code[] };

const uleb = (v: number): number[] => (v < 0x80 ? [v] : [(v & 0x7f) | 0x80, ...uleb(v >>> 7)]);

function sleb(v: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && !(b & 0x40)) || (v === -1 && b & 0x40)) return [...out, b];
    out.push(b | 0x80);
  }
}

/** The bytes of `code`, each branch's label resolved to its depth among `labels` (innermost last). */
function emit(code: Code[], labels: string[] = []): number[] {
  const out: number[] = [];
  for (const c of code) {
    if (typeof c === "number") out.push(c);
    else if ("br" in c) {
      if (!labels.includes(c.br)) throw new Error(`no block ${c.br}`);
      out.push(c.cond ? 0x0d : 0x0c, labels.length - 1 - labels.lastIndexOf(c.br));
    } else out.push({ block: 0x02, loop: 0x03, if: 0x04 }[c.kind], 0x40, ...emit(c.body, [...labels, c.label]), 0x0b);
  }
  return out;
}

// Instructions, by their names in the WebAssembly text format (opcodes of the 2.0 binary format).
const get = (x: number): Code[] => [0x20, x];
const set = (x: number): Code[] => [0x21, x];
const tee = (x: number): Code[] => [0x22, x];
const i32 = (v: number): Code[] => [0x41, ...sleb(v)];
const simd = (op: number): Code[] => [0xfd, ...uleb(op)];
const at = (offset: number): number[] => [0, ...uleb(offset)]; // memarg: no alignment promised, the offset
const load8 = (offset = 0): Code[] => [0x2d, ...at(offset)]; // i32.load8_u
const store32 = (offset = 0): Code[] => [0x36, ...at(offset)];
const store16 = (offset = 0): Code[] => [0x3b, ...at(offset)];
const vload: Code[] = [...simd(0x00), ...at(0)];
const vstore = (offset = 0): Code[] => [...simd(0x0b), ...at(offset)];
const [EQ, NE, LT_U, GT_U, GE_U] = [0x46, 0x47, 0x49, 0x4b, 0x4f];
const [ADD, SUB, AND, OR, SHL, SHR_U, POPCNT, SELECT] = [0x6a, 0x6b, 0x71, 0x72, 0x74, 0x76, 0x69, 0x1b];
const [i8splat, i16splat, i8eq, i16eq] = [simd(0x0f), simd(0x10), simd(0x23), simd(0x2d)];
const [vand, vor, anyTrue, i8bitmask, i16bitmask] = [simd(0x4e), simd(0x50), simd(0x53), simd(0x64), simd(0x84)];
const [widenLow, widenHigh] = [simd(0x89), simd(0x8a)]; // i16x8.extend_{low,high}_i8x16_u
const block = (label: string, ...body: Code[][]): Code[] => [{ kind: "block", label, body: body.flat() }];
const loop = (label: string, ...body: Code[][]): Code[] => [{ kind: "loop", label, body: body.flat() }];
/** `if (cond) { body }` */
const when = (cond: Code[], ...body: Code[][]): Code[] => [...cond, { kind: "if", label: "if", body: body.flat() }];
const br = (label: string): Code[] => [{ br: label, cond: false }];
const brIf = (label: string): Code[] => [{ br: label, cond: true }];
/** `x += code` */
const addTo = (x: number, ...code: Code[][]): Code[] => [...get(x), ...code.flat(), ADD, ...set(x)];

/**
 * `bytes(n)` (`wide` false) and `units(n)` (`wide` true): zero the 16 bytes
 * after the input (none of them counts or flags), then for (i = IN; i < IN +
 * n; i += 16) count and flag the 16 bytes at i. Locals: n, i, c (the count):
 * i32; v (the 16 bytes), b (backslashes seen), s (surrogates seen): v128.
 */
function counter(wide: boolean): Code[] {
  const [n, i, c, v, b, s] = [0, 1, 2, 3, 4, 5];
  const [splat, same, bitmask] = wide ? [i16splat, i16eq, i16bitmask] : [i8splat, i8eq, i8bitmask];
  const equal = (unit: number): Code[] => [...get(v), ...i32(unit), ...splat, ...same];
  return [
    ...i32(IN), ...set(i), ...get(n), ...i32(IN), ADD, ...tee(n), ...i32(0), ...i8splat, ...vstore(),
    ...block("done", loop("next",
      [...get(i), ...get(n), GE_U], brIf("done"),
      [...get(i), ...vload, ...set(v)],
      addTo(c, equal(0x22), bitmask, [POPCNT]),
      [...get(b), ...equal(0x5c), ...vor, ...set(b)],
      wide ? [...get(s), ...get(v), ...i32(0xf800), ...splat, ...vand, ...i32(0xd800), ...splat, ...same, ...vor, ...set(s)] : [],
      addTo(i, i32(16)), br("next"),
    )),
    ...(wide
      ? [...get(c), ...i32(2), SHL, ...get(b), ...anyTrue, ...i32(1), SHL, OR, ...get(s), ...anyTrue, OR]
      : [...get(c), ...i32(1), SHL, ...get(b), ...anyTrue, OR]),
  ];
}

/**
 * `utf8(n, out)`. Params n, out; i32 locals: i, end (of the input), o (the
 * output), q (quotes), x (a lead byte), y, z, w (its continuation bytes),
 * flags; v128 locals: v (16 bytes), b (backslashes seen).
 */
function decoder(): Code[] {
  const [n, out, i, end, o, q, x, y, z, w, flags, v, b] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const failIf = (cond: Code[]): Code[] => [...cond, ...brIf("fail")];
  const byte = (r: number, offset: number): Code[] => [...get(i), ...load8(offset), ...set(r)];
  const notContinuation = (r: number): Code[] => [...get(r), ...i32(0xc0), AND, ...i32(0x80), NE];
  /** Fails unless the k bytes from i are in the input. */
  const room = (k: number): Code[] => failIf([...get(i), ...i32(k), ADD, ...get(end), GT_U]);
  /** Fails unless the second byte y is within [x === lead ? lo2 : 0x80, x === top ? hi2 : 0xBF]. */
  const second = (lead: number, lo2: number, top: number, hi2: number): Code[] => [
    ...byte(y, 1),
    ...failIf([...get(y), ...i32(lo2), ...i32(0x80), ...get(x), ...i32(lead), EQ, SELECT, LT_U]),
    ...failIf([...get(y), ...i32(hi2), ...i32(0xbf), ...get(x), ...i32(top), EQ, SELECT, GT_U]),
  ];
  const bits = (r: number, mask: number, by: number): Code[] => [...get(r), ...i32(mask), AND, ...i32(by), SHL];
  const next = (di: number, dout: number): Code[] => [...addTo(i, i32(di)), ...addTo(o, i32(dout)), ...br("top")];
  return [
    ...i32(IN), ...set(i), ...get(n), ...i32(IN), ADD, ...set(end), ...get(out), ...set(o),
    ...block("fail", block("done", loop("top",
      // sixteen ASCII bytes at a time: counted, flagged, widened to UTF-16
      block("scalar", loop("vector",
        [...get(i), ...i32(16), ADD, ...get(end), GT_U], brIf("scalar"),
        [...get(i), ...vload, ...tee(v), ...i8bitmask], brIf("scalar"),
        addTo(q, get(v), i32(0x22), i8splat, i8eq, i8bitmask, [POPCNT]),
        [...get(b), ...get(v), ...i32(0x5c), ...i8splat, ...i8eq, ...vor, ...set(b)],
        [...get(o), ...get(v), ...widenLow, ...vstore()],
        [...get(o), ...get(v), ...widenHigh, ...vstore(16)],
        addTo(i, i32(16)), addTo(o, i32(32)), br("vector"),
      )),
      // then one character
      [...get(i), ...get(end), GE_U], brIf("done"),
      byte(x, 0),
      when([...get(x), ...i32(0x80), LT_U],
        addTo(q, get(x), i32(0x22), [EQ]),
        [...get(flags), ...get(x), ...i32(0x5c), EQ, OR, ...set(flags)],
        [...get(o), ...get(x), ...store16()],
        next(1, 2),
      ),
      [...get(flags), ...i32(2), OR, ...set(flags)],
      failIf([...get(x), ...i32(0xc2), LT_U]), // a continuation byte, or an overlong lead
      when([...get(x), ...i32(0xe0), LT_U],
        room(2), byte(y, 1), failIf(notContinuation(y)),
        [...get(o), ...bits(x, 0x1f, 6), ...get(y), ...i32(0x3f), AND, OR, ...store16()],
        next(2, 2),
      ),
      when([...get(x), ...i32(0xf0), LT_U],
        room(3), second(0xe0, 0xa0, 0xed, 0x9f), // no overlong form, no surrogate
        byte(z, 2), failIf(notContinuation(z)),
        [...get(o), ...bits(x, 0x0f, 12), ...bits(y, 0x3f, 6), OR, ...get(z), ...i32(0x3f), AND, OR, ...store16()],
        next(3, 2),
      ),
      failIf([...get(x), ...i32(0xf4), GT_U]),
      room(4), second(0xf0, 0x90, 0xf4, 0x8f), // no overlong form, nothing above U+10FFFF
      byte(z, 2), failIf(notContinuation(z)),
      byte(w, 3), failIf(notContinuation(w)),
      // the code point less 0x10000, as a surrogate pair
      [...bits(x, 0x07, 18), ...bits(y, 0x3f, 12), OR, ...bits(z, 0x3f, 6), OR, ...get(w), ...i32(0x3f), AND, OR],
      [...i32(0x10000), SUB, ...set(x)],
      [...get(o), ...get(x), ...i32(10), SHR_U, ...i32(0xd800), OR, ...store16()],
      [...get(o), ...get(x), ...i32(0x3ff), AND, ...i32(0xdc00), OR, ...store16(2)],
      next(4, 4),
    )),
    // done: the count and the flags in words 0 and 1, the code units written returned
    [...i32(0), ...get(q), ...store32()],
    [...i32(0), ...get(flags), ...get(b), ...anyTrue, OR, ...store32(4)],
    [...get(o), ...get(out), SUB, ...i32(1), SHR_U, 0x0f], // return
    ),
    ...i32(-1), // fail
  ];
}

function assemble(): Uint8Array {
  const I32 = 0x7f;
  const V128 = 0x7b;
  const body = (locals: [number, number][], code: Code[]): number[] => {
    const all = [...uleb(locals.length), ...locals.flatMap(([count, type]) => [count, type]), ...emit(code), 0x0b];
    return [...uleb(all.length), ...all];
  };
  const section = (id: number, content: number[]): number[] => [id, ...uleb(content.length), ...content];
  const name = (text: string): number[] => [text.length, ...[...text].map((ch) => ch.charCodeAt(0))];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [2, 0x60, 1, I32, 1, I32, 0x60, 2, I32, I32, 1, I32]), // types: (i32) -> i32, (i32, i32) -> i32
    ...section(3, [3, 0, 0, 1]), // bytes, units, utf8
    ...section(5, [1, 0x00, 2]), // one memory of two pages, no maximum
    ...section(7, [4, ...name("memory"), 2, 0, ...name("bytes"), 0, 0, ...name("units"), 0, 1, ...name("utf8"), 0, 2]),
    ...section(10, [
      3,
      ...body([[2, I32], [3, V128]], counter(false)),
      ...body([[2, I32], [3, V128]], counter(true)),
      ...body([[9, I32], [2, V128]], decoder()),
    ]),
  ]);
}

/** What the kernel needs of WebAssembly (the compiler's libraries here do not declare it). */
interface Wasm {
  validate(code: Uint8Array): boolean;
  Module: new (code: Uint8Array) => object;
  Instance: new (module: object) => { exports: Omit<Kernel, "mem" | "words"> };
}

function loadKernel(): Kernel | undefined {
  const wasm = (globalThis as { WebAssembly?: Wasm }).WebAssembly;
  if (typeof Buffer !== "function" || wasm === undefined) return undefined;
  try {
    const code = assemble();
    if (!wasm.validate(code)) return undefined; // no SIMD in this runtime
    const { exports } = new wasm.Instance(new wasm.Module(code));
    const kernel = { ...exports, mem: Buffer.alloc(0), words: new Int32Array(0) };
    viewsOf(kernel);
    return kernel;
  } catch {
    return undefined; // WebAssembly switched off (e.g. --jitless)
  }
}

function viewsOf(kernel: Kernel): void {
  kernel.mem = Buffer.from(kernel.memory.buffer);
  kernel.words = new Int32Array(kernel.memory.buffer, 0, 2);
}

/** The kernel with at least `size` bytes of memory, or undefined when it cannot grow that far. */
function reserve(kernel: Kernel, size: number): Kernel | undefined {
  if (kernel.mem.length < size) {
    try {
      kernel.memory.grow(Math.ceil((size - kernel.mem.length) / PAGE));
    } catch {
      return undefined; // no memory to spare: the caller takes the way without the kernel
    }
    viewsOf(kernel); // growing detached the old buffer
  }
  return kernel;
}

const KERNEL = loadKernel();

/**
 * Set by `quoteCount` of a string: false when the string holds no surrogate
 * code unit, so it is well-formed without `isWellFormed` (a second pass over
 * a two-byte string).
 */
export let maySurrogate = true;

/** Set by `quoteCount` and `utf8Text`: false when the input holds no backslash, so no escape. */
export let mayEscape = true;

/** Set by `utf8Text` when it gives a string: the number of `"` in it. */
export let textQuotes = -1;

/** The methods `Buffer.write` and `Buffer.toString` call after checking their arguments (Node's, undocumented). */
interface Direct {
  ucs2Write(text: string, at: number): number;
  ucs2Slice(start: number, end: number): string;
  latin1Slice(start: number, end: number): string;
}

const DIRECT =
  typeof Buffer === "function" &&
  (["ucs2Write", "ucs2Slice", "latin1Slice"] as const).every((m) => typeof (Buffer.prototype as Partial<Direct>)[m] === "function");

/** `buf.write(text, at, "utf16le")`: the bytes written. */
const writeUtf16: (buf: Buffer, text: string, at: number) => number = DIRECT
  ? (buf, text, at) => (buf as Buffer & Direct).ucs2Write(text, at)
  : (buf, text, at) => buf.write(text, at, "utf16le");

/** `buf.toString("utf16le" or "latin1", start, end)`. */
const readText: (buf: Buffer, wide: boolean, start: number, end: number) => string = DIRECT
  ? (buf, wide, start, end) => (wide ? (buf as Buffer & Direct).ucs2Slice(start, end) : (buf as Buffer & Direct).latin1Slice(start, end))
  : (buf, wide, start, end) => buf.toString(wide ? "utf16le" : "latin1", start, end);

/** The number of `"` characters (0x22) in JSON bytes or text. */
export function quoteCount(data: Uint8Array | string): number {
  const n = data.length;
  if (KERNEL === undefined || n < SMALL) return plainCount(data);
  const kernel = KERNEL; // its memory, two pages or more, holds a chunk and the 16 bytes after it
  let quotes = 0;
  let flags = 0;
  if (typeof data === "string") {
    const step = CHUNK >> 1;
    if (n <= step) {
      const got = kernel.units(writeUtf16(kernel.mem, data, IN));
      maySurrogate = (got & 1) !== 0;
      mayEscape = (got & 2) !== 0;
      return got >>> 2;
    }
    for (let from = 0; from < n; from += step) {
      const got = kernel.units(writeUtf16(kernel.mem, n <= step ? data : data.slice(from, from + step), IN));
      quotes += got >>> 2;
      flags |= got;
    }
    maySurrogate = (flags & 1) !== 0;
    mayEscape = (flags & 2) !== 0;
  } else {
    for (let from = 0; from < n; from += CHUNK) {
      const part = n <= CHUNK ? data : data.subarray(from, from + CHUNK);
      kernel.mem.set(part, IN);
      const got = kernel.bytes(part.length);
      quotes += got >>> 1;
      flags |= got;
    }
    mayEscape = (flags & 1) !== 0;
  }
  return quotes;
}

/** `quoteCount` without the kernel. */
function plainCount(data: Uint8Array | string): number {
  let quotes = 0;
  if (typeof data === "string") {
    maySurrogate = true;
    mayEscape = data.includes("\\");
    for (let i = data.indexOf('"'); i >= 0; i = data.indexOf('"', i + 1)) quotes++;
  } else {
    mayEscape = data.includes(0x5c);
    for (let i = 0, n = data.length; i < n; i++) if (data[i] === 0x22) quotes++;
  }
  return quotes;
}

/**
 * UTF-8 bytes as a string, counted (`textQuotes`, `mayEscape`); undefined
 * when they are not well-formed UTF-8, or when there is no kernel, or they
 * are longer than it decodes or than its memory can grow to hold: then
 * `TextDecoder` decides (and `quoteCount` counts). A byte order mark is kept,
 * as `ignoreBOM` keeps it.
 */
export function utf8Text(bytes: Uint8Array): string | undefined {
  const n = bytes.length;
  if (KERNEL === undefined || n > MAX_TEXT) return undefined;
  const out = (IN + n + 15) & ~15;
  const kernel = reserve(KERNEL, out + 2 * n);
  if (kernel === undefined) return undefined;
  kernel.mem.set(bytes, IN);
  const units = kernel.utf8(n, out);
  if (units < 0) return undefined;
  const { mem, words } = kernel;
  textQuotes = words[0] as number;
  const flags = words[1] as number;
  mayEscape = (flags & 1) !== 0;
  // ASCII as it is, a one-byte string (which JSON.parse reads faster)
  return flags & 2 ? readText(mem, true, out, out + 2 * units) : readText(mem, false, IN, IN + n);
}
