import { resolve } from "node:path";

/** The repository root (this file lives in platform/): the one place it is computed from a file's location. */
export const REPO_ROOT = resolve(__dirname, "..");
