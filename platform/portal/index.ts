export * from "./portal-calendar";
export * from "./portal-layout";
export * from "./portal-model";
export * from "./portal-site";
export * from "./portal-data";
