export * from "./dev";
export * from "./environments";
export * from "./int";
export * from "./platform-identities";
export * from "./prod";
export * from "./re7";
