// Interleaved timing (the same method as bench/python/timing.py): each function is calibrated
// to a batch of about `seconds`, then `repeats` rounds time every batch in turn. A row's rate
// is the median of its rounds; a ratio is the median of the per-round ratios. Batches are timed in
// the process's CPU time (every thread, the collector's too), not the wall clock: on a machine
// shared with other work the time this process waits for a core is not its cost.

export const DEFAULT = { seconds: 0.05, repeats: 7, calibrate: 0.02 };
export const QUICK = { seconds: 0.001, repeats: 1, calibrate: 0.0005 };

let sink; // keeps results alive so the JIT cannot drop the work

/** CPU milliseconds of this process so far. */
function clock() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
export function consume() {
  return sink;
}

function batchOf(fn, timing) {
  for (let n = 1; ; n *= 2) {
    const start = clock();
    for (let i = 0; i < n; i++) sink = fn();
    const elapsed = (clock() - start) / 1000;
    if (elapsed >= timing.calibrate) return Math.max(1, Math.floor((n * timing.seconds) / elapsed));
  }
}

/** name → calls per second, one value per round. */
export function measure(fns, timing) {
  const names = Object.keys(fns);
  const batches = Object.fromEntries(names.map((name) => [name, batchOf(fns[name], timing)]));
  const seen = Object.fromEntries(names.map((name) => [name, []]));
  for (let r = 0; r < timing.repeats; r++) {
    for (const name of names) {
      const fn = fns[name];
      const n = batches[name];
      const start = clock();
      for (let i = 0; i < n; i++) sink = fn();
      seen[name].push(n / ((clock() - start) / 1000));
    }
  }
  return seen;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function ratio(rounds, name, base) {
  return median(rounds[name].map((v, i) => v / rounds[base][i]));
}

/** A text table row: cells padded to `widths` (negative: left-aligned). */
export function row(cells, widths) {
  return cells.map((c, i) => (widths[i] < 0 ? String(c).padEnd(-widths[i]) : String(c).padStart(widths[i]))).join(" ");
}

/** `--name value` and `--flag` arguments. */
export function parseArgs(argv, defaults) {
  const out = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) throw new Error(`unexpected argument ${arg}`);
    const key = arg.slice(2).replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (!(key in defaults)) throw new Error(`unknown option ${arg}`);
    if (typeof defaults[key] === "boolean") out[key] = true;
    else {
      const value = argv[++i];
      out[key] = typeof defaults[key] === "number" ? Number(value) : value;
    }
  }
  return out;
}
