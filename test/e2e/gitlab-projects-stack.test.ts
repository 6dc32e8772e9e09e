/**
 * e2e: the GitLab projects stack (platform/gitlab-projects/) under the real Pulumi engine, against the
 * in-process GitLab API double; no cluster. The Automation API runs the stack's own program
 * (`gitlabProjectsStack`, which platform/gitlab-projects/index.ts exports) inline, over this repository's
 * discovered apps, in a throwaway folder holding the project's real Pulumi.yaml, with the stack's config
 * set as an operator would (`pulumi config set`), a file backend and a passphrase. Shows: an up creates
 * one project per app with its settings; a second up changes nothing; changes made through GitLab's API
 * (as in the UI) are reported and undone; an app scaffolded by `beluga new app` becomes exactly one new
 * project. The engine runs the providers through platform/local/bin/pulumi-resource-pulumi-nodejs.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type EngineEvent, LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { changesOf } from "./engine-changes";
import { Beluga } from "../../constructs/beluga";
import { ciVariablesOf } from "../../constructs/gitlab/ci-variables";
import { freezePeriodsOf } from "../../constructs/gitlab/io/project";
import type { AppDeclaration } from "../../constructs/model";
import { discoverApps } from "../../platform/apps/discover-apps";
import { newCommand } from "../../platform/cli/new-app";
import { REPO_ROOT } from "../../platform/deploy";
import { GITLAB_PROJECTS_PROJECT, GITLAB_PROJECTS_STACK, gitlabProjectsStack } from "../../platform/gitlab-projects/gitlab-projects-stack";
import { beluga } from "../../platform/instance";
import { type DoubleProject, type GitlabApiDouble, gitlabApiDouble } from "../gitlab/io/project/gitlab-api-double";

jest.setTimeout(600_000);

const ADMIN_TOKEN = "glpat-projects-stack-0001";
const ROOT_PROJECT = "beluga/platform";
const CI_CONFIG_PATH = ".gitlab-ci.yml@beluga/platform";
const D = "pulumi-nodejs:dynamic/gitlab";
/** The variables the pipelines read, declared in every app's project. */
const DEPLOY_SPECS = ciVariablesOf(beluga.environments, beluga.instance.changeManagement).filter((v) => v.source === "project");
/** A value per variable GitLab accepts: maskable where masked, a multi-line kubeconfig for the file variables. */
const DEPLOY_VALUES = Object.fromEntries(
  DEPLOY_SPECS.map((v) => [
    v.key,
    v.type === "file" ? `apiVersion: v1\nkind: Config\ncurrent-context: ${v.environmentScope}\n` : `value-of-${v.key.toLowerCase()}`,
  ]),
);
let envVars: Record<string, string>;
let workDir: string;
let scratch: string;
let gitlab: GitlabApiDouble;
let url: string;
let stack: Stack;
/** The apps the program declares: the repository's, then with the scaffolded one. */
let apps: readonly AppDeclaration[] = beluga.apps;

/** Resources of one app's set: component, project, branch protection, environments, protections, freezes, variables, two tokens. */
const resourcesOf = (app: AppDeclaration) =>
  1 + 1 + 1 + beluga.environments.list.length + 1 + freezePeriodsOf(app.name, app.release).length + DEPLOY_SPECS.length + 2;
/** The stack, the drift schedule's component, schedule and variable, and every app's set. */
const stackSize = (list: readonly AppDeclaration[]) => 1 + 3 + list.reduce((n, app) => n + resourcesOf(app), 0);

const project = (path: string): DoubleProject => {
  const found = gitlab.project(`beluga/${path}`);
  if (!found)
    throw new Error(
      `the double holds no project beluga/${path}; it holds ${[...gitlab.projects.values()].map((p) => p.path_with_namespace).join(", ") || "none"}`,
    );
  return found;
};
/** A call to GitLab's REST API as a person's browser (or curl) makes it: what the UI does. */
async function gitlabApi(method: string, path: string, body?: Record<string, unknown>): Promise<number> {
  const response = await fetch(`${url}/api/v4/${path}`, {
    method,
    headers: { "PRIVATE-TOKEN": ADMIN_TOKEN, ...(body ? { "content-type": "application/json" } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return response.status;
}
/** Everything the double holds about a project, comparable across steps. */
const snapshotOf = (p: DoubleProject) =>
  JSON.stringify(p, (_, v) => (v instanceof Map ? [...v.entries()].sort(([a], [b]) => String(a).localeCompare(String(b))) : v));
/** `beluga new app` in a scratch root (as test/platform/cli/new-app.test.ts runs it), quiet. */
async function scaffold(...args: string[]): Promise<void> {
  const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
  try {
    const command = newCommand(beluga, scratch).exitOverride();
    command.commands.forEach((c) => c.exitOverride());
    await command.parseAsync(args, { from: "user" });
    expect(process.exitCode ?? 0).toBe(0);
  } finally {
    log.mockRestore();
    process.exitCode = undefined;
  }
}

beforeAll(async () => {
  const launcher = spawnSync("sh", ["-c", "command -v pulumi-resource-pulumi-nodejs"], { encoding: "utf8" }).stdout.trim();
  if (launcher !== join(REPO_ROOT, "platform/local/bin/pulumi-resource-pulumi-nodejs")) {
    throw new Error(
      `pulumi-resource-pulumi-nodejs on PATH is ${JSON.stringify(launcher)}, not platform/local/bin's: run the test through bash platform/deploy/with-platform.sh (it sources platform/local/env.sh)`,
    );
  }
  gitlab = gitlabApiDouble(ADMIN_TOKEN);
  url = await gitlab.start();
  // The repository holding the root pipeline exists before the stack (it holds this code); the stack only schedules it.
  expect(await gitlabApi("POST", "projects", { name: "platform", path: "platform", namespace_id: 42, initialize_with_readme: true })).toBe(
    201,
  );
  workDir = mkdtempSync(join(tmpdir(), "beluga-gitlab-projects-"));
  // The project's own Pulumi.yaml (its name is the config namespace), less `main`: the program runs inline.
  const projectFile = readFileSync(join(REPO_ROOT, "platform/gitlab-projects/Pulumi.yaml"), "utf8");
  expect(projectFile).toMatch(/^main: index\.ts$/m);
  writeFileSync(join(workDir, "Pulumi.yaml"), projectFile.replace(/^main: .*\n/m, ""));
  mkdirSync(join(workDir, "state"));
  envVars = {
    PULUMI_BACKEND_URL: `file://${join(workDir, "state")}`,
    PULUMI_CONFIG_PASSPHRASE: "projects-stack-test-passphrase",
    PULUMI_SKIP_UPDATE_CHECK: "true",
  };
  stack = await LocalWorkspace.createOrSelectStack(
    {
      stackName: GITLAB_PROJECTS_STACK,
      projectName: GITLAB_PROJECTS_PROJECT,
      program: async () => gitlabProjectsStack(new Beluga(beluga.instance, apps)).outputs,
    },
    { workDir, secretsProvider: "passphrase", envVars },
  );
  const key = (name: string) => `${GITLAB_PROJECTS_PROJECT}:${name}`;
  await stack.setAllConfig({
    [key("gitlabUrl")]: { value: url },
    [key("gitlabToken")]: { value: ADMIN_TOKEN, secret: true },
    [key("namespaceId")]: { value: "42" },
    [key("rootProject")]: { value: ROOT_PROJECT },
    [key("tokensExpireAt")]: { value: "2027-01-31" },
    [key("deployVariables")]: { value: JSON.stringify(DEPLOY_VALUES), secret: true },
  });
  scratch = mkdtempSync(join(tmpdir(), "beluga-gitlab-projects-new-app-"));
  mkdirSync(join(scratch, "apps"));
  symlinkSync(join(REPO_ROOT, "constructs"), join(scratch, "constructs"));
  copyFileSync(join(REPO_ROOT, ".prettierrc.json"), join(scratch, ".prettierrc.json"));
});

afterAll(async () => {
  await gitlab?.stop();
  for (const dir of [workDir, scratch]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the GitLab projects stack under the real Pulumi engine", () => {
  it("creates one project per app of the repository, run by the root pipeline, with its protections, freezes and variables", async () => {
    // When the stack is brought up over the discovered apps
    const up = await stack.up();
    // Then every declared resource was created
    expect(up.summary.resourceChanges).toEqual({ create: stackSize(apps) });
    expect([...gitlab.projects.values()].map((p) => p.path_with_namespace).sort()).toEqual(
      [ROOT_PROJECT, ...beluga.appNames.map((a) => `beluga/${a}`)].sort(),
    );
    expect(up.outputs.projectIds.value).toEqual(Object.fromEntries(beluga.appNames.map((a) => [a, String(project(a).id)])));
    for (const app of beluga.apps) {
      const p = project(app.name);
      // the pipeline definition, the merge rules
      expect({ app: app.name, ci: p.ci_config_path, pipelineMustSucceed: p.only_allow_merge_if_pipeline_succeeds }).toEqual({
        app: app.name,
        ci: CI_CONFIG_PATH,
        pipelineMustSucceed: true,
      });
      // the protected environment and its approvals, by criticality
      expect([...p.protectedEnvironments.values()]).toEqual([
        expect.objectContaining({
          name: "prod",
          deploy_access_levels: [expect.objectContaining({ access_level: 40 })],
          required_approval_count: app.criticality === "critical" ? 2 : 1,
        }),
      ]);
      // the freezes, from the release windows
      expect([...p.freezePeriods.values()].map((f) => `${f.freeze_start} → ${f.freeze_end}`).sort()).toEqual(
        freezePeriodsOf(app.name, app.release)
          .map((f) => `${f.freezeStart} → ${f.freezeEnd}`)
          .sort(),
      );
      // the variables the pipelines read, with their settings and values
      expect(
        p.variables.map((v) => `${v.key} ${v.environment_scope} ${v.variable_type} masked=${v.masked} protected=${v.protected}`).sort(),
      ).toEqual(DEPLOY_SPECS.map((v) => `${v.key} ${v.environmentScope} ${v.type} masked=${v.masked} protected=${v.protected}`).sort());
      expect(Object.fromEntries(p.variables.map((v) => [v.key, v.value]))).toEqual(DEPLOY_VALUES);
    }
    expect([...project("gestion-contrats").freezePeriods.values()].map((f) => `${f.freeze_start} → ${f.freeze_end}`).sort()).toEqual([
      "0 0 1 11 * → 0 0 1 4 *",
      "0 0 1 5 * → 0 0 1 10 *",
    ]);
    // the drift schedule, on the repository holding the root pipeline
    expect([...project("platform").pipelineSchedules.values()]).toEqual([
      expect.objectContaining({
        ref: "refs/heads/main",
        cron: "0 6 * * *",
        cron_timezone: "Europe/Paris",
        variables: [{ key: "BELUGA_SCHEDULE", value: "drift", variable_type: "env_var" }],
      }),
    ]);
    expect(gitlab.unhandled).toEqual([]);
  });

  it("changes nothing on a second up with nothing changed", async () => {
    const calls = gitlab.calls.length;
    const up = await stack.up();
    expect(up.summary.resourceChanges).toEqual({ same: stackSize(apps) });
    // the engine's reads are GETs; nothing was written to GitLab
    expect(gitlab.calls.slice(calls).filter((c) => !c.startsWith("GET "))).toEqual([]);
  });

  it("reports changes made through GitLab's API as drift, and the next up puts the declared settings back", async () => {
    // Given someone pointed sinistre's pipelines at its own file and relaxed its merge check, and unprotected souscription's prod
    expect(
      await gitlabApi("PUT", `projects/${project("sinistre").id}`, { ci_config_path: "", only_allow_merge_if_pipeline_succeeds: false }),
    ).toBe(200);
    expect(await gitlabApi("DELETE", `projects/${project("souscription").id}/protected_environments/prod`)).toBe(204);
    // When previewed with a refresh, then the drift is the plan, and nothing else
    const events: EngineEvent[] = [];
    const preview = await stack.preview({ refresh: true, onEvent: (e) => events.push(e) });
    expect(changesOf(events)).toEqual([
      `create ${D}:ProjectProtectedEnvironment souscription-env-prod-protection`,
      `update ${D}:Project sinistre-project [ciConfigPath,onlyAllowMergeIfPipelineSucceeds]`,
    ]);
    expect(preview.changeSummary).toMatchObject({ create: 1, update: 1, same: stackSize(apps) - 2 });
    // When brought up with a refresh, then GitLab is as declared again
    const up = await stack.up({ refresh: true });
    expect(up.summary.resourceChanges).toMatchObject({ create: 1, update: 1 });
    expect(project("sinistre")).toMatchObject({ ci_config_path: CI_CONFIG_PATH, only_allow_merge_if_pipeline_succeeds: true });
    expect(project("souscription").protectedEnvironments.get("prod")).toMatchObject({ required_approval_count: 2 });
    expect((await stack.preview()).changeSummary).toEqual({ same: stackSize(apps) });
  });

  it("creates exactly the project of an app scaffolded by beluga new app, leaving every other project as it was", async () => {
    // Given a new release-train app scaffolded by `beluga new app`, and the repository's apps with it, as discovery would load them
    await scaffold(
      "app",
      "mon-app",
      "--team",
      "claims",
      "--criticality",
      "standard",
      "--release-policy",
      "release-train",
      "--window",
      "03-01:03-31",
      "--component",
      "api:api",
      "--component",
      "front:web:nginx-static",
      "--socle",
      "java21-spring",
    );
    const [monApp] = discoverApps(join(scratch, "apps"));
    expect(monApp.name).toBe("mon-app");
    const before = apps;
    apps = [...before, monApp].sort((a, b) => a.name.localeCompare(b.name));
    const others = Object.fromEntries(beluga.appNames.map((a) => [a, snapshotOf(project(a))]));
    // When previewed, then every change is a creation of the new app's resources
    const events: EngineEvent[] = [];
    const preview = await stack.preview({ onEvent: (e) => events.push(e) });
    const changes = changesOf(events);
    expect(changes).toHaveLength(resourcesOf(monApp));
    expect(changes.filter((c) => !/^create \S+ mon-app(-|$)/.test(c))).toEqual([]);
    expect(preview.changeSummary).toEqual({ create: resourcesOf(monApp), same: stackSize(before) });
    // When brought up, then GitLab has its project, set like the others, and the others did not move
    const up = await stack.up();
    expect(up.summary.resourceChanges).toEqual({ create: resourcesOf(monApp), same: stackSize(before) });
    const created = project("mon-app");
    expect(created).toMatchObject({
      ci_config_path: CI_CONFIG_PATH,
      description: "Beluga app mon-app (team claims, standard, release-train)",
    });
    expect(created.protectedEnvironments.get("prod")).toMatchObject({ required_approval_count: 1 });
    expect(created.freezePeriods.size).toBe(freezePeriodsOf("mon-app", monApp.release).length);
    expect(created.freezePeriods.size).toBeGreaterThan(0);
    expect(created.variables.map((v) => v.key).sort()).toEqual(DEPLOY_SPECS.map((v) => v.key).sort());
    expect(up.outputs.projectIds.value).toMatchObject({ "mon-app": String(created.id) });
    expect(Object.fromEntries(beluga.appNames.map((a) => [a, snapshotOf(project(a))]))).toEqual(others);
    expect(gitlab.unhandled).toEqual([]);
  });
});
