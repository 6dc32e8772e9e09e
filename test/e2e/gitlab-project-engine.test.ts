/**
 * e2e: the GitLab project resources (constructs/gitlab/io/project/) run by the real Pulumi engine, against
 * the in-process GitLab API double; no cluster. An Automation API inline program declares
 * `BelugaGitlabProject` for souscription (continuous, critical) and gestion-contrats (release train,
 * standard) in a throwaway project folder, file backend and passphrase. The engine launches the
 * dynamic providers through platform/local/bin/pulumi-resource-pulumi-nodejs, found on PATH, which
 * loads each provider back from its serialized form: what only the engine shows (serialization,
 * secrets in state, diff, refresh, protect) is checked here, the providers' behaviour in their unit tests.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { type EngineEvent, LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { gestionContrats } from "../../apps/gestion-contrats/app";
import { souscription } from "../../apps/souscription/app";
import { BelugaGitlabProject, type SquashOption } from "../../constructs/gitlab/io/project";
import { environments } from "../../environments";
import { REPO_ROOT } from "../../platform/deploy";
import { changesOf } from "./engine-changes";
import { type DoubleProject, type GitlabApiDouble, gitlabApiDouble } from "../gitlab/io/project/gitlab-api-double";

jest.setTimeout(120_000);

const ADMIN_TOKEN = "glpat-engine-admin-0001";
const SONAR_TOKEN = "sqa_engine0123456789abcdef";
const STACK = "engine-test";
const D = "pulumi-nodejs:dynamic/gitlab";
/** What the Automation API sees of the local platform, overridden: a throwaway backend and passphrase. */
let envVars: Record<string, string>;
let workDir: string;
let gitlab: GitlabApiDouble;
let url: string;
let stack: Stack;
/** The program's one variable input: changing it must update one resource. */
let squashOption: SquashOption = "default_on";

async function program(): Promise<Record<string, unknown>> {
  const connection = { url, token: pulumi.secret(ADMIN_TOKEN) };
  const subscription = new BelugaGitlabProject("souscription", {
    app: souscription,
    environments,
    namespaceId: 42,
    connection,
    squashOption,
    tokensExpireAt: "2027-01-31",
    variables: { SONAR_TOKEN: pulumi.secret(SONAR_TOKEN) },
  });
  const contracts = new BelugaGitlabProject("gestion-contrats", {
    app: gestionContrats,
    environments,
    namespaceId: 42,
    connection,
    tokensExpireAt: "2027-01-31",
  });
  return { souscriptionId: subscription.project.id, gestionContratsId: contracts.project.id, mrBotToken: subscription.mrBotToken.token };
}

const project = (path: string): DoubleProject => {
  const found = gitlab.project(`beluga/${path}`);
  if (!found)
    throw new Error(
      `the double holds no project beluga/${path}; it holds ${[...gitlab.projects.values()].map((p) => p.path_with_namespace).join(", ") || "none"}`,
    );
  return found;
};
/** The pulumi CLI on the test's stack, in its project folder, with its backend and passphrase. */
const pulumiCli = (args: readonly string[]) =>
  execFileSync("pulumi", [...args, "--stack", STACK, "--non-interactive"], {
    cwd: workDir,
    env: { ...process.env, ...envVars },
    encoding: "utf8",
    stdio: "pipe",
  });
const urnOf = async (name: string) => {
  const state = await stack.exportStack();
  const resource = state.deployment.resources.find((r: { urn: string }) => r.urn.endsWith(`::${name}`));
  if (!resource) throw new Error(`no resource ${name} in the stack`);
  return resource.urn as string;
};

beforeAll(async () => {
  const launcher = spawnSync("sh", ["-c", "command -v pulumi-resource-pulumi-nodejs"], { encoding: "utf8" }).stdout.trim();
  if (launcher !== join(REPO_ROOT, "platform/local/bin/pulumi-resource-pulumi-nodejs")) {
    throw new Error(
      `pulumi-resource-pulumi-nodejs on PATH is ${JSON.stringify(launcher)}, not platform/local/bin's: run the test through bash platform/deploy/with-platform.sh (it sources platform/local/env.sh)`,
    );
  }
  gitlab = gitlabApiDouble(ADMIN_TOKEN);
  url = await gitlab.start();
  workDir = mkdtempSync(join(tmpdir(), "beluga-gitlab-engine-"));
  writeFileSync(
    join(workDir, "Pulumi.yaml"),
    "name: beluga-gitlab-engine-test\nruntime: nodejs\ndescription: throwaway project of test/e2e/gitlab-project-engine.test.ts\n",
  );
  envVars = {
    PULUMI_BACKEND_URL: `file://${join(workDir, "state")}`,
    PULUMI_CONFIG_PASSPHRASE: "engine-test-passphrase",
    PULUMI_SKIP_UPDATE_CHECK: "true",
  };
  mkdirSync(join(workDir, "state"));
  stack = await LocalWorkspace.createOrSelectStack(
    { stackName: STACK, projectName: "beluga-gitlab-engine-test", program },
    { workDir, secretsProvider: "passphrase", envVars },
  );
});

afterAll(async () => {
  await gitlab?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe("GitLab project resources under the real Pulumi engine", () => {
  it("creates both apps' projects with their protections, environments, freezes, variable and tokens", async () => {
    // When the program is brought up
    const up = await stack.up();
    // Then every resource was created, and GitLab holds the declared settings
    const perApp = (freezes: number, variables: number) => 1 + 1 + 1 + 4 + 1 + freezes + variables + 2;
    expect(up.summary.resourceChanges).toEqual({ create: 1 + perApp(0, 1) + perApp(2, 0) });
    const subscription = project("souscription");
    expect(subscription).toMatchObject({
      name: "souscription",
      visibility: "private",
      default_branch: "main",
      description: "Beluga app souscription (team subscription, critical, continuous)",
      only_allow_merge_if_pipeline_succeeds: true,
      only_allow_merge_if_all_discussions_are_resolved: true,
      squash_option: "default_on",
      remove_source_branch_after_merge: true,
      merge_method: "merge",
    });
    expect(up.outputs.souscriptionId).toEqual({ value: String(subscription.id), secret: false });
    expect(up.outputs.mrBotToken.secret).toBe(true);
    for (const [p, approvals] of [
      [subscription, 2],
      [project("gestion-contrats"), 1],
    ] as const) {
      expect(p.protectedBranches.get("main")).toMatchObject({
        push_access_levels: [{ access_level: 0 }],
        merge_access_levels: [{ access_level: 40 }],
        allow_force_push: false,
      });
      expect([...p.environments.values()].map((e) => `${e.name}:${e.tier}`).sort()).toEqual([
        "dev:development",
        "int:testing",
        "prod:production",
        "re7:staging",
      ]);
      expect(p.protectedEnvironments.get("prod")).toMatchObject({
        deploy_access_levels: [{ access_level: 40 }],
        required_approval_count: approvals,
      });
      expect([...p.deployTokens.values()]).toEqual([
        expect.objectContaining({
          name: `${p.path}-registry`,
          username: `${p.path}-registry`,
          scopes: ["read_registry", "write_registry"],
          expires_at: "2027-01-31T00:00:00.000Z",
          revoked: false,
        }),
      ]);
      expect([...p.accessTokens.values()]).toEqual([
        expect.objectContaining({ name: `${p.path}-mr-bot`, scopes: ["api"], access_level: 20, expires_at: "2027-01-31", active: true }),
      ]);
    }
    expect(subscription.freezePeriods.size).toBe(0);
    expect(
      [...project("gestion-contrats").freezePeriods.values()].map((f) => `${f.freeze_start} → ${f.freeze_end} ${f.cron_timezone}`).sort(),
    ).toEqual(["0 0 1 11 * → 0 0 1 4 * Europe/Paris", "0 0 1 5 * → 0 0 1 10 * Europe/Paris"]);
    expect(subscription.variables).toEqual([
      expect.objectContaining({
        key: "SONAR_TOKEN",
        value: SONAR_TOKEN,
        masked: true,
        protected: true,
        environment_scope: "*",
        variable_type: "env_var",
      }),
    ]);
    expect(project("gestion-contrats").variables).toEqual([]);
    expect(gitlab.unhandled).toEqual([]);
  });

  it("sees nothing to do when nothing changed", async () => {
    const preview = await stack.preview();
    expect(preview.changeSummary).toEqual({ same: 24 });
  });

  it("keeps every secret encrypted in the state", async () => {
    // `pulumi stack export` as people run it (the Automation API's exportStack adds --show-secrets)
    const state = pulumiCli(["stack", "export"]);
    const tokens = [...gitlab.projects.values()].flatMap((p) =>
      [...p.deployTokens.keys()].map((id) => `gldt-double${id}`).concat([...p.accessTokens.keys()].map((id) => `glpat-double${id}`)),
    );
    expect(tokens).toHaveLength(4);
    for (const secret of [ADMIN_TOKEN, SONAR_TOKEN, ...tokens]) expect(state).not.toContain(secret);
    const resources: Array<{ type: string; urn: string; outputs?: Record<string, any>; inputs?: Record<string, any> }> =
      JSON.parse(state).deployment.resources;
    const encrypted = (value: unknown) =>
      typeof value === "object" && value !== null && typeof (value as { ciphertext?: unknown }).ciphertext === "string";
    const variable = resources.find((r) => r.type === `${D}:ProjectVariable`)!;
    expect([variable.inputs!.value, variable.outputs!.value, variable.outputs!.connection]).toEqual([
      expect.anything(),
      expect.anything(),
      expect.anything(),
    ]);
    expect(encrypted(variable.inputs!.value) && encrypted(variable.outputs!.value) && encrypted(variable.outputs!.connection)).toBe(true);
    for (const token of resources.filter((r) => r.type === `${D}:DeployToken` || r.type === `${D}:ProjectAccessToken`)) {
      expect({ urn: token.urn, token: encrypted(token.outputs!.token), connection: encrypted(token.outputs!.connection) }).toEqual({
        urn: token.urn,
        token: true,
        connection: true,
      });
    }
  });

  it("previews a changed squash option as exactly one in-place update of that project, and applies it", async () => {
    // Given the declaration now forces squashing
    squashOption = "always";
    // When previewed, then only souscription's project changes, in place
    const events: EngineEvent[] = [];
    const preview = await stack.preview({ diff: true, onEvent: (e) => events.push(e) });
    expect(preview.changeSummary).toEqual({ same: 23, update: 1 });
    expect(preview.stdout).toMatch(/~ squashOption\s*: "default_on" => "always"/);
    expect(changesOf(events)).toEqual([`update ${D}:Project souscription-project [squashOption]`]);
    // When applied, then GitLab has it and the other project is untouched
    const up = await stack.up();
    expect(up.summary.resourceChanges).toEqual({ same: 23, update: 1 });
    expect(project("souscription").squash_option).toBe("always");
    expect(project("gestion-contrats").squash_option).toBe("default_on");
  });

  it("detects a setting changed and an environment deleted in the GitLab UI, and puts them back", async () => {
    // Given someone relaxed the merge check and deleted the int environment by hand
    const contracts = project("gestion-contrats");
    contracts.only_allow_merge_if_pipeline_succeeds = false;
    const int = [...contracts.environments.values()].find((e) => e.name === "int")!;
    contracts.environments.delete(int.id);
    // When previewed with a refresh, then the drift is the plan
    const events: EngineEvent[] = [];
    const preview = await stack.preview({ refresh: true, diff: true, onEvent: (e) => events.push(e) });
    expect(changesOf(events)).toEqual([
      `create ${D}:ProjectEnvironment gestion-contrats-env-int`,
      `update ${D}:Project gestion-contrats-project [onlyAllowMergeIfPipelineSucceeds]`,
    ]);
    expect(preview.changeSummary).toMatchObject({ create: 1, update: 1, same: 22 });
    expect(preview.stdout).toMatch(/~ onlyAllowMergeIfPipelineSucceeds\s*: true => false/);
    // When refreshed, then the state records what GitLab holds
    const refresh = await stack.refresh();
    expect(refresh.summary.resourceChanges).toMatchObject({ delete: 1, update: 1 });
    // When brought up, then GitLab is as declared again
    const up = await stack.up();
    expect(up.summary.resourceChanges).toEqual({ same: 22, create: 1, update: 1 });
    expect(project("gestion-contrats").only_allow_merge_if_pipeline_succeeds).toBe(true);
    expect([...project("gestion-contrats").environments.values()].map((e) => `${e.name}:${e.tier}`).sort()).toEqual([
      "dev:development",
      "int:testing",
      "prod:production",
      "re7:staging",
    ]);
  });

  it("fails when destroying a protected project, after deleting everything else; destroys all once unprotected as documented", async () => {
    // When destroyed while the projects are protected, then the engine refuses at the projects only:
    // it checks `protect` when it reaches a resource, so the settings below each project go first
    await expect(stack.destroy()).rejects.toThrow(/cannot be deleted\s+because it is protected/);
    expect(
      [...gitlab.projects.values()]
        .map((p) => ({
          path: p.path,
          branches: p.protectedBranches.size,
          environments: p.environments.size,
          protectedEnvironments: p.protectedEnvironments.size,
          freezes: p.freezePeriods.size,
          variables: p.variables.length,
          liveTokens: [...p.deployTokens.values(), ...p.accessTokens.values()].filter((t) => !t.revoked).length,
        }))
        .sort((a, b) => a.path.localeCompare(b.path)),
    ).toEqual(
      ["gestion-contrats", "souscription"].map((path) => ({
        path,
        branches: 0,
        environments: 0,
        protectedEnvironments: 0,
        freezes: 0,
        variables: 0,
        liveTokens: 0,
      })),
    );
    // When unprotected with `pulumi state unprotect`, as BelugaGitlabProject documents, then destroyed
    for (const name of ["souscription-project", "gestion-contrats-project"]) pulumiCli(["state", "unprotect", await urnOf(name), "--yes"]);
    const destroy = await stack.destroy();
    // Then the projects, their components and the stack go, GitLab is empty, and so is the state
    expect(destroy.summary.resourceChanges).toEqual({ delete: 5 });
    expect(gitlab.projects.size).toBe(0);
    expect(gitlab.calls.filter((c) => /^DELETE .*\/(deploy_tokens|access_tokens)\/\d+$/.test(c))).toHaveLength(4);
    expect((await stack.exportStack()).deployment.resources ?? []).toEqual([]);
    expect(gitlab.unhandled).toEqual([]);
  });
});
