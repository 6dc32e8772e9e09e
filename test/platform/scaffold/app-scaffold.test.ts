import { createDecipheriv, pbkdf2Sync } from "node:crypto";
import { instance } from "../../../platform/company-instance";
import { beluga } from "../../../platform/instance";
import {
  type NewAppRequest,
  checkNewApp,
  newAppDeclaration,
  newAppFiles,
  parseComponent,
  placeholderDigest,
} from "../../../platform/scaffold/app-scaffold";
import { LOCAL_PASSPHRASE, encryptionSalt } from "../../../platform/scaffold/stack-salt";

const request = (over: Partial<NewAppRequest> = {}): NewAppRequest => ({
  name: "mon-app",
  team: "claims",
  criticality: "standard",
  release: { policy: "continuous" },
  components: [
    { name: "api", kind: "api" },
    { name: "front", kind: "web", socle: "nginx-static" },
    { name: "jobs", kind: "worker", socle: "python312" },
    { name: "nightly", kind: "batch" },
  ],
  socle: "java21-spring",
  ...over,
});

/** Opens an encryptionsalt the way Pulumi's passphrase provider does: the plaintext must be "pulumi". */
function open(salt: string, passphrase: string): string {
  const [, s, , nonce, sealed] = salt.split(":");
  const data = Buffer.from(sealed, "base64");
  const decipher = createDecipheriv(
    "aes-256-gcm",
    pbkdf2Sync(passphrase, Buffer.from(s, "base64"), 1_000_000, 32, "sha256"),
    Buffer.from(nonce, "base64"),
  );
  decipher.setAuthTag(data.subarray(data.length - 16));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString();
}

describe("checkNewApp", () => {
  const existing = beluga.appNames;
  it("accepts a well-formed request", () => {
    expect(checkNewApp(request(), instance, existing)).toEqual([]);
  });

  it("fails when the name is taken", () => {
    expect(checkNewApp(request({ name: "sinistre" }), instance, existing)).toEqual([
      "app sinistre already exists (apps/sinistre/); choose another name or edit apps/sinistre/app.ts",
    ]);
  });

  it("fails when the name is not a DNS label or too long for the namespaces", () => {
    expect(checkNewApp(request({ name: "Mon_App" }), instance, existing)).toEqual([
      "app name \"Mon_App\" must be a DNS label (lowercase letters, digits and '-', starting with a letter); e.g. mon-app",
    ]);
    const long = "a".repeat(59);
    expect(checkNewApp(request({ name: long }), instance, existing)).toEqual([
      `app name "${long}" is 59 characters; the namespace ${long}-prod would exceed 63, so at most 58 are allowed; choose a shorter name`,
    ]);
  });

  it("fails on an unknown kind, an unknown socle, a socle an environment refuses and a missing socle, all at once", () => {
    const problems = checkNewApp(
      request({
        socle: undefined,
        components: [
          { name: "api", kind: "lambda" as never, socle: "java21-spring" },
          { name: "b", kind: "api", socle: "cobol" },
          { name: "c", kind: "api", socle: "java17-spring" },
          { name: "d", kind: "api" },
        ],
      }),
      instance,
      existing,
    );
    expect(problems).toEqual([
      '--component api:lambda: unknown kind "lambda"; use one of web, api, worker, batch',
      '--component b:api: unknown socle "cobol"; the catalog (platform/catalog/socles.ts) has java21-spring, node22, nginx-static, python312',
      "--component c:api: socle java17-spring is deprecated and Prod refuses it; use java21-spring",
      "--component d:api: no socle; add :<socle> (e.g. d:api:java21-spring) or give --socle, one of java21-spring, node22, nginx-static, python312",
    ]);
  });

  it("fails when a release train has no window or a component name repeats", () => {
    expect(
      checkNewApp(
        request({
          release: { policy: "release-train", windows: [] },
          components: [
            { name: "api", kind: "api" },
            { name: "api", kind: "worker" },
          ],
        }),
        instance,
        existing,
      ),
    ).toEqual([
      "--release-policy release-train needs at least one --window <MM-DD>:<MM-DD>, e.g. --window 04-01:04-30",
      "--component api:worker: component api is given twice; component names are unique within an app",
    ]);
  });
});

describe("newAppDeclaration", () => {
  const declaration = newAppDeclaration(request(), instance);

  it("gives each kind the shape of the example apps: API ports from the socle, a routed small web front, a fixed worker, a nightly batch", () => {
    expect(declaration.components.api.ports).toEqual([
      { name: "http", port: 8080 },
      { name: "management", port: 9090 },
    ]);
    expect(declaration.components.api.routes).toBeUndefined();
    expect(declaration.components.front).toMatchObject({ routes: [{ host: "mon-app" }], resources: { profile: "S" }, dependsOn: ["api"] });
    expect(declaration.components.front.ports).toBeUndefined();
    expect(declaration.components.jobs).toMatchObject({ ports: [], scaling: { replicas: 2 }, dependsOn: ["api"] });
    expect(declaration.batches?.nightly).toEqual({
      image: {
        socle: "java21-spring",
        artifact: "mon-app-nightly",
        version: "0.1.0",
        digest: placeholderDigest("mon-app-nightly", "0.1.0"),
      },
      schedule: "0 2 * * *",
    });
  });

  it("declares a deterministic placeholder digest: sha256 of <artifact>@<version>", () => {
    expect(placeholderDigest("mon-app-api", "0.1.0")).toBe("sha256:69903ff76daf409e1e418343e56b6966f04297def07ec71497a9c14da672b8ff");
    expect(declaration.components.api.image.digest).toBe(placeholderDigest("mon-app-api", "0.1.0"));
  });

  it("resolves and keeps its zero-downtime contract in every environment, digests included", () => {
    for (const env of beluga.environments.list) {
      const report = beluga.contract(beluga.render(declaration, env));
      expect(report.components.map((c) => [env.name, c.name, c.verdict])).toEqual(
        ["api", "front", "jobs"].map((c) => [env.name, `mon-app-${c}`, "proved"]),
      );
    }
  });
});

describe("newAppFiles and encryptionSalt", () => {
  it("writes the declaration, its program, Pulumi.yaml and one stack file per environment", () => {
    const files = newAppFiles(request(), newAppDeclaration(request(), instance), instance, (env) => `salt-of-${env}`);
    expect([...files.keys()]).toEqual([
      "apps/mon-app/app.ts",
      "apps/mon-app/index.ts",
      "apps/mon-app/Pulumi.yaml",
      "apps/mon-app/Pulumi.dev.yaml",
      "apps/mon-app/Pulumi.int.yaml",
      "apps/mon-app/Pulumi.re7.yaml",
      "apps/mon-app/Pulumi.prod.yaml",
    ]);
    expect(files.get("apps/mon-app/index.ts")).toBe(
      'import { appProgram } from "../../platform/deploy/app-program";\nimport { monApp } from "./app";\n\nexport = appProgram(monApp);\n',
    );
    expect(files.get("apps/mon-app/Pulumi.prod.yaml")).toBe("encryptionsalt: salt-of-prod\n");
    expect(files.get("apps/mon-app/Pulumi.yaml")).toContain("name: mon-app\ndescription: Beluga app mon-app\n");
    expect(files.get("apps/mon-app/app.ts")).toContain('export const monApp = defineApp({ name: "mon-app", team: "claims"');
  });

  it('seals "pulumi" under the passphrase like Pulumi does, so the stack opens with the local passphrase', () => {
    const salt = encryptionSalt();
    expect(salt).toMatch(/^v1:[A-Za-z0-9+/]{11}=:v1:[A-Za-z0-9+/]{16}:[A-Za-z0-9+/]{30}==$/);
    expect(open(salt, LOCAL_PASSPHRASE)).toBe("pulumi");
    expect(() => open(salt, "another passphrase")).toThrow();
  });
});

describe("parseComponent", () => {
  it("reads name:kind and name:kind:socle", () => {
    expect(parseComponent("api:api")).toEqual({ name: "api", kind: "api" });
    expect(parseComponent("front:web:node22")).toEqual({ name: "front", kind: "web", socle: "node22" });
  });
});
