// @vibe/contracts/proto: toMessage / fromMessage, typed to each message's protobuf-es type.
import assert from "node:assert/strict";
import { test } from "node:test";

import { create, toBinary } from "@bufbuild/protobuf";
import fc from "fast-check";

import { ContractError, decode, encode } from "../src/index.js";
import { MESSAGE_NAMES } from "../src/gen/v1/types.js";
import { EventSchema, fromMessage, OrderSchema, toMessage, type Order } from "../src/proto.js";
import { messages } from "./arbitraries.js";

for (const name of MESSAGE_NAMES) {
  test(`${name}: toMessage gives the protobuf-es message of the bytes encode writes; fromMessage reads it back`, () => {
    fc.assert(
      fc.property(messages(name), (doc) => {
        const valid = decode(name, encode(name, doc), { strict: true });
        const message = toMessage(name, valid);
        assert.deepEqual(fromMessage(name, message, { strict: true }), valid);
        assert.deepEqual(encode(name, fromMessage(name, message)), encode(name, valid));
      }),
      { numRuns: 50 },
    );
  });
}

test("toMessage validates strictly; fromMessage validates as decode does", () => {
  assert.throws(() => toMessage("order", { id: "" } as never), (e: ContractError) => e.rule === "min_length" && e.path === "id");
  const empty: Order = create(OrderSchema);
  assert.throws(() => fromMessage("order", empty), (e: ContractError) => e.rule === "required" && e.path === "id");
});

test("a message of another type is a type error, and at run time a TypeError naming both types", () => {
  const event = create(EventSchema);
  // @ts-expect-error an Event is not an Order
  assert.throws(() => fromMessage("order", event), {
    name: "TypeError",
    message: "wrong message type: order needs a vibe.integration.v1.Order message, got vibe.integration.v1.Event",
  });
  // @ts-expect-error bytes are not a message
  assert.throws(() => fromMessage("order", toBinary(EventSchema, event)), /^TypeError: wrong message type: .* got object$/);
  // @ts-expect-error nor is nothing
  assert.throws(() => fromMessage("ticket", undefined), /got undefined$/);
});
