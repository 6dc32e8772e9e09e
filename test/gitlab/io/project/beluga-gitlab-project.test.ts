import * as pulumi from "@pulumi/pulumi";
import { gestionContrats } from "../../../../apps/gestion-contrats/app";
import { sinistre } from "../../../../apps/sinistre/app";
import { souscription } from "../../../../apps/souscription/app";
import { BelugaGitlabProject } from "../../../../constructs/gitlab/io/project";
import { DeclarationError } from "../../../../constructs/resolve";
import { environments } from "../../../../environments";
import { recordingMocks, valueOf } from "../../../constructs/pulumi/mocks";

/** What the engine is asked besides inputs: secret outputs, protect, dependencies. */
interface RequestOptions {
  readonly secretOutputs: string[];
  readonly protect: boolean;
  readonly dependsOn: string[];
}

const D = "pulumi-nodejs:dynamic/gitlab";
const DEPLOY_KEYS = [
  "PULUMI_BACKEND_URL",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "PULUMI_CONFIG_PASSPHRASE",
  "BELUGA_KUBECONFIG_DEV",
  "BELUGA_KUBECONFIG_INT",
  "BELUGA_KUBECONFIG_RE7",
  "BELUGA_KUBECONFIG_PROD",
  "BELUGA_REGISTRY_USER",
  "BELUGA_REGISTRY_PASSWORD",
  "BELUGA_MR_BOT_TOKEN",
  "BELUGA_RELEASE_WEBHOOK_URL",
];
const secret = (value: unknown) => ({ [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value });

describe("BelugaGitlabProject", () => {
  const registrations = recordingMocks("prod");
  const requests = new Map<string, RequestOptions>();
  const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource: (req: any, callback: unknown) => unknown };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) => {
    requests.set(req.getName(), {
      secretOutputs: req.getAdditionalsecretoutputsList(),
      protect: req.getProtect(),
      dependsOn: req.getDependenciesList(),
    });
    return register(req, callback);
  };

  const connection = { url: "https://gitlab.beluga.internal", token: pulumi.secret("admin-token") };
  const continuous = new BelugaGitlabProject("souscription", {
    app: souscription,
    environments,
    namespaceId: 42,
    connection,
    variables: { SONAR_TOKEN: pulumi.secret("sqa_0123456789abcdef") },
  });
  const train = new BelugaGitlabProject("gestion-contrats", {
    app: gestionContrats,
    environments,
    namespaceId: 42,
    connection,
    tokensExpireAt: "2027-01-31",
  });
  const children = (c: BelugaGitlabProject) => [
    c.project,
    c.branchProtection,
    ...Object.values(c.environments),
    ...Object.values(c.protectedEnvironments),
    ...c.freezePeriods,
    ...Object.values(c.variables),
    c.registryDeployToken,
    c.mrBotToken,
  ];
  const registered = Promise.all([continuous, train].flatMap((c) => [c, ...children(c)]).map((r) => valueOf(r.urn)));
  const inputsOf = (name: string) => registrations.find((r) => r.name === name)!.inputs;

  it("registers the project's settings as typed GitLab resources named after the app", async () => {
    await registered;
    // Registration order depends on when each provider's serialization resolves: compare as sets.
    const graph = (app: string) =>
      registrations
        .filter((r) => r.name.startsWith(app))
        .map((r) => `${r.type} ${r.name}`)
        .sort();
    expect(graph("souscription")).toEqual(
      [
        "beluga:gitlab:Project souscription",
        `${D}:Project souscription-project`,
        `${D}:BranchProtection souscription-main-protection`,
        `${D}:ProjectEnvironment souscription-env-dev`,
        `${D}:ProjectEnvironment souscription-env-int`,
        `${D}:ProjectEnvironment souscription-env-re7`,
        `${D}:ProjectEnvironment souscription-env-prod`,
        `${D}:ProjectProtectedEnvironment souscription-env-prod-protection`,
        `${D}:ProjectVariable souscription-var-SONAR_TOKEN`,
        `${D}:DeployToken souscription-registry-deploy-token`,
        `${D}:ProjectAccessToken souscription-mr-bot-token`,
      ].sort(),
    );
    expect(graph("gestion-contrats")).toEqual(
      [
        "beluga:gitlab:Project gestion-contrats",
        `${D}:Project gestion-contrats-project`,
        `${D}:BranchProtection gestion-contrats-main-protection`,
        `${D}:ProjectEnvironment gestion-contrats-env-dev`,
        `${D}:ProjectEnvironment gestion-contrats-env-int`,
        `${D}:ProjectEnvironment gestion-contrats-env-re7`,
        `${D}:ProjectEnvironment gestion-contrats-env-prod`,
        `${D}:ProjectProtectedEnvironment gestion-contrats-env-prod-protection`,
        `${D}:ProjectFreezePeriod gestion-contrats-freeze-05-01`,
        `${D}:ProjectFreezePeriod gestion-contrats-freeze-11-01`,
        `${D}:DeployToken gestion-contrats-registry-deploy-token`,
        `${D}:ProjectAccessToken gestion-contrats-mr-bot-token`,
      ].sort(),
    );
  });

  it("parents every resource under the app's component", async () => {
    const urns = await registered;
    const childUrns = urns.filter((u) => u.includes("$pulumi-nodejs"));
    expect(childUrns).toHaveLength(21);
    for (const urn of childUrns)
      expect(urn).toMatch(
        /^urn:pulumi:prod::test::beluga:gitlab:Project\$pulumi-nodejs:dynamic\/gitlab:\w+::(souscription|gestion-contrats)-/,
      );
  });

  it("derives the project's merge rules, and protects the project itself against deletion", async () => {
    await registered;
    expect(inputsOf("souscription-project")).toMatchObject({
      name: "souscription",
      path: "souscription",
      namespaceId: 42,
      defaultBranch: "main",
      visibilityLevel: "private",
      initializeWithReadme: true,
      onlyAllowMergeIfPipelineSucceeds: true,
      onlyAllowMergeIfAllDiscussionsAreResolved: true,
      squashOption: "default_on",
      removeSourceBranchAfterMerge: true,
    });
    expect(requests.get("souscription-project")!.protect).toBe(true);
    expect(inputsOf("souscription-main-protection")).toMatchObject({
      project: "souscription-project-id",
      branch: "main",
      pushAccessLevel: "no one",
      mergeAccessLevel: "maintainer",
      allowForcePush: false,
    });
  });

  it("declares the four environments with the tiers deploy jobs use, and requires Prod approvals by criticality", async () => {
    await registered;
    expect(["dev", "int", "re7", "prod"].map((env) => inputsOf(`souscription-env-${env}`)).map((i) => `${i.name}:${i.tier}`)).toEqual([
      "dev:development",
      "int:testing",
      "re7:staging",
      "prod:production",
    ]);
    expect(inputsOf("souscription-env-prod-protection")).toMatchObject({
      environment: "prod",
      deployAccessLevels: [{ accessLevel: "maintainer" }],
      requiredApprovalCount: 2,
    });
    expect(inputsOf("gestion-contrats-env-prod-protection").requiredApprovalCount).toBe(1);
    expect([...requests.get("souscription-env-prod-protection")!.dependsOn].sort()).toEqual(
      [await valueOf(continuous.project.urn), await valueOf(continuous.environments.prod.urn)].sort(),
    );
  });

  it("freezes deploys outside the release-train windows only", async () => {
    await registered;
    expect(registrations.filter((r) => r.type === `${D}:ProjectFreezePeriod`).map((r) => r.inputs)).toEqual([
      expect.objectContaining({
        project: "gestion-contrats-project-id",
        freezeStart: "0 0 1 5 *",
        freezeEnd: "0 0 1 10 *",
        cronTimezone: "Europe/Paris",
      }),
      expect.objectContaining({
        project: "gestion-contrats-project-id",
        freezeStart: "0 0 1 11 *",
        freezeEnd: "0 0 1 4 *",
        cronTimezone: "Europe/Paris",
      }),
    ]);
    expect(continuous.freezePeriods).toEqual([]);
  });

  it("makes CI/CD variables masked and protected, with the value kept secret", async () => {
    await registered;
    expect(inputsOf("souscription-var-SONAR_TOKEN")).toMatchObject({
      key: "SONAR_TOKEN",
      value: secret("sqa_0123456789abcdef"),
      masked: true,
      protected: true,
      environmentScope: "*",
    });
    expect(requests.get("souscription-var-SONAR_TOKEN")!.secretOutputs).toEqual(["connection", "value"]);
  });

  it("declares the variables every deploy job expects with their settings: secrets masked and protected, one kubeconfig file per environment scope", async () => {
    const values = Object.fromEntries(DEPLOY_KEYS.map((k) => [k, `value-of-${k}`]));
    const withDeploy = new BelugaGitlabProject("sinistre", {
      app: sinistre,
      environments,
      namespaceId: 42,
      connection,
      deployVariables: values,
    });
    await Promise.all(Object.values(withDeploy.variables).map((v) => valueOf(v.urn)));
    const settings = (key: string) => {
      const { masked, protected: isProtected, environmentScope, variableType, value } = inputsOf(`sinistre-var-${key}`);
      return { key, masked, protected: isProtected, environmentScope, variableType, value };
    };
    expect(settings("BELUGA_KUBECONFIG_PROD")).toEqual({
      key: "BELUGA_KUBECONFIG_PROD",
      masked: false,
      protected: true,
      environmentScope: "prod",
      variableType: "file",
      value: secret("value-of-BELUGA_KUBECONFIG_PROD"),
    });
    expect(settings("AWS_SECRET_ACCESS_KEY")).toMatchObject({
      masked: true,
      protected: true,
      environmentScope: "*",
      variableType: "env_var",
    });
    expect(settings("PULUMI_CONFIG_PASSPHRASE")).toMatchObject({ masked: true, protected: true });
    // MR pipelines run on unprotected branches: the note bot's token must reach them.
    expect(settings("BELUGA_MR_BOT_TOKEN")).toMatchObject({ masked: true, protected: false });
    expect(Object.keys(withDeploy.variables).sort()).toEqual([...DEPLOY_KEYS].sort());
    // The change id is given per run, never stored in the project.
    expect(withDeploy.variables).not.toHaveProperty("BELUGA_CHANGE_ID");
  });

  it("fails when a deploy variable has no value, an unknown one is given, or one is declared twice", () => {
    const values = Object.fromEntries(DEPLOY_KEYS.filter((k) => k !== "BELUGA_KUBECONFIG_RE7").map((k) => [k, "x"]));
    expect(
      () =>
        new BelugaGitlabProject("sinistre-bad", {
          app: sinistre,
          environments,
          namespaceId: 42,
          connection,
          deployVariables: { ...values, KUBECONFIG: "x" },
          variables: { AWS_ACCESS_KEY_ID: "y" },
        }),
    ).toThrow(
      [
        "sinistre: deployVariables has no value for BELUGA_KUBECONFIG_RE7, which the deploy jobs read; give every variable of ciVariablesOf a value, or leave deployVariables out and set them by hand",
        `sinistre: deployVariables.KUBECONFIG is not a variable the deploy jobs read (${DEPLOY_KEYS.join(", ")}); declare other variables in variables`,
        "sinistre: variables.AWS_ACCESS_KEY_ID is also a deploy variable; give it in deployVariables only",
      ].join("\n"),
    );
  });

  it("issues a registry deploy token and a reporter MR-bot token whose secrets are secret outputs", async () => {
    await registered;
    expect(inputsOf("gestion-contrats-registry-deploy-token")).toMatchObject({
      name: "gestion-contrats-registry",
      username: "gestion-contrats-registry",
      scopes: ["read_registry", "write_registry"],
      expiresAt: "2027-01-31",
    });
    expect(inputsOf("gestion-contrats-mr-bot-token")).toMatchObject({
      name: "gestion-contrats-mr-bot",
      scopes: ["api"],
      accessLevel: "reporter",
      expiresAt: "2027-01-31",
    });
    expect(inputsOf("souscription-mr-bot-token").expiresAt).toBeUndefined();
    expect(requests.get("gestion-contrats-registry-deploy-token")!.secretOutputs).toEqual(["connection", "token"]);
    expect(requests.get("gestion-contrats-mr-bot-token")!.secretOutputs).toEqual(["connection", "token"]);
  });

  it("hands every GitLab resource the connection as a secret, never in plaintext", async () => {
    await registered;
    const dynamic = registrations.filter((r) => r.type.startsWith(D));
    for (const r of dynamic)
      expect([r.name, r.inputs.connection]).toEqual([r.name, secret({ url: "https://gitlab.beluga.internal", token: "admin-token" })]);
    for (const r of dynamic)
      expect([r.name, requests.get(r.name)!.secretOutputs]).toEqual([r.name, expect.arrayContaining(["connection"])]);
  });

  it("fails when the app name is not a DNS label, a variable key is invalid and the expiry is not a date, reporting all three", () => {
    const build = () =>
      new BelugaGitlabProject("bad", {
        app: { ...souscription, name: "Sous_Cription" },
        environments,
        namespaceId: 42,
        connection,
        variables: { "SONAR-TOKEN": "x" },
        tokensExpireAt: "next year",
      });
    expect(build).toThrow(DeclarationError);
    expect(build).toThrow(
      [
        'Sous_Cription: name ("Sous_Cription") is not a DNS label, so it cannot be a GitLab project path; use lowercase letters, digits and dashes, starting with a letter',
        "Sous_Cription: variables.SONAR-TOKEN is not a valid CI/CD variable key; use letters, digits and underscores only, e.g. SONAR_TOKEN",
        'Sous_Cription: tokensExpireAt ("next year") is not a date; give a fixed date as YYYY-MM-DD, e.g. 2027-01-31',
      ].join("\n"),
    );
  });

  it("fails when a release window runs backwards, before registering anything", () => {
    const count = registrations.length;
    const app = { ...gestionContrats, release: { policy: "release-train" as const, windows: [{ from: "12-15", to: "01-15" }] } };
    expect(() => new BelugaGitlabProject("gc", { app, environments, namespaceId: 42, connection })).toThrow(
      "gestion-contrats: release.windows[0] (12-15 → 01-15) runs backwards: windows do not wrap the new year; split it into 12-15 → 12-31 and 01-01 → 01-15",
    );
    expect(registrations.length).toBe(count);
  });
});
