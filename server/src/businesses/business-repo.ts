import type { Business, BusinessCreate, BusinessPatch, PublicConfig } from "@supportal/shared";
import { normalizeOrigin } from "@supportal/shared";
import { asc, eq, sql } from "drizzle-orm";
import type { AsyncRepo } from "../db/async-repo";
import type { Db } from "../db/client";
import { prepared } from "../db/prepared";
import { businesses } from "../db/schema";

type BusinessRow = typeof businesses.$inferSelect;

export function toBusiness(row: BusinessRow): Business {
  return {
    id: row.id,
    name: row.name,
    allowedOrigins: row.allowedOrigins,
    systemPrompt: row.systemPrompt,
    greeting: row.greeting,
    theme: row.theme,
    dailyMessageLimit: row.dailyMessageLimit,
    sessionRatePerMinute: row.sessionRatePerMinute,
    retentionDays: row.retentionDays,
    handoffEnabled: row.handoffEnabled,
    businessHours: row.businessHours ?? null,
    handoffAfterNotFound: row.handoffAfterNotFound,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toPublicConfig(row: BusinessRow): PublicConfig {
  return {
    id: row.id,
    name: row.name,
    greeting: row.greeting,
    theme: row.theme,
    handoffEnabled: row.handoffEnabled,
  };
}

export function findBusinessRow(db: Db, id: number): BusinessRow | undefined {
  return prepared(db, "findBusinessRow", (d) =>
    d
      .select()
      .from(businesses)
      .where(eq(businesses.id, sql.placeholder("id")))
      .prepare(),
  ).get({ id });
}

export function listBusinessRows(db: Db): BusinessRow[] {
  return db.select().from(businesses).orderBy(asc(businesses.id)).all();
}

/** Stored as browsers send them, each once; the schema has already refused what can never match. */
export function normalizeOrigins(origins: string[]): string[] {
  return [...new Set(origins.map((origin) => normalizeOrigin(origin) ?? origin))];
}

/** Inserts a business and sets the hash of its API key, which embeds the id the insert assigns. */
export function insertBusiness(
  db: Db,
  input: BusinessCreate,
  now: string,
  apiKeyHashFor: (id: number) => string,
): BusinessRow {
  return db.transaction((tx) => {
    const inserted = tx
      .insert(businesses)
      .values({
        name: input.name,
        allowedOrigins: normalizeOrigins(input.allowedOrigins ?? []),
        systemPrompt: input.systemPrompt ?? null,
        greeting: input.greeting ?? null,
        theme: input.theme ?? {},
        dailyMessageLimit: input.dailyMessageLimit ?? null,
        sessionRatePerMinute: input.sessionRatePerMinute ?? null,
        retentionDays: input.retentionDays ?? null,
        handoffEnabled: input.handoffEnabled ?? true,
        businessHours: input.businessHours ?? null,
        handoffAfterNotFound: input.handoffAfterNotFound ?? null,
        // Replaced right away: the key embeds the id, which the database assigns on insert.
        apiKeyHash: "",
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: businesses.id })
      .get();
    return tx
      .update(businesses)
      .set({ apiKeyHash: apiKeyHashFor(inserted.id) })
      .where(eq(businesses.id, inserted.id))
      .returning()
      .get();
  });
}

export function updateBusiness(
  db: Db,
  id: number,
  patch: BusinessPatch,
  now: string,
): BusinessRow | undefined {
  return db
    .update(businesses)
    .set({
      ...patch,
      ...(patch.allowedOrigins ? { allowedOrigins: normalizeOrigins(patch.allowedOrigins) } : {}),
      updatedAt: now,
    })
    .where(eq(businesses.id, id))
    .returning()
    .get();
}

export function setApiKeyHash(db: Db, id: number, apiKeyHash: string, now: string): void {
  db.update(businesses).set({ apiKeyHash, updatedAt: now }).where(eq(businesses.id, id)).run();
}

export function setEmbeddingModel(db: Db, id: number, embeddingModel: string | null): void {
  db.update(businesses).set({ embeddingModel }).where(eq(businesses.id, id)).run();
}

export function deleteBusinessRow(db: Db, id: number): void {
  db.delete(businesses).where(eq(businesses.id, id)).run();
}

export const businessQueries = {
  findBusinessRow,
  listBusinessRows,
  insertBusiness,
  updateBusiness,
  setApiKeyHash,
  setEmbeddingModel,
  deleteBusinessRow,
};
export type BusinessRepo = AsyncRepo<typeof businessQueries>;
