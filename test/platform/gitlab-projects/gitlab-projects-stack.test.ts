import * as pulumi from "@pulumi/pulumi";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beluga } from "../../../platform/instance";
import { GITLAB_PROJECTS_PROJECT, gitlabProjectsStack } from "../../../platform/gitlab-projects/gitlab-projects-stack";
import { REPO_ROOT } from "../../../platform/repo-root";
import { missingConfig } from "../../../platform/gitlab-projects/run-stack";
import { recordingMocks, valueOf } from "../../constructs/pulumi/mocks";

const D = "pulumi-nodejs:dynamic/gitlab";
const secret = (value: unknown) => ({ [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value });
const key = (name: string) => `${GITLAB_PROJECTS_PROJECT}:${name}`;

/** platform/gitlab-projects/'s program: what it reads from the stack's config, under recording mocks. */
describe("gitlabProjectsStack", () => {
  const registrations = recordingMocks("gitlab", GITLAB_PROJECTS_PROJECT, {
    [key("gitlabUrl")]: "https://gitlab.beluga.internal",
    [key("gitlabToken")]: "glpat-stack-token",
    [key("namespaceId")]: "42",
    [key("rootProject")]: "beluga/platform",
    [key("tokensExpireAt")]: "2027-01-31",
    [key("appVariables")]: JSON.stringify({ sinistre: { SONAR_TOKEN: "sqa_0123456789abcdef" } }),
  });
  const declared = gitlabProjectsStack(beluga);
  const { outputs } = declared;
  const registered = Promise.all(
    [
      ...Object.values(declared.projects).flatMap((c) => [c.project, ...Object.values(c.variables), c.mrBotToken]),
      declared.driftSchedule.schedule,
    ].map((r) => valueOf(r.urn)),
  );
  const inputsOf = async (name: string) => {
    await registered;
    const found = registrations.find((r) => r.name === name);
    if (!found) throw new Error(`nothing registered as ${name}`);
    return found.inputs;
  };

  it("is the program of platform/gitlab-projects/, whose Pulumi.yaml names the config namespace it reads", () => {
    const dir = join(REPO_ROOT, "platform/gitlab-projects");
    expect(readFileSync(join(dir, "Pulumi.yaml"), "utf8")).toMatch(new RegExp(`^name: ${GITLAB_PROJECTS_PROJECT}$`, "m"));
    expect(readFileSync(join(dir, "index.ts"), "utf8")).toContain("export = gitlabProjectsStack(beluga).outputs;");
  });

  it("connects with the configured URL and token, the token kept secret, in the configured group", async () => {
    expect(await inputsOf("souscription-project")).toMatchObject({
      connection: secret({ url: "https://gitlab.beluga.internal", token: "glpat-stack-token" }),
      namespaceId: 42,
      ciConfigPath: ".gitlab-ci.yml@beluga/platform",
    });
    expect(await inputsOf("beluga-drift-schedule")).toMatchObject({ project: "beluga/platform" });
    expect(await inputsOf("souscription-mr-bot-token")).toMatchObject({ expiresAt: "2027-01-31" });
  });

  it("declares one project per discovered app and the configured app variables as secrets, no deploy variables when none are configured", async () => {
    await registered;
    expect(Object.keys(await valueOf(outputs.projectIds))).toEqual([...beluga.appNames]);
    expect(await inputsOf("sinistre-var-SONAR_TOKEN")).toMatchObject({ key: "SONAR_TOKEN", value: secret("sqa_0123456789abcdef") });
    expect(registrations.filter((r) => r.type === `${D}:ProjectVariable`).map((r) => r.name)).toEqual(["sinistre-var-SONAR_TOKEN"]);
  });

  it("fails when a required key is not configured, naming the key and the command that sets it", () => {
    expect(() => gitlabProjectsStack(beluga, new pulumi.Config("unconfigured"))).toThrow(
      /Missing required configuration variable 'unconfigured:gitlabUrl'[\s\S]*pulumi config set unconfigured:gitlabUrl/,
    );
  });
});

describe("gitlab projects preview|up before the engine starts", () => {
  const file = join(mkdtempSync(join(tmpdir(), "beluga-gitlab-config-")), "Pulumi.gitlab.yaml");

  it("refuses without a config file, naming every required key", () => {
    expect(missingConfig(file)).toEqual(["gitlabUrl", "gitlabToken", "namespaceId", "rootProject"]);
  });

  it("names only the keys the config file lacks; a secret counts as set", () => {
    writeFileSync(file, `config:\n  ${key("gitlabUrl")}: https://gitlab.beluga.internal\n  ${key("gitlabToken")}:\n    secure: v1:abc\n`);
    expect(missingConfig(file)).toEqual(["namespaceId", "rootProject"]);
  });
});
