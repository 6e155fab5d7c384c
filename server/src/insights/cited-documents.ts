import type { CitedDocument } from "@supportal/shared";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { documents } from "../db/schema";
import { notTestSession } from "./test-sessions";

interface CitationRow {
  documentId: number;
  documentName: string;
  citations: number;
}

/** Documents by the number of answers that cited them (an answer citing one twice counts once). */
export function listCitedDocuments(db: Db, businessId: number, since: string, limit = 10): CitedDocument[] {
  const rows = db.all<CitationRow>(sql`
    select
      json_extract(source.value, '$.documentId') as documentId,
      max(json_extract(source.value, '$.documentName')) as documentName,
      count(distinct m.id) as citations
    from messages m, json_each(m.sources) source
    where m.business_id = ${businessId} and m.sender = 'assistant'
      and m.sources is not null and m.created_at >= ${since}
      and json_type(source.value, '$.documentId') = 'integer' and json_extract(source.value, '$.documentId') > 0
      and ${notTestSession(businessId, sql.raw("m.session_id"))}
    group by documentId
    order by citations desc, documentId asc
    limit ${limit}`);
  if (rows.length === 0) return [];

  // Names come from the live documents where they still exist: a replaced file may have a new name.
  const live = new Map(
    db
      .select({ id: documents.id, name: documents.name })
      .from(documents)
      .where(eq(documents.businessId, businessId))
      .all()
      .map((doc) => [doc.id, doc.name]),
  );
  return rows.map((row) => ({
    documentId: row.documentId,
    documentName: live.get(row.documentId) ?? row.documentName,
    citations: row.citations,
    exists: live.has(row.documentId),
  }));
}
