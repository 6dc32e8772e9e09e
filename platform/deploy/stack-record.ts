import { LocalWorkspace, Stack } from "@pulumi/pulumi/automation";
import type { AppDeclaration, EnvName } from "../../constructs/model";
import { type ReleasePlan, type StackRecord, releasePlan } from "../../constructs/policy";
import type { Beluga } from "../../constructs/beluga";
import { pipelineDigests } from "./app-program";
import { type StackTarget, pulumiCommand, workDirOf } from "./stack-target";

/**
 * What an app's stack runs in one environment, read from the shared backend (`PULUMI_BACKEND_URL`):
 * its `digests` and `versions` outputs and the result of its last update. No workspace file is read,
 * so a pipeline job on a clean clone sees what the previous job deployed.
 * @returns undefined when the stack does not exist (never deployed)
 */
export async function readStackRecord(target: StackTarget): Promise<StackRecord | undefined> {
  const workspace = await LocalWorkspace.create({
    workDir: workDirOf(target),
    envVars: { PULUMI_SKIP_UPDATE_CHECK: "true" },
    pulumiCommand: await pulumiCommand(),
  });
  const known = await workspace.listStacks();
  if (!known.some((s) => s.name === target.env || s.name.endsWith(`/${target.env}`))) return undefined;
  const stack = await Stack.select(target.env, workspace);
  const [outputs, history] = await Promise.all([stack.outputs(), stack.history(10)]);
  // Refreshes and previews of a drift job are history too; promotion trusts the last update.
  const last = history.find((h) => h.kind === "update");
  const record = (key: string): Record<string, string> => {
    const value = outputs[key]?.value;
    return value && typeof value === "object" ? (value as Record<string, string>) : {};
  };
  return {
    env: target.env,
    digests: record("digests"),
    versions: record("versions"),
    ...(last
      ? {
          lastUpdate: {
            result: last.result,
            ...(last.endTime ? { endTime: new Date(last.endTime).toISOString() } : {}),
            ...authorOf(last),
          },
        }
      : {}),
  };
}

/**
 * The release plan of one app deploy (see `releasePlan`): reads the environment's own stack and the
 * one it promotes from, and the digests the pipeline built (`BELUGA_DIGEST_<WORKLOAD>`).
 */
export async function planRelease(
  beluga: Beluga,
  declaration: AppDeclaration,
  envName: EnvName,
  processEnv: NodeJS.ProcessEnv = process.env,
): Promise<ReleasePlan> {
  const env = beluga.environment(envName);
  const [current, previous] = await Promise.all([
    env.promotesFrom === undefined ? readStackRecord({ project: declaration.name, env: env.name }) : undefined,
    env.promotesFrom !== undefined ? readStackRecord({ project: declaration.name, env: env.promotesFrom }) : undefined,
  ]);
  return releasePlan(declaration, env, { current, previous, built: pipelineDigests(declaration, processEnv) });
}

/** Who ran an update, as Pulumi records it from the checkout (`git.author`, else `git.committer`). */
function authorOf(update: { environment?: Record<string, string> }): { by?: string } {
  const by = update.environment?.["git.author"] ?? update.environment?.["git.committer"];
  return by ? { by } : {};
}
