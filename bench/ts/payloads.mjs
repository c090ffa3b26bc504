// The benchmark messages, built exactly as bench/python/payloads.py builds them: the `full`
// shared vector of each message, Orders with 1, 3, 100 and 1000 tickets; the bytes are the
// package's canonical JSON and deterministic Protobuf (equal to Python's, checked by bench/run.py).
import { readFileSync } from "node:fs";

import { lib } from "./lib.mjs";

export const PAYLOADS = {
  organizer: ["organizer", null],
  event: ["event", null],
  "order-1": ["order", 1],
  "order-3": ["order", 3],
  "order-100": ["order", 100],
  "order-1000": ["order", 1000],
  refund: ["refund", null],
  ticket: ["ticket", null],
};

function fullVector(message) {
  const file = new URL(`../../examples/vectors/${message}.json`, import.meta.url);
  return JSON.parse(readFileSync(file, "utf8")).valid.find((c) => c.name === "full").json;
}

export function orderWith(tickets) {
  const order = fullVector("order");
  const models = order.tickets;
  order.tickets = Array.from({ length: tickets }, (_, k) => {
    const i = k + 1;
    return {
      ...models[k % models.length],
      id: `T-${i}`,
      barcode: `46${String(i).padStart(11, "0")}`,
      number: String(i).padStart(4, "0"),
      row: String(Math.floor(k / 30) + 1),
      seat: String((k % 30) + 1),
    };
  });
  return order;
}

/** { id, message, tickets, value (the decoded JSON form), json (bytes), text, protobuf (bytes) } */
export function load(ids = Object.keys(PAYLOADS)) {
  return ids.map((id) => {
    const [message, tickets] = PAYLOADS[id];
    if (message === undefined) throw new Error(`unknown payload ${id}`);
    const doc = tickets === null ? fullVector(message) : orderWith(tickets);
    const value = lib.decode(message, JSON.stringify(doc));
    const json = lib.encode(message, value);
    const protobuf = lib.encode(message, value, { format: "protobuf" });
    return { id, message, tickets, value, json, text: new TextDecoder().decode(json), protobuf };
  });
}
