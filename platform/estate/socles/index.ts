export * from "./lineage-page";
export * from "./rebuild-plan";
export * from "./socle-usage";
export * from "./socles-command";
export * from "./socles-report";
