import { existsSync } from "node:fs";
import { PulumiCommand } from "@pulumi/pulumi/automation";
import { join } from "node:path";
import type { EnvName } from "../../constructs/model";

import { REPO_ROOT } from "../repo-root";

export { REPO_ROOT };

/** The policy pack every preview and update runs, when present. */
export const POLICY_PACK = join(REPO_ROOT, "platform/policy-pack");

/** A Pulumi stack of this repository: the platform layer or one app, in one environment. */
export interface StackTarget {
  /** `platform` for the root project, otherwise the app name (its folder in apps/). */
  readonly project: string;
  readonly env: EnvName;
}

/** Folder of the Pulumi project of a target. */
export function workDirOf(target: StackTarget): string {
  return target.project === "platform" ? REPO_ROOT : join(REPO_ROOT, "apps", target.project);
}

/** Pulumi project name of a target (the `name:` of its Pulumi.yaml): `beluga-platform` or the app name. */
export function projectNameOf(target: StackTarget): string {
  return target.project === "platform" ? "beluga-platform" : target.project;
}

/** `sinistre/dev`, `platform/prod`: how targets are named in output and logs. */
export function targetLabel(target: StackTarget): string {
  return `${target.project}/${target.env}`;
}

/** Policy packs to run with every operation: ours when it is present in the checkout. */
export function policyPacks(): string[] {
  return existsSync(join(POLICY_PACK, "PulumiPolicy.yaml")) ? [POLICY_PACK] : [];
}

let cli: Promise<PulumiCommand> | undefined;
/**
 * The Pulumi CLI on PATH, its version checked once per process: every workspace the Automation API
 * creates otherwise starts `pulumi version` again (~0.4 s each, three or four per deploy command).
 */
export function pulumiCommand(): Promise<PulumiCommand> {
  cli ??= PulumiCommand.get().catch((error: unknown) => {
    cli = undefined;
    throw error;
  });
  return cli;
}
