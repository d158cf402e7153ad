// The record types of the Nexmark tables (person, auction, bid): what a `nexmark(table: …)` source produces.
// Field names, order and types follow the Flink DDL (ddl_gen.sql) and runtime/connectors/nexmark/model.ts.
import { INT, record, STRING, TIMESTAMP, type RecordType } from "./type.js";

export const NEXMARK_TABLES: ReadonlyMap<string, RecordType> = new Map([
  ["person", record([
    { name: "id", type: INT }, { name: "name", type: STRING }, { name: "emailAddress", type: STRING },
    { name: "creditCard", type: STRING }, { name: "city", type: STRING }, { name: "state", type: STRING },
    { name: "dateTime", type: TIMESTAMP }, { name: "extra", type: STRING },
  ], "Person")],
  ["auction", record([
    { name: "id", type: INT }, { name: "itemName", type: STRING }, { name: "description", type: STRING },
    { name: "initialBid", type: INT }, { name: "reserve", type: INT }, { name: "dateTime", type: TIMESTAMP },
    { name: "expires", type: TIMESTAMP }, { name: "seller", type: INT }, { name: "category", type: INT },
    { name: "extra", type: STRING },
  ], "Auction")],
  ["bid", record([
    { name: "auction", type: INT }, { name: "bidder", type: INT }, { name: "price", type: INT },
    { name: "channel", type: STRING }, { name: "url", type: STRING }, { name: "dateTime", type: TIMESTAMP },
    { name: "extra", type: STRING },
  ], "Bid")],
]);

/** Connector arguments renamed to generator settings; other named constants pass through under their own name. */
export const NEXMARK_SETTING: ReadonlyMap<string, string> = new Map([["events", "maxEvents"], ["rate", "firstEventRate"], ["seed", "seed"]]);
