export * from "./image-chain";
