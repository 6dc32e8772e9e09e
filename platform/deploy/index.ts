export * from "./preview-json";
export * from "./stack-record";
export * from "./stack-runner";
export * from "./stack-target";
export * from "./status-page";
export * from "./workload-status";
