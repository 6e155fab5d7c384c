export * from "./errors";
export * from "./limits";
export * from "./protocol";
export * from "./rest";
