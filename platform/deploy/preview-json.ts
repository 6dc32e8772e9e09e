import type { Stack } from "@pulumi/pulumi/automation";
import { type RunOptions, openStack, withRelease } from "./stack-runner";
import { type StackTarget, policyPacks } from "./stack-target";

/**
 * `pulumi preview --json` of a target: the CLI's own preview document (Pulumi's `display.PreviewDigest`:
 * steps with old and new state, detailedDiff, change summary, policy diagnostics), for the MR note and
 * the release record. The program runs inline like every deploy here; the Automation API has no
 * `--json` option on preview, so the flag is added to this one stack's CLI call — the engine, the
 * provider and the JSON writer are Pulumi's own.
 * @see https://www.pulumi.com/docs/iac/cli/commands/pulumi_preview/
 */
export async function previewJson(target: StackTarget, given: RunOptions = {}): Promise<string> {
  // The digests the deploy will use (release plan from the stacks), so the preview shows that deploy.
  const options = await withRelease(target, given);
  const stack = await openStack(target, options);
  withJsonOutput(stack);
  // Refreshed by default: the MR note and the release record show what the deploy would really change.
  const result = await stack.preview({ policyPacks: policyPacks(), refresh: options.refresh ?? true });
  const start = result.stdout.indexOf("{");
  if (start < 0)
    throw new Error(`${target.project}/${target.env}: pulumi preview --json printed no JSON document:\n${result.stdout}\n${result.stderr}`);
  return result.stdout.slice(start);
}

type RunPulumiCmd = (args: string[], ...rest: unknown[]) => Promise<{ stdout: string; stderr: string }>;

/** Adds `--json` to the preview command this stack runs. */
function withJsonOutput(stack: Stack): void {
  const target = stack as unknown as { runPulumiCmd: RunPulumiCmd };
  const run = target.runPulumiCmd.bind(stack);
  target.runPulumiCmd = (args, ...rest) => run(args[0] === "preview" ? [...args, "--json"] : args, ...rest);
}
