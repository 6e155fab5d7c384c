import { customType } from "drizzle-orm/pg-core";

/**
 * A JSON value kept as text, as the SQLite schema keeps it. Not `jsonb`: with Bun's SQL client,
 * drizzle 0.45 sends jsonb parameters encoded twice (drizzle-team/drizzle-orm#4942, #5287), and the
 * few queries that look inside JSON cast the text to jsonb themselves.
 */
export const jsonText = <Data>(name: string) =>
  customType<{ data: Data; driverData: string }>({
    dataType: () => "text",
    toDriver: (value) => JSON.stringify(value),
    fromDriver: (value) => JSON.parse(value) as Data,
  })(name);

/** Bytes (`bytea`), read back as a Buffer like SQLite's blob in buffer mode. */
export const bytes = (name: string) =>
  customType<{ data: Buffer; driverData: Uint8Array }>({
    dataType: () => "bytea",
    toDriver: (value) => value,
    fromDriver: (value) => Buffer.from(value),
  })(name);
