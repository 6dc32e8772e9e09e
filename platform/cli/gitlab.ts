import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { Command, Option } from "commander";
import {
  type CommandFailure,
  type EnvironmentPreview,
  type NotificationTarget,
  OUTCOME_FILE,
  OUTCOME_FILE_VARIABLE,
  deployOutcome,
  outcomeText,
  postDeployOutcome,
  PreviewFileError,
  type ReleaseRecord,
  minimumPodsOf,
  parsePreviewDigest,
  postReleaseNotification,
  MR_NOTE_VARIABLES,
  mrNoteMarker,
  mrNoteTargetFromEnv,
  publishMrNote,
  recordBaseName,
  releaseNotes,
  releaseRecordFromCi,
  renderMrNote,
  renderReleaseRecord,
  staleFiles,
  summarizePreview,
} from "../../constructs/gitlab";
import type { Beluga } from "../../constructs/beluga";
import { egressNames } from "../../constructs/policy/network-flows";
import { REPO_ROOT } from "../repo-root";
import { GITLAB_PROJECTS_CONFIG_FILE, GITLAB_PROJECTS_DIR, missingConfig, openGitlabProjectsStack } from "../gitlab-projects/run-stack";
import { GITLAB_PROJECTS_STACK } from "../gitlab-projects/gitlab-projects-stack";
import { RefusedError, UsageError, guarded } from "./cli-errors";
import { appOption as sharedAppOption, envOption } from "./shared-options";

/**
 * `npm run gitlab -- <command>`: the GitLab side of Beluga.
 * - `generate`: writes every app's `.gitlab-ci.yml` and the root `.gitlab-ci.yml` that starts them as
 *   child pipelines, with the platform layer's jobs and the fleet diff (validated against GitLab's
 *   schema and the semantic checks first; nothing is written if any pipeline fails);
 * - `check`: exits 1 when regenerating would change a committed pipeline (CI runs it);
 * - `mr-note`: preview JSON files → the reviewer note (stdout, or posted with `--post`);
 * - `release-record`: written by the deploy jobs of environments with `pipeline.releaseRecord`
 *   (RE7, Prod), then the notification;
 * - `notify-outcome`: the deploy jobs' `after_script` when a deploy did not succeed: the outcome and its
 *   reasons to the team's channel (Teams Adaptive Card and/or generic JSON);
 * - `release-notes`: release records → monthly notes per app;
 * - `projects <preview|up>`: every app's GitLab project as a stack (`platform/gitlab-projects/`), refreshed first.
 * User mistakes print messages and exit non-zero, never a stack trace.
 */
/** Failures of the GitLab side a person acts on: an unreadable preview file, a refused notification. */
const knownFailure = (error: Error) =>
  error instanceof PreviewFileError || /^(release|deploy) notification refused/.test(error.message) || /^outcome file /.test(error.message);

/** Variables holding the team channel's webhooks (masked CI/CD variables), per payload format. */
export const WEBHOOK_VARIABLES = { teams: "BELUGA_TEAMS_WEBHOOK_URL", json: "BELUGA_RELEASE_WEBHOOK_URL" } as const;

/** The webhooks set in the environment: Teams (Adaptive Card) and generic JSON. */
export function notificationTargets(env: NodeJS.ProcessEnv): NotificationTarget[] {
  return (["teams", "json"] as const).flatMap((format) => {
    const url = env[WEBHOOK_VARIABLES[format]];
    return url ? [{ format, url, source: WEBHOOK_VARIABLES[format] }] : [];
  });
}

/** Reads what a failing command recorded; a file that is not such a record is reported, not thrown raw. */
function readCommandFailure(file: string): CommandFailure {
  let parsed: Partial<CommandFailure>;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<CommandFailure>;
  } catch (error) {
    throw new Error(`outcome file ${file} is not JSON (${(error as Error).message})`);
  }
  if (typeof parsed.command !== "string" || typeof parsed.message !== "string" || !Array.isArray(parsed.details)) {
    throw new Error(`outcome file ${file} lacks command, message or details`);
  }
  return parsed as CommandFailure;
}

export function gitlabCommand(beluga: Beluga): Command {
  const program = new Command("gitlab").description("generate and check GitLab pipelines; MR notes, release records and notes");
  const appOption = () => sharedAppOption(beluga).makeOptionMandatory();

  program
    .command("generate")
    .description("write apps/<app>/.gitlab-ci.yml for every app and the root .gitlab-ci.yml (child pipelines, platform layer, fleet diff)")
    .action(
      guarded(
        "gitlab",
        () => {
          const result = beluga.pipelines();
          refuseOnProblems("generate", result.messages);
          for (const [path, content] of result.files) {
            mkdirSync(dirname(join(REPO_ROOT, path)), { recursive: true });
            writeFileSync(join(REPO_ROOT, path), content);
          }
          console.log(`gitlab generate: wrote ${result.files.size} pipelines (${[...result.files.keys()].join(", ")})`);
        },
        knownFailure,
      ),
    );

  program
    .command("check")
    .description("fail when regenerating the pipelines would change any of them")
    .action(
      guarded(
        "gitlab",
        () => {
          const result = beluga.pipelines();
          refuseOnProblems("check", result.messages);
          const stale = staleFiles(REPO_ROOT, result.files);
          if (stale.length > 0) {
            throw new RefusedError(
              `${stale.length} generated pipeline(s) out of date`,
              stale.map((s) => `${s.path} (${s.reason})`),
              "run npm run gitlab -- generate and commit the result",
            );
          }
          console.log(`gitlab check: ${result.files.size} pipelines up to date`);
        },
        knownFailure,
      ),
    );

  program
    .command("mr-note")
    .description("render the reviewer note from pulumi preview --json files named <env>.json; --post edits it on the MR")
    .addOption(appOption())
    .option("--post", `post to the MR (${MR_NOTE_VARIABLES.join(", ")})`)
    .argument("<previews...>", "preview files, one per environment, named <env>.json")
    .action(
      guarded(
        "gitlab",
        async (files: string[], options: { app: string; post?: boolean }) => {
          const previews: EnvironmentPreview[] = [];
          for (const file of files) {
            const env = file
              .split("/")
              .pop()!
              .replace(/\.json$/, "");
            if (!beluga.environments.has(env)) {
              throw new UsageError(
                `${options.app}: ${file} must be named <env>.json with env one of ${beluga.environments.names.join(", ")}`,
                "rename the file",
              );
            }
            const resolved = beluga.resolve(options.app, env);
            previews.push({
              env,
              preview: parsePreviewDigest(readFileSync(file, "utf8"), file),
              declaredPods: minimumPodsOf(resolved),
              networkNames: egressNames(resolved),
            });
          }
          const body = renderMrNote(options.app, previews, beluga.environments);
          if (!options.post) return void process.stdout.write(body);
          const mr = mrNoteTargetFromEnv(process.env);
          if ("missing" in mr) {
            throw new UsageError(
              `${options.app}: --post needs ${mr.missing.join(", ")} in the environment`,
              "run it in a merge-request pipeline or set them",
            );
          }
          const result = await publishMrNote(mrNoteMarker(options.app), body, mr.target);
          console.log(`gitlab mr-note: note ${result.noteId} ${result.action} on !${mr.target.mergeRequestIid}`);
        },
        knownFailure,
      ),
    );

  program
    .command("release-record")
    .description(
      `write the release record of a deploy to ${recordingEnvironments().join(" or ")} (JSON + markdown) and post the notification`,
    )
    .addOption(appOption())
    .addOption(new Option("-e, --env <env>", "environment").choices(recordingEnvironments()).makeOptionMandatory())
    .option("--preview <file>", "pulumi preview --json taken before the deploy, for the change summary")
    .option("--out <dir>", "records folder", "releases")
    .action(
      guarded(
        "gitlab",
        async (options: { app: string; env: string; preview?: string; out: string }) => {
          const app = beluga.app(options.app);
          const environment = beluga.environment(options.env);
          const declaredPods = minimumPodsOf(beluga.resolve(app, environment));
          const summary = options.preview
            ? summarizePreview(parsePreviewDigest(readFileSync(options.preview, "utf8"), options.preview), declaredPods)
            : undefined;
          const record = releaseRecordFromCi({
            app,
            env: environment.name,
            environment,
            catalog: beluga.instance.catalog,
            changeManagement: beluga.instance.changeManagement,
            variables: process.env,
            summary,
            now: new Date(),
          });
          const base = join(options.out, recordBaseName(record));
          mkdirSync(dirname(base), { recursive: true });
          writeFileSync(`${base}.json`, `${JSON.stringify(record, null, 2)}\n`);
          writeFileSync(`${base}.md`, renderReleaseRecord(record, beluga.environments));
          console.log(`gitlab release-record: ${base}.json, ${base}.md`);
          const webhook = process.env.BELUGA_RELEASE_WEBHOOK_URL;
          if (!webhook) return void console.log("gitlab release-record: BELUGA_RELEASE_WEBHOOK_URL not set, no notification");
          await postReleaseNotification(webhook, record, beluga.environments);
          console.log("gitlab release-record: notification posted");
        },
        knownFailure,
      ),
    );

  program
    .command("notify-outcome")
    .description("tell the team's channel how a deploy job ended (failed, refused by a gate or a policy, rolled back, canceled)")
    .addOption(appOption())
    .addOption(envOption(beluga).makeOptionMandatory())
    .option("--status <status>", "job status: success, failed or canceled (default: $CI_JOB_STATUS)", process.env.CI_JOB_STATUS)
    .option("--outcome-file <file>", `what the failing command recorded (default: $${OUTCOME_FILE_VARIABLE} or ${OUTCOME_FILE})`)
    .action(
      guarded(
        "gitlab",
        async (options: { app: string; env: string; status?: string; outcomeFile?: string }) => {
          const app = beluga.app(options.app);
          const file = options.outcomeFile ?? process.env[OUTCOME_FILE_VARIABLE] ?? OUTCOME_FILE;
          const outcome = deployOutcome({
            app: { name: app.name, team: app.team },
            environment: beluga.environment(options.env),
            jobStatus: options.status ?? "failed",
            failure: existsSync(file) ? readCommandFailure(file) : undefined,
            variables: process.env,
            now: new Date(),
          });
          console.log(outcomeText(outcome));
          const targets = notificationTargets(process.env);
          if (targets.length === 0) {
            return void console.log(
              `gitlab notify-outcome: neither ${WEBHOOK_VARIABLES.teams} nor ${WEBHOOK_VARIABLES.json} set, no notification`,
            );
          }
          await postDeployOutcome(outcome, targets);
          console.log(`gitlab notify-outcome: ${outcome.kind} posted (${targets.map((t) => t.format).join(", ")})`);
        },
        knownFailure,
      ),
    );

  program
    .command("release-notes")
    .description("aggregate release records into monthly release notes for one app")
    .addOption(appOption())
    .option("--records <dir>", "records folder", "releases")
    .option("--out <dir>", "output folder", "release-notes")
    .action(
      guarded(
        "gitlab",
        (options: { app: string; records: string; out: string }) => {
          const records = readRecords(options.records);
          const notes = releaseNotes(options.app, records, beluga.environments);
          mkdirSync(options.out, { recursive: true });
          for (const [month, text] of notes) writeFileSync(join(options.out, `${options.app}-${month}.md`), text);
          console.log(
            `gitlab release-notes: ${notes.size} month(s) for ${options.app} from ${records.length} record(s) in ${options.out}/`,
          );
        },
        knownFailure,
      ),
    );
  program
    .command("projects")
    .description("every app's GitLab project as a stack (platform/gitlab-projects): preview or up, refreshed from GitLab first")
    .argument("<action>", "preview or up")
    .action(
      guarded("gitlab projects", async (action: string) => {
        if (action !== "preview" && action !== "up") throw new UsageError(`projects: unknown action ${action}`, "use preview or up");
        const missing = missingConfig();
        if (missing.length > 0) {
          throw new RefusedError(
            `${relative(REPO_ROOT, GITLAB_PROJECTS_CONFIG_FILE)} lacks ${missing.join(", ")}; nothing was done`,
            missing.map(
              (key) => `${key}: pulumi config set -s ${GITLAB_PROJECTS_STACK} ${key === "gitlabToken" ? "--secret " : ""}${key} <value>`,
            ),
            `run those in ${relative(REPO_ROOT, GITLAB_PROJECTS_DIR)} (the first one creates the stack: pulumi stack init ${GITLAB_PROJECTS_STACK} --secrets-provider passphrase); gitlab-projects-stack.ts says what each key is`,
          );
        }
        const stack = await openGitlabProjectsStack(beluga);
        const onOutput = (out: string) => process.stdout.write(out);
        if (action === "preview") await stack.preview({ refresh: true, diff: true, onOutput });
        else await stack.up({ refresh: true, onOutput });
      }),
    );
  return program;

  /** The environments whose deploy jobs write release records (`pipeline.releaseRecord`), in promotion order. */
  function recordingEnvironments(): string[] {
    return beluga.environments.list.filter((e) => e.pipeline.releaseRecord).map((e) => e.name);
  }
}

function readRecords(dir: string): ReleaseRecord[] {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true }) as string[];
  } catch {
    return [];
  }
  return entries.filter((f) => f.endsWith(".json")).map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as ReleaseRecord);
}

/** Declaration or generator problems: nothing is written, exit code 1. */
function refuseOnProblems(command: string, messages: readonly string[]): void {
  if (messages.length === 0) return;
  throw new RefusedError(`${command}: ${messages.length} problem(s); nothing was written.`, messages);
}
