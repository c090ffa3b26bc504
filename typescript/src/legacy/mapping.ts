/**
 * Legacy records → v1 messages (docs/legacy.md): pure, deterministic functions
 * (mirrors `vibe_contracts/legacy/mapping.py`, with the same results).
 *
 * Each function takes a decoded legacy record, the records it joins with (L4)
 * as explicit arguments, and a `MappingConfig`. It returns v1 messages (JSON
 * form) that pass the strict writer rules, or `Skipped` for a record not
 * meant to be mapped, or throws ContractError whose paths are legacy paths (a
 * path through a join starts with the joining field: `org.legal.inn` is the
 * `legal.inn` of the Partner named by `org`). No message holds the personal
 * data itself.
 *
 * @module
 */

import type { Event as V1Event, Organizer } from "../gen/v1/types.js";
import { Event_EventStatusSchema, Event_LegalRu_TypeSchema, type Event, type Event_LegalRu, type Event_Media } from "../gen/vibe/legacy/ticketscloud/event_pb.js";
import type { Partner, Partner_Legal } from "../gen/vibe/legacy/ticketscloud/partner_pb.js";
import { codePoints } from "../check.js";
import { pyStrRepr } from "../pyrepr.js";
import { normalRole, venueOf, type MappingConfig } from "./config.js";
import { checkJoin, Doc, enumName, MEDIA, Skipped, time, type Fields } from "./doc.js";
import { trimmed } from "./text.js";

export { mapOrder, mapOrderTickets, mapRefund, mapRefundTickets } from "./orders.js";

const EVENT_STATUS: Readonly<Record<string, string>> = { STAND_BY: "paused", PUBLIC: "active", CANCELED: "cancelled", FINISHED: "finished" };
const LEGAL_RU_TYPE: Readonly<Record<string, string>> = { LTD: "ru_ltd", IP: "ru_lp" };
const MEDIA_PATTERN = new RegExp(MEDIA.pattern!, "u");

// Partner → Organizer

/** The Organizer of a Partner; a removed Partner, or one of a skipped role, is `Skipped`. */
export function mapPartner(partner: Partner, config: MappingConfig): Organizer | Skipped {
  if (partner.removed) return new Skipped("partner_removed", "the partner is removed");
  if (config.skipsRole(partner.role)) {
    return new Skipped("partner_role", `partner role ${pyStrRepr(normalRole(partner.role))} is configured to be skipped`);
  }
  const doc = new Doc();
  return doc.model("organizer", organizer(doc, partner, "", ""));
}

/** The Organizer document of a Partner: `at` is its v1 path, `via` the legacy path prefix. */
export function organizer(doc: Doc, partner: Partner, at: string, via: string): Fields {
  const out: Fields = {};
  doc.put(out, "id", trimmed(partner.id), `${at}id`, `${via}id`);
  doc.put(out, "name", trimmed(partner.name), `${at}name`, `${via}name`);
  const legal = partner.legal;
  if (legal !== undefined) {
    const kind = legal.ogrns.case;
    const number = kind === undefined ? undefined : trimmed(legal.ogrns.value);
    const type = number === undefined ? undefined : kind === "ogrnip" ? "ru_lp" : "ru_ltd";
    const legals = legalsOf(doc, legal, `${at}legals.`, `${via}legal.`, number, kind, type);
    doc.put(out, "legals", legals, `${at}legals`, `${via}legal`);
  }
  return out;
}

function legalsOf(
  doc: Doc,
  legal: Partner_Legal | Event_LegalRu,
  at: string,
  via: string,
  number: string | undefined,
  kind: string | undefined,
  type: string | undefined,
): Fields | undefined {
  const out: Fields = {};
  doc.put(out, "name", trimmed(legal.name), `${at}name`, `${via}name`);
  doc.put(out, "type", type, `${at}type`, `${via}${kind ?? "ogrns"}`);
  doc.put(out, "inn", trimmed(legal.inn), `${at}inn`, `${via}inn`);
  doc.put(out, "ogrn", number, `${at}ogrn`, `${via}${kind ?? "ogrn"}`);
  doc.put(out, "address", trimmed(legal.address), `${at}address`, `${via}address`);
  return Object.keys(out).length ? out : undefined;
}

// Event → Event

/** The v1 Event: `partner` is the Partner whose id is `event.org` (embedded as the organizer). */
export function mapEvent(event: Event, partner: Partner, config: MappingConfig): V1Event {
  const status = EVENT_STATUS[enumName(Event_EventStatusSchema, event.status, "Event.EventStatus")];
  checkJoin(partner.id, event.org, "org", "partner");
  const doc = new Doc();
  const out: Fields = {};
  doc.put(out, "id", trimmed(event.id), "id", "id");
  doc.put(out, "group_id", trimmed(event.meta), "group_id", "meta");
  doc.put(out, "name", trimmed(event.name), "name", "name");
  doc.put(out, "status", status, "status", "status");
  doc.put(out, "category", config.categories.get(trimmed(event.category) ?? "") ?? "other", "category", "category");
  const start = time(event.lifetime?.start, "lifetime.start");
  doc.put(out, "start_at", event.openDate ? undefined : start, "start_at", "lifetime.start");
  doc.put(out, "finish_at", time(event.lifetime?.finish, "lifetime.finish"), "finish_at", "lifetime.finish");
  const venueId = trimmed(event.venue);
  const venue = venueId === undefined ? undefined : config.venues.get(venueId);
  const offset = venue?.offset ?? config.defaultOffset;
  doc.put(out, "offset", offset, "offset", "venue");
  doc.put(out, "media", media(event.media), "media", "media");
  doc.put(out, "description", trimmed(event.description), "description", "description");
  const embedded = organizer(doc, partner, "organizer.", "org.");
  if (event.legal.case === "legalRu") {
    const legals = legalRu(doc, event.legal.value);
    if (legals !== undefined) {
      embedded.legals = legals;
      doc.sources.set("organizer.legals", "legal_ru");
    }
  }
  doc.put(out, "organizer", embedded, "organizer", "org");
  doc.put(out, "venue", venue === undefined ? undefined : venueOf(venue, venueId!), "venue", "venue");
  return doc.model("event", out);
}

function media(given: Event_Media | undefined): string | undefined {
  if (given === undefined) return undefined;
  for (const candidate of [given.coverOriginal, given.cover, given.coverSmall]) {
    const url = trimmed(candidate);
    if (url !== undefined && fitsMedia(url)) return url;
  }
  return undefined;
}

/** Whether `url` passes the v1 `media` rules (length, then pattern). */
function fitsMedia(url: string): boolean {
  if (!url.isWellFormed()) return false;
  const n = codePoints(url);
  if ((MEDIA.minLen !== undefined && n < MEDIA.minLen) || (MEDIA.maxLen !== undefined && n > MEDIA.maxLen)) return false;
  return MEDIA_PATTERN.test(url);
}

function legalRu(doc: Doc, legal: Event_LegalRu): Fields | undefined {
  const type = LEGAL_RU_TYPE[enumName(Event_LegalRu_TypeSchema, legal.type, "Event.LegalRu.Type", "legal_ru.type")];
  const kind = legal.ogrns.case;
  const number = kind === undefined ? undefined : trimmed(legal.ogrns.value);
  if (![trimmed(legal.name), trimmed(legal.inn), trimmed(legal.address), number].some((v) => v !== undefined)) {
    return undefined; // an empty legal_ru replaces nothing
  }
  const legals = legalsOf(doc, legal, "organizer.legals.", "legal_ru.", number, kind, type);
  doc.sources.set("organizer.legals.type", "legal_ru.type");
  return legals;
}
