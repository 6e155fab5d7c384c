import type { DailyActivity } from "@supportal/shared";
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { notTestSession } from "./test-sessions";

export interface DayRow {
  day: string;
  messages: number;
  questions: number;
}

/** Messages and customer questions per UTC day from `firstDay` to `lastDay`, with empty days as zeros. */
export function listDailyActivity(
  db: Db,
  businessId: number,
  range: { firstDay: string; lastDay: string },
): DailyActivity[] {
  const rows = db.all<DayRow>(sql`
    select substr(created_at, 1, 10) as day,
      count(*) as messages,
      sum(case when sender = 'user' then 1 else 0 end) as questions
    from messages
    where business_id = ${businessId} and created_at >= ${range.firstDay}
      and ${notTestSession(businessId, sql.raw("messages.session_id"))}
    group by day`);
  return withEmptyDays(rows, range);
}

/** One entry per UTC day of the range, zeros where `rows` has none. */
export function withEmptyDays(rows: DayRow[], range: { firstDay: string; lastDay: string }): DailyActivity[] {
  const byDay = new Map(rows.map((row) => [row.day, row]));
  const days: DailyActivity[] = [];
  for (let day = new Date(`${range.firstDay}T00:00:00Z`); ; day.setUTCDate(day.getUTCDate() + 1)) {
    const key = day.toISOString().slice(0, 10);
    if (key > range.lastDay) break;
    const row = byDay.get(key);
    days.push({ day: key, messages: row?.messages ?? 0, questions: row?.questions ?? 0 });
  }
  return days;
}
