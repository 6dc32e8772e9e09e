export * from "./declaration-error";
export * from "./resolve";
export * from "./resolve-image";
export * from "./resolve-placement";
export * from "./resolve-probes";
export * from "./resolved-app";
export * from "./validate-app";
