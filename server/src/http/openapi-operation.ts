import type * as z from "zod";

/** Who may call an operation. */
type Auth = "none" | "admin" | "owner" | "agent";
/** One endpoint of the OpenAPI document, described by its zod schemas. */
export interface Operation {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  summary: string;
  auth: Auth;
  /** Query parameters, all strings on the wire. */
  query?: z.core.$ZodType;
  body?: z.core.$ZodType | "multipart";
  status: number;
  answer?: z.core.$ZodType;
}
