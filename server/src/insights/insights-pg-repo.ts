import type { CitedDocument, FeedbackInsights } from "@supportal/shared";
import { eq, sql } from "drizzle-orm";
import type { PgDb } from "../db/pg-client";
import { documents, testSessions } from "../db/pg-schema";
import { withEmptyDays } from "./daily-activity";
import type { InsightsRepo } from "./insights-repo";
import { groupGaps } from "./knowledge-gaps";
import { notTestSession } from "./test-sessions";

// Sources are JSON text (see pg-column-types.ts): read as jsonb where a query looks inside them.
const sourceElements = sql.raw("jsonb_array_elements(m.sources::jsonb)");
// A source naming a stored document: a whole number of a row id's range. The CASE keeps the cast
// from ever seeing another value (PostgreSQL may evaluate the conditions of a WHERE in any order).
const citesDocument = sql.raw(`jsonb_typeof(source->'documentId') = 'number'
  and case when (source->>'documentId') ~ '^[0-9]{1,10}$' then (source->>'documentId')::bigint end
    between 1 and 2147483647`);

/** The dashboard's aggregate reads on PostgreSQL. */
export function pgInsightsRepo(db: PgDb): InsightsRepo {
  return {
    listKnowledgeGaps: async (businessId, since, limit = 50) => {
      const rows = await db.execute(sql`
        select
          (select u.message from messages u
            where u.business_id = a.business_id and u.session_id = a.session_id
              and u.sender = 'user' and u.seq < a.seq
            order by u.seq desc limit 1) as question,
          a.created_at as "askedAt",
          a.session_id as "sessionId",
          (not a.unanswered)::int as "lowEvidence"
        from messages a
        where a.business_id = ${businessId} and (a.unanswered or a.low_evidence) and a.created_at >= ${since}
          and ${notTestSession(businessId, sql.raw("a.session_id"))}
        order by a.seq desc`);
      return groupGaps(
        rows.map((row) => ({
          question: row.question === null ? null : String(row.question),
          askedAt: String(row.askedAt),
          sessionId: String(row.sessionId),
          lowEvidence: Number(row.lowEvidence),
        })),
        limit,
      );
    },

    listCitedDocuments: async (businessId, since, limit = 10): Promise<CitedDocument[]> => {
      const rows = await db.execute(sql`
        select (source->>'documentId')::int as "documentId",
          max(source->>'documentName') as "documentName",
          count(distinct m.id)::int as citations
        from messages m, ${sourceElements} source
        where m.business_id = ${businessId} and m.sender = 'assistant'
          and m.sources is not null and m.created_at >= ${since}
          and ${citesDocument}
          and ${notTestSession(businessId, sql.raw("m.session_id"))}
        group by 1
        order by citations desc, 1 asc
        limit ${limit}`);
      if (rows.length === 0) return [];
      const live = new Map(
        (
          await db
            .select({ id: documents.id, name: documents.name })
            .from(documents)
            .where(eq(documents.businessId, businessId))
        ).map((doc) => [doc.id, doc.name]),
      );
      return rows.map((row) => {
        const documentId = Number(row.documentId);
        return {
          documentId,
          documentName: live.get(documentId) ?? String(row.documentName),
          citations: Number(row.citations),
          exists: live.has(documentId),
        };
      });
    },

    listDailyActivity: async (businessId, range) => {
      const rows = await db.execute(sql`
        select substr(created_at, 1, 10) as day,
          count(*)::int as messages,
          sum(case when sender = 'user' then 1 else 0 end)::int as questions
        from messages
        where business_id = ${businessId} and created_at >= ${range.firstDay}
          and ${notTestSession(businessId, sql.raw("messages.session_id"))}
        group by 1`);
      return withEmptyDays(
        rows.map((row) => ({
          day: String(row.day),
          messages: Number(row.messages),
          questions: Number(row.questions),
        })),
        range,
      );
    },

    feedbackInsights: async (businessId, since): Promise<FeedbackInsights> => {
      const where = sql`f.business_id = ${businessId} and f.updated_at >= ${since} and ${notTestSession(businessId, sql.raw("f.session_id"))}`;
      const perDay = (
        await db.execute(sql`
          select substr(f.updated_at, 1, 10) as day,
            count(*) filter (where f.rating = 'up')::int as up, count(*) filter (where f.rating = 'down')::int as down
          from answer_feedback f where ${where}
          group by 1 order by 1`)
      ).map((row) => ({ day: String(row.day), up: Number(row.up), down: Number(row.down) }));
      const perDocument = (
        await db.execute(sql`
          select "documentId", max("documentName") as "documentName",
            count(*) filter (where rating = 'up')::int as up, count(*) filter (where rating = 'down')::int as down
          from (
            select distinct f.message_id, f.rating,
              (source->>'documentId')::int as "documentId",
              source->>'documentName' as "documentName"
            from answer_feedback f join messages m on m.id = f.message_id, ${sourceElements} source
            where ${where} and m.sources is not null
              and ${citesDocument}
          ) rated
          group by "documentId"
          order by count(*) filter (where rating = 'down') * 1.0 / count(*) desc,
            count(*) filter (where rating = 'down') desc
          limit 20`)
      ).map((row) => ({
        documentId: Number(row.documentId),
        documentName: String(row.documentName),
        up: Number(row.up),
        down: Number(row.down),
      }));
      return {
        up: perDay.reduce((sum, day) => sum + day.up, 0),
        down: perDay.reduce((sum, day) => sum + day.down, 0),
        perDay,
        perDocument,
      };
    },

    countTestSessions: async (businessId) =>
      (
        await db
          .select({ n: sql<number>`count(*)::int` })
          .from(testSessions)
          .where(eq(testSessions.businessId, businessId))
      )[0]?.n ?? 0,
  };
}
