import { type Business, BusinessPatch } from "@supportal/shared";
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
  };
}

const optionalInt = (text: string) => (text.trim() === "" ? null : Number(text.trim()));
const optionalText = (text: string) => (text.trim() === "" ? null : text);

/** The PATCH body, checked with the same schema the server uses; empty fields mean "the default". */
export function toPatch(values: SettingsValues): { patch: BusinessPatch } | { error: string } {
  const candidate = {
    name: values.name,
    allowedOrigins: values.allowedOrigins
      .split(/[\s,]+/)
      .map((origin) => origin.trim().replace(/\/+$/, ""))
      .filter(Boolean),
    greeting: optionalText(values.greeting),
    systemPrompt: optionalText(values.systemPrompt),
    theme: {
      color: values.color.toLowerCase(),
      position: values.position,
      ...(values.title.trim() ? { title: values.title.trim() } : {}),
    },
    dailyMessageLimit: optionalInt(values.dailyMessageLimit),
    sessionRatePerMinute: optionalInt(values.sessionRatePerMinute),
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
};

export const isHexColor = (text: string) => /^#[0-9a-f]{6}$/i.test(text);
