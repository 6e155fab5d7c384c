import type { BusinessHours, Weekday } from "@supportal/shared";

const WEEKDAYS: Record<string, Weekday> = {
  Mon: "mon",
  Tue: "tue",
  Wed: "wed",
  Thu: "thu",
  Fri: "fri",
  Sat: "sat",
  Sun: "sun",
};

/** Whether `now` falls in one of the weekly spans, read in the hours' own time zone. */
export function isOpen(hours: BusinessHours, now: Date): boolean {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: hours.timeZone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const day = WEEKDAYS[part("weekday")];
  const time = `${part("hour")}:${part("minute")}`;
  return hours.weekly.some((span) => span.day === day && span.from <= time && time < span.to);
}
