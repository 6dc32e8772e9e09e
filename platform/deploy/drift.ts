import { type EngineEvent, LocalWorkspace } from "@pulumi/pulumi/automation";
import { type StackDrift, driftFromEvents } from "./drift-report";
import { withoutUnsafeHints } from "./run-log";
import { openStack } from "./stack-runner";
import { type StackTarget, pulumiCommand, workDirOf } from "./stack-target";

/**
 * The stacks of a project folder that exist in the backend (`pulumi stack ls`), so a drift run never
 * creates an empty stack for an app that was never deployed to an environment.
 */
export async function existingStacks(workDir: string): Promise<Set<string>> {
  const workspace = await LocalWorkspace.create({
    workDir,
    envVars: { PULUMI_SKIP_UPDATE_CHECK: "true" },
    pulumiCommand: await pulumiCommand(),
  });
  return new Set((await workspace.listStacks()).map((s) => s.name.split("/").pop()!));
}

/**
 * Drift of one stack: `pulumi preview --refresh` (the cluster read first, then the code compared with
 * it) with its engine events, turned into the fields that differ. The policy pack does not run: drift
 * is about the cluster, not about the code.
 */
export async function checkDrift(target: StackTarget, onOutput?: (text: string) => void): Promise<StackDrift> {
  const events: EngineEvent[] = [];
  try {
    const stack = await openStack(target, { workDir: workDirOf(target) });
    await stack.preview({ refresh: true, diff: true, onEvent: (e) => void events.push(e), onOutput });
  } catch (error) {
    const text = withoutUnsafeHints(error instanceof Error ? error.message : String(error));
    const reason =
      text
        .split("\n")
        .map((l) => l.trim())
        .find((l) => /^error:/i.test(l)) ?? text.split("\n")[0];
    return { target, resources: [], error: reason };
  }
  return driftFromEvents(target, events);
}
