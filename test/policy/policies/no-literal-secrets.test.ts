import { pick, rendered, validateResource } from "../policy-harness";

const POLICY = "beluga-no-literal-secrets";

describe(POLICY, () => {
  it("passes secrets referenced through secretKeyRef and plain non-secret values", async () => {
    const deployment = pick(rendered("prod"), "Deployment", "full-api");
    const env = deployment.spec.template.spec.containers[0].env;
    expect(env.find((v: any) => v.name === "DB_PASSWORD")).toEqual({
      name: "DB_PASSWORD",
      valueFrom: { secretKeyRef: { key: "password", name: "full-db" } },
    });
    expect(await validateResource(POLICY, "prod", deployment)).toEqual([]);
    expect(await validateResource(POLICY, "prod", pick(rendered("prod"), "ConfigMap", "full-api"))).toEqual([]);
  });

  it("fails when a secret-named variable holds a literal, or any variable holds a URL with a password", async () => {
    const deployment = pick(rendered("prod"), "Deployment", "full-api");
    deployment.spec.template.spec.containers[0].env.push(
      { name: "DB_PASSWORD_FALLBACK", value: "hunter2" },
      { name: "DATABASE_URL", value: "postgres://app:s3cret@db:5432/app" },
    );
    expect(await validateResource(POLICY, "prod", deployment)).toEqual([
      'Deployment full-prod/full-api (container "api") env DB_PASSWORD_FALLBACK is named like a secret and holds a literal value; reference it instead: { secret: { name: "<secret>", key: "<key>" } } or { pulumiSecret: "<config key>" }.',
      'Deployment full-prod/full-api (container "api") env DATABASE_URL holds a URL with a password; reference it instead: { secret: { name: "<secret>", key: "<key>" } } or { pulumiSecret: "<config key>" }.',
    ]);
  });

  it("fails when a ConfigMap holds a private key", async () => {
    const config = pick(rendered("prod"), "ConfigMap", "full-api");
    config.data.tls = "-----BEGIN RSA PRIVATE KEY-----\nMIIE...\n-----END RSA PRIVATE KEY-----";
    expect(await validateResource(POLICY, "prod", config)).toEqual([
      'ConfigMap full-prod/full-api key "tls" holds a PEM private key; move the value to a Secret and reference it ({ secret: { name, key } } or { pulumiSecret: "<config key>" }).',
    ]);
  });

  it("accepts a secret-named variable whose value is missing or empty (nothing leaks)", async () => {
    const deployment = pick(rendered("prod"), "Deployment", "full-api");
    deployment.spec.template.spec.containers[0].env.push({ name: "API_TOKEN_FILE" }, { name: "SECRET_HINT", value: "" });
    expect(await validateResource(POLICY, "prod", deployment)).toEqual([]);
  });
});
