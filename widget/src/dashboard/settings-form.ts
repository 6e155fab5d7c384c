import { type Business, type BusinessHours, BusinessPatch, Weekday } from "@supportal/shared";
import * as z from "zod/mini";

/** The settings form's fields, all as the strings the inputs hold. */
export interface SettingsValues {
  name: string;
  allowedOrigins: string;
  title: string;
  greeting: string;
  color: string;
  position: "right" | "left";
  systemPrompt: string;
  dailyMessageLimit: string;
  sessionRatePerMinute: string;
  retentionDays: string;
  handoffEnabled: "true" | "false";
  handoffAfterNotFound: string;
  hoursEnabled: "true" | "false";
  timeZone: string;
  hours_mon: string;
  hours_tue: string;
  hours_wed: string;
  hours_thu: string;
  hours_fri: string;
  hours_sat: string;
  hours_sun: string;
}

export const WEEKDAYS = Weekday.options;
type DayField = `hours_${Weekday}`;
export const dayField = (day: Weekday): DayField => `hours_${day}`;

/** One day's spans as people write them: "09:00-12:00, 13:00-17:00"; empty: closed. */
const spansText = (hours: BusinessHours | null, day: Weekday) =>
  (hours?.weekly ?? [])
    .filter((span) => span.day === day)
    .map((span) => `${span.from}-${span.to}`)
    .join(", ");

function readHours(values: SettingsValues): BusinessHours["weekly"] | string {
  const weekly: BusinessHours["weekly"] = [];
  for (const day of WEEKDAYS) {
    for (const part of values[dayField(day)]
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean)) {
      const match = /^(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})$/.exec(part);
      if (!match) return `Check the hours of ${day}: write them like 09:00-17:00.`;
      const pad = (time: string) => time.padStart(5, "0");
      weekly.push({ day, from: pad(match[1]!), to: pad(match[2]!) });
    }
  }
  return weekly;
}

export const DEFAULT_COLOR = "#2563eb";

export function toValues(business: Business): SettingsValues {
  return {
    name: business.name,
    allowedOrigins: business.allowedOrigins.join("\n"),
    title: business.theme.title ?? "",
    greeting: business.greeting ?? "",
    color: business.theme.color ?? DEFAULT_COLOR,
    position: business.theme.position ?? "right",
    systemPrompt: business.systemPrompt ?? "",
    dailyMessageLimit: business.dailyMessageLimit?.toString() ?? "",
    sessionRatePerMinute: business.sessionRatePerMinute?.toString() ?? "",
    retentionDays: business.retentionDays?.toString() ?? "",
    handoffEnabled: business.handoffEnabled ? "true" : "false",
    handoffAfterNotFound: business.handoffAfterNotFound?.toString() ?? "",
    hoursEnabled: business.businessHours ? "true" : "false",
    timeZone: business.businessHours?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    ...(Object.fromEntries(
      WEEKDAYS.map((day) => [dayField(day), spansText(business.businessHours, day)]),
    ) as Record<DayField, string>),
  };
}

const optionalInt = (text: string) => (text.trim() === "" ? null : Number(text.trim()));
const optionalText = (text: string) => (text.trim() === "" ? null : text);

/** The PATCH body, checked with the same schema the server uses; empty fields mean "the default". */
export function toPatch(values: SettingsValues): { patch: BusinessPatch } | { error: string } {
  const weekly = values.hoursEnabled === "true" ? readHours(values) : [];
  if (typeof weekly === "string") return { error: weekly };
  const candidate = {
    name: values.name,
    allowedOrigins: values.allowedOrigins
      .split(/[\s,]+/)
      .map((origin) => origin.trim().replace(/\/+$/, ""))
      .filter(Boolean),
    greeting: optionalText(values.greeting),
    systemPrompt: optionalText(values.systemPrompt),
    theme: {
      color: normalizeColor(values.color) ?? values.color,
      position: values.position,
      ...(values.title.trim() ? { title: values.title.trim() } : {}),
    },
    dailyMessageLimit: optionalInt(values.dailyMessageLimit),
    sessionRatePerMinute: optionalInt(values.sessionRatePerMinute),
    retentionDays: optionalInt(values.retentionDays),
    handoffEnabled: values.handoffEnabled === "true",
    handoffAfterNotFound: optionalInt(values.handoffAfterNotFound),
    businessHours: values.hoursEnabled === "true" ? { timeZone: values.timeZone.trim(), weekly } : null,
  };
  const parsed = z.safeParse(BusinessPatch, candidate);
  if (parsed.success) return { patch: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue?.path.join(".") || "form";
  return { error: `Check ${labels[field.split(".")[0] ?? ""] ?? field}: ${issue?.message ?? "not valid"}.` };
}

const labels: Record<string, string> = {
  name: "the name",
  allowedOrigins: "the allowed origins (one per line, like https://shop.example.com)",
  greeting: "the greeting",
  systemPrompt: "the system prompt",
  theme: "the widget's look (colour like #1f6feb, title up to 80 characters)",
  dailyMessageLimit: "the daily limit (a whole number from 1)",
  sessionRatePerMinute: "the rate limit (a whole number from 1 to 600)",
  retentionDays: "how long conversations are kept (a whole number of days from 1 to 36500)",
  handoffAfterNotFound: "the number of unanswered questions before a person is offered (1 to 20)",
  businessHours:
    "the business hours (a time zone like Europe/Berlin; times like 09:00-17:00, start before end)",
};

/**
 * The colour as the server stores it (`#rrggbb`, lowercase) from what people type or paste: spaces
 * around it, no `#`, capitals and the short form `#abc` are fine; anything else is null.
 */
export function normalizeColor(text: string): string | null {
  const hex = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(text.trim())?.[1]?.toLowerCase();
  if (!hex) return null;
  return `#${hex.length === 3 ? [...hex].map((digit) => digit + digit).join("") : hex}`;
}

export const isHexColor = (text: string) => normalizeColor(text) !== null;

/** What is wrong with a typed colour, in words, or undefined when it is one. */
export function colorProblem(text: string): string | undefined {
  if (isHexColor(text)) return undefined;
  return text.trim() === ""
    ? "Enter a colour, like #1f6feb."
    : `“${text.trim().slice(0, 40)}” is not a hex colour: use # and six digits 0–9 or letters a–f, like #1f6feb.`;
}
