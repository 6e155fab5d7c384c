export * from "./errors";
export * from "./limits";
export * from "./origin";
export * from "./people";
export * from "./protocol";
export * from "./rest";
