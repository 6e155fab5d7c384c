import { asc, eq } from "drizzle-orm";
import type { PgDb } from "../db/pg-client";
import { businesses } from "../db/pg-schema";
import { type BusinessRepo, normalizeOrigins } from "./business-repo";

/** The business repository on PostgreSQL. */
export function pgBusinessRepo(db: PgDb): BusinessRepo {
  return {
    findBusinessRow: async (id) => (await db.select().from(businesses).where(eq(businesses.id, id)))[0],
    listBusinessRows: () => db.select().from(businesses).orderBy(asc(businesses.id)),
    insertBusiness: (input, now, apiKeyHashFor) =>
      db.transaction(async (tx) => {
        const [inserted] = await tx
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
            apiKeyHash: "",
            createdAt: now,
            updatedAt: now,
          })
          .returning({ id: businesses.id });
        const [row] = await tx
          .update(businesses)
          .set({ apiKeyHash: apiKeyHashFor(inserted!.id) })
          .where(eq(businesses.id, inserted!.id))
          .returning();
        return row!;
      }),
    updateBusiness: async (id, patch, now) =>
      (
        await db
          .update(businesses)
          .set({
            ...patch,
            ...(patch.allowedOrigins ? { allowedOrigins: normalizeOrigins(patch.allowedOrigins) } : {}),
            updatedAt: now,
          })
          .where(eq(businesses.id, id))
          .returning()
      )[0],
    setApiKeyHash: async (id, apiKeyHash, now) => {
      await db.update(businesses).set({ apiKeyHash, updatedAt: now }).where(eq(businesses.id, id));
    },
    setEmbeddingModel: async (id, embeddingModel) => {
      await db.update(businesses).set({ embeddingModel }).where(eq(businesses.id, id));
    },
    deleteBusinessRow: async (id) => {
      await db.delete(businesses).where(eq(businesses.id, id));
    },
  };
}
