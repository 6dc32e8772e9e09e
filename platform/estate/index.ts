export * from "./estate-source";
export * from "./render-cache";
export * from "./render-code";
export * from "./render-estate";
export * from "./render-job";
