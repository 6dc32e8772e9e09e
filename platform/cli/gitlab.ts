import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve as resolvePath } from "node:path";
import { Command, Option } from "commander";
import { apps } from "../../apps/catalog";
import {
  type EnvironmentPreview, PreviewFileError, declaredPodsOf, type ReleaseRecord, generatePipelines, parsePreviewDigest, postReleaseNotification,
  MR_NOTE_VARIABLES, mrNoteMarker, mrNoteTargetFromEnv, publishMrNote, recordBaseName, releaseNotes, releaseRecordFromCi, renderMrNote, renderReleaseRecord, staleFiles, summarizePreview,
} from "../../constructs/gitlab";
import { ENV_NAMES, type EnvName } from "../../constructs/model";
import { DeclarationError } from "../../constructs/resolve";
import { environments } from "../../environments";
import { catalog } from "../catalog";

/**
 * `npm run gitlab -- <command>`: the GitLab side of Beluga.
 * - `generate`: writes every app's `.gitlab-ci.yml` (validated against GitLab's schema and the
 *   semantic checks first; nothing is written if any app fails);
 * - `check`: exits 1 when regenerating would change a committed pipeline (CI runs it);
 * - `mr-note`: preview JSON files → the reviewer note (stdout, or posted with `--post`);
 * - `release-record`: written by re7/prod deploy jobs, then the notification;
 * - `release-notes`: release records → monthly notes per app.
 * User mistakes print messages and exit non-zero, never a stack trace.
 */
const REPO_ROOT = resolvePath(__dirname, "../..");
const program = new Command().name("gitlab").description("Generate and check GitLab pipelines; MR notes, release records and notes");
const appOption = () => new Option("-a, --app <app>", "app name").choices(apps.map((a) => a.name)).makeOptionMandatory();

program
  .command("generate")
  .description("write apps/<app>/.gitlab-ci.yml for every app")
  .action(() => {
    const result = generatePipelines(apps, { environments, catalog });
    if (fail("generate", result.messages)) return;
    for (const [path, content] of result.files) {
      mkdirSync(dirname(join(REPO_ROOT, path)), { recursive: true });
      writeFileSync(join(REPO_ROOT, path), content);
    }
    console.log(`gitlab generate: wrote ${result.files.size} pipelines (${[...result.files.keys()].join(", ")})`);
  });

program
  .command("check")
  .description("fail when regenerating the pipelines would change any of them")
  .action(() => {
    const result = generatePipelines(apps, { environments, catalog });
    if (fail("check", result.messages)) return;
    const stale = staleFiles(REPO_ROOT, result.files);
    if (stale.length > 0) {
      console.error(`gitlab check: ${stale.length} generated pipeline(s) out of date:`);
      for (const s of stale) console.error(`  ✗ ${s.path} (${s.reason})`);
      console.error("run npm run gitlab -- generate and commit the result");
      process.exitCode = 1;
      return;
    }
    console.log(`gitlab check: ${result.files.size} pipelines up to date`);
  });

program
  .command("mr-note")
  .description("render the reviewer note from pulumi preview --json files named <env>.json; --post edits it on the MR")
  .addOption(appOption())
  .option("--post", `post to the MR (${MR_NOTE_VARIABLES.join(", ")})`)
  .argument("<previews...>", "preview files, one per environment, named <env>.json")
  .action(async (files: string[], options: { app: string; post?: boolean }) => {
    const previews: EnvironmentPreview[] = [];
    for (const file of files) {
      const env = file.split("/").pop()!.replace(/\.json$/, "");
      if (!(ENV_NAMES as readonly string[]).includes(env)) return void fail("mr-note", [`${options.app}: ${file} must be named <env>.json with env one of ${ENV_NAMES.join(", ")}; rename the file`]);
      const declaration = apps.find((a) => a.name === options.app)!;
      const declaredPods = declaredPodsOf(declaration, environments[env as EnvName], catalog);
      previews.push({ env: env as EnvName, preview: parsePreviewDigest(readFileSync(file, "utf8"), file), declaredPods });
    }
    const body = renderMrNote(options.app, previews);
    if (!options.post) return void process.stdout.write(body);
    const mr = mrNoteTargetFromEnv(process.env);
    if ("missing" in mr) return void fail("mr-note", [`${options.app}: --post needs ${mr.missing.join(", ")} in the environment; run it in a merge-request pipeline or set them`]);
    const result = await publishMrNote(mrNoteMarker(options.app), body, mr.target);
    console.log(`gitlab mr-note: note ${result.noteId} ${result.action} on !${mr.target.mergeRequestIid}`);
  });

program
  .command("release-record")
  .description("write the release record of a re7/prod deploy (JSON + markdown) and post the notification")
  .addOption(appOption())
  .addOption(new Option("-e, --env <env>", "environment").choices(["re7", "prod"]).makeOptionMandatory())
  .option("--preview <file>", "pulumi preview --json taken before the deploy, for the change summary")
  .option("--out <dir>", "records folder", "releases")
  .action(async (options: { app: string; env: EnvName; preview?: string; out: string }) => {
    const app = apps.find((a) => a.name === options.app)!;
    const declaredPods = declaredPodsOf(app, environments[options.env], catalog);
    const summary = options.preview ? summarizePreview(parsePreviewDigest(readFileSync(options.preview, "utf8"), options.preview), declaredPods) : undefined;
    const record = releaseRecordFromCi({ app, env: options.env, environment: environments[options.env], catalog, variables: process.env, summary, now: new Date() });
    const base = join(options.out, recordBaseName(record));
    mkdirSync(dirname(base), { recursive: true });
    writeFileSync(`${base}.json`, `${JSON.stringify(record, null, 2)}\n`);
    writeFileSync(`${base}.md`, renderReleaseRecord(record));
    console.log(`gitlab release-record: ${base}.json, ${base}.md`);
    const webhook = process.env.BELUGA_RELEASE_WEBHOOK_URL;
    if (!webhook) return void console.log("gitlab release-record: BELUGA_RELEASE_WEBHOOK_URL not set, no notification");
    await postReleaseNotification(webhook, record);
    console.log("gitlab release-record: notification posted");
  });

program
  .command("release-notes")
  .description("aggregate release records into monthly release notes for one app")
  .addOption(appOption())
  .option("--records <dir>", "records folder", "releases")
  .option("--out <dir>", "output folder", "release-notes")
  .action((options: { app: string; records: string; out: string }) => {
    const records = readRecords(options.records);
    const notes = releaseNotes(options.app, records);
    mkdirSync(options.out, { recursive: true });
    for (const [month, text] of notes) writeFileSync(join(options.out, `${options.app}-${month}.md`), text);
    console.log(`gitlab release-notes: ${notes.size} month(s) for ${options.app} from ${records.length} record(s) in ${options.out}/`);
  });

function readRecords(dir: string): ReleaseRecord[] {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true }) as string[];
  } catch {
    return [];
  }
  return entries.filter((f) => f.endsWith(".json")).map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as ReleaseRecord);
}

function fail(command: string, messages: readonly string[]): boolean {
  if (messages.length === 0) return false;
  console.error(`gitlab ${command}: ${messages.length} problem(s); nothing was written.`);
  for (const m of messages) console.error(`  ✗ ${m}`);
  process.exitCode = 1;
  return true;
}

program.parseAsync().catch((error) => {
  // User-facing failures print their message only; anything else is a bug and keeps its stack.
  if (error instanceof DeclarationError) for (const m of error.messages) console.error(`  ✗ ${m}`);
  else if (error instanceof PreviewFileError || (error instanceof Error && /^release notification refused/.test(error.message))) console.error(`gitlab: ${error.message}`);
  else console.error(error);
  process.exitCode = 1;
});
