export * from "./errors";
export * from "./limits";
export * from "./people";
export * from "./protocol";
export * from "./rest";
