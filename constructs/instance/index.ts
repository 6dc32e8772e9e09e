export * from "./beluga-instance";
export * from "./environment-set";
export * from "./instance-error";
