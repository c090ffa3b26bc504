/**
 * Conversion between the JSON form and the protobuf-es messages of one major
 * (`protobufOf(major)`), for each entry point's `proto` module
 * (`@vibe/contracts/proto`, `@vibe/contracts/v1/proto`, …).
 *
 * @module
 */

import type { Message } from "@bufbuild/protobuf";

import { fromProto, refuseUnknown, toProto } from "./convert.js";
import { ContractError } from "./errors.js";
import { topicSpec, type Major, type NameOf } from "./spec.js";
import { validate } from "./validate.js";

/** `toMessage` and `fromMessage` of one major: `M` its `MessageTypes`, `P` its `ProtoMessages`. */
export interface Protobuf<M extends object, P extends { [K in NameOf<M>]: Message }> {
  /** The protobuf-es message of a JSON-form message, validated strictly first. Throws ContractError. */
  toMessage<N extends NameOf<M>>(name: N, value: M[N]): P[N];
  /**
   * The JSON form of a protobuf-es message of type `name`, validated as `decode`
   * does. Throws ContractError; a TypeError for a message of another type
   * (`fromMessage("event", order)`, which does not compile either).
   */
  fromMessage<N extends NameOf<M>>(name: N, message: P[N], options?: { readonly strict?: boolean }): M[N];
}

/** `toMessage` and `fromMessage` bound to `major`. */
export function protobufOf<M extends object, P extends { [K in NameOf<M>]: Message }>(major: Major<M>): Protobuf<M, P> {
  return {
    toMessage<N extends NameOf<M>>(name: N, value: M[N]): P[N] {
      const s = topicSpec(major, name);
      const result = validate(major, name, value, { strict: true });
      if (result.errors.length) throw new ContractError(result.errors);
      return toProto<P[N]>(major, result.value as unknown as Record<string, unknown>, s);
    },
    fromMessage<N extends NameOf<M>>(name: N, message: P[N], options: { readonly strict?: boolean } = {}): M[N] {
      const strict = options.strict ?? false;
      const s = topicSpec(major, name);
      const got: unknown = (message as Partial<Message> | null | undefined)?.$typeName;
      if (got !== s.fullName) {
        throw new TypeError(
          `wrong message type: ${name} needs a ${s.fullName} message, got ${typeof got === "string" ? got : typeof message}`);
      }
      if (strict) refuseUnknown(major, message, s);
      const result = validate(major, name, fromProto(major, message, s), { strict });
      if (result.errors.length) throw new ContractError(result.errors);
      return result.value as M[N];
    },
  };
}
