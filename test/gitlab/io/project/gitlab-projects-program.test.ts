import * as pulumi from "@pulumi/pulumi";
import { ciVariablesOf } from "../../../../constructs/gitlab/ci-variables";
import { freezePeriodsOf, gitlabProjectsProgram, rootPipelineConfigPath } from "../../../../constructs/gitlab/io/project";
import { DeclarationError } from "../../../../constructs/resolve";
import { beluga } from "../../../../platform/instance";
import { recordingMocks, valueOf } from "../../../constructs/pulumi/mocks";

const D = "pulumi-nodejs:dynamic/gitlab";
const secret = (value: unknown) => ({ [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value });

/** The GitLab projects program over this repository's discovered apps, under recording mocks. */
describe("gitlabProjectsProgram", () => {
  const registrations = recordingMocks("gitlab");
  const connection = { url: "https://gitlab.beluga.internal", token: pulumi.secret("admin-token") };
  const deployKeys = ciVariablesOf(beluga.environments, beluga.instance.changeManagement)
    .filter((v) => v.source === "project")
    .map((v) => v.key);
  const declared = gitlabProjectsProgram({
    apps: beluga.apps,
    environments: beluga.environments,
    changeManagement: beluga.instance.changeManagement,
    connection,
    namespaceId: 42,
    rootProject: "beluga/platform",
    deployVariables: Object.fromEntries(deployKeys.map((k) => [k, pulumi.secret(`value-of-${k}`)])),
    appVariables: { souscription: { SONAR_TOKEN: pulumi.secret("sqa_0123456789abcdef") } },
    tokensExpireAt: "2027-01-31",
  });
  // Every resource's registration, awaited: each provider's serialization resolves in its own time.
  const registered = Promise.all(
    [
      ...Object.values(declared.projects).flatMap((c) => [
        c.project,
        c.branchProtection,
        ...Object.values(c.environments),
        ...Object.values(c.protectedEnvironments),
        ...c.freezePeriods,
        ...Object.values(c.variables),
        c.registryDeployToken,
        c.mrBotToken,
      ]),
      declared.driftSchedule.schedule,
      declared.driftSchedule.variable,
    ].map((r) => valueOf(r.urn)),
  );
  const inputsOf = (name: string) => {
    const found = registrations.find((r) => r.name === name);
    if (!found) throw new Error(`nothing registered as ${name}`);
    return found.inputs;
  };

  it("declares one project component per discovered app, named after it, and the drift schedule", async () => {
    await registered;
    expect(beluga.appNames.length).toBeGreaterThanOrEqual(4);
    expect(
      registrations
        .filter((r) => r.type.startsWith("beluga:"))
        .map((r) => `${r.type} ${r.name}`)
        .sort(),
    ).toEqual([...beluga.appNames.map((app) => `beluga:gitlab:Project ${app}`), "beluga:gitlab:DriftSchedule beluga-drift"].sort());
    expect(Object.keys(declared.projects)).toEqual([...beluga.appNames]);
  });

  it("points every app's pipelines at the root pipeline of the root project, in the apps' group", async () => {
    await registered;
    expect(rootPipelineConfigPath("beluga/platform")).toBe(".gitlab-ci.yml@beluga/platform");
    for (const app of beluga.appNames)
      expect(inputsOf(`${app}-project`)).toMatchObject({ path: app, namespaceId: 42, ciConfigPath: ".gitlab-ci.yml@beluga/platform" });
    expect(declared.outputs.ciConfigPath).toBe(".gitlab-ci.yml@beluga/platform");
  });

  it("protects each app's prod with approvals by criticality and freezes it outside its release windows", async () => {
    await registered;
    for (const app of beluga.apps) {
      expect({ app: app.name, ...inputsOf(`${app.name}-env-prod-protection`) }).toMatchObject({
        app: app.name,
        environment: "prod",
        deployAccessLevels: [{ accessLevel: "maintainer" }],
        requiredApprovalCount: app.criticality === "critical" ? 2 : 1,
      });
      const freezes = registrations.filter((r) => r.type === `${D}:ProjectFreezePeriod` && r.name.startsWith(`${app.name}-freeze-`));
      expect(freezes.map((f) => f.name).sort()).toEqual(freezePeriodsOf(app.name, app.release).map((f) => `${app.name}-freeze-${f.from}`));
    }
    // gestion-contrats is the release-train app: its gaps between windows are frozen
    expect(registrations.filter((r) => r.type === `${D}:ProjectFreezePeriod`).map((r) => r.name)).toEqual(
      expect.arrayContaining(["gestion-contrats-freeze-05-01", "gestion-contrats-freeze-11-01"]),
    );
  });

  it("declares the pipelines' variables in every app's project as secrets, and an app's own variables in its project only", async () => {
    await registered;
    for (const app of beluga.appNames) {
      const keys = registrations
        .filter((r) => r.type === `${D}:ProjectVariable` && r.name.startsWith(`${app}-var-`))
        .map((r) => r.inputs.key)
        .sort();
      expect({ app, keys }).toEqual({ app, keys: [...deployKeys, ...(app === "souscription" ? ["SONAR_TOKEN"] : [])].sort() });
    }
    expect(inputsOf("sinistre-var-BELUGA_KUBECONFIG_PROD")).toMatchObject({
      value: secret("value-of-BELUGA_KUBECONFIG_PROD"),
      environmentScope: "prod",
      variableType: "file",
      protected: true,
    });
  });

  it("schedules drift on the root project and exports the project ids by app", async () => {
    await registered;
    expect(inputsOf("beluga-drift-schedule")).toMatchObject({ project: "beluga/platform", ref: "refs/heads/main", cron: "0 6 * * *" });
    expect(await valueOf(declared.outputs.projectIds)).toEqual(Object.fromEntries(beluga.appNames.map((a) => [a, `${a}-project-id`])));
  });

  it("fails when the root project is not group/path, two apps share a name and variables name an unknown app, before registering anything", () => {
    const count = registrations.length;
    const build = () =>
      gitlabProjectsProgram({
        apps: [...beluga.apps, beluga.app("sinistre")],
        environments: beluga.environments,
        connection,
        namespaceId: 42,
        rootProject: "platform",
        appVariables: { "sinistre-v2": { X: "y" } },
      });
    expect(build).toThrow(DeclarationError);
    expect(build).toThrow(
      [
        'gitlab-projects: rootProject ("platform") is not a GitLab project path; give the group and path of the repository holding the root pipeline, e.g. "beluga/platform"',
        "sinistre: name is declared by more than one app, and a GitLab project path is unique in its group; give each app its own name (its apps/<name>/ folder)",
        `sinistre-v2: appVariables names no app of the instance (${[...beluga.appNames, "sinistre"].join(", ")}); declare variables under an app's name, or remove them`,
      ].join("\n"),
    );
    expect(registrations.length).toBe(count);
  });

  it("fails when several apps' variables are invalid, reporting every app's problem at once, before registering anything", () => {
    const count = registrations.length;
    const build = () =>
      gitlabProjectsProgram({
        apps: beluga.apps,
        environments: beluga.environments,
        connection,
        namespaceId: 42,
        rootProject: "beluga/platform",
        appVariables: { sinistre: { "SONAR-TOKEN": "x" }, souscription: { "API KEY": "y" } },
      });
    expect(build).toThrow(
      [
        "sinistre: variables.SONAR-TOKEN is not a valid CI/CD variable key; use letters, digits and underscores only, e.g. SONAR_TOKEN",
        "souscription: variables.API KEY is not a valid CI/CD variable key; use letters, digits and underscores only, e.g. SONAR_TOKEN",
      ].join("\n"),
    );
    expect(registrations.length).toBe(count);
  });
});
