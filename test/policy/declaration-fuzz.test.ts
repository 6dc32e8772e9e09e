import { instance } from "../../platform/instance";
import fc from "fast-check";
import { renderApp } from "../../constructs/k8s";
import type { EnvName } from "../../constructs/model";
import { belugaPolicies, deployGates, evaluatePolicies, policyContextFor } from "../../constructs/policy";
import { DeclarationError, resolve } from "../../constructs/resolve";
import { environments } from "../../environments";
import { catalog } from "../../platform/catalog";
import { digestOf } from "../fixtures/declarations";

/** Runs of the property; the README quotes this figure. */
export const FUZZ_RUNS = 300;

// Each field draws mostly from valid values and sometimes from a plausible mistake, so runs reach both
// outcomes: rendered and judged by the policy pack, or rejected with messages.
// Declarations are unknown input to resolve: the generator is deliberately untyped.
function mostly(valid: fc.Arbitrary<unknown>, mistake: fc.Arbitrary<unknown>): fc.Arbitrary<any> {
  return fc.oneof({ arbitrary: valid, weight: 40 }, { arbitrary: mistake, weight: 1 });
}
const socle = mostly(
  fc.constantFrom("java21-spring", "node22", "nginx-static", "python312", "java17-spring"),
  fc.constantFrom("java8", "java11-tomcat"),
);
const image = fc.record(
  {
    socle,
    artifact: mostly(fc.constant("fz-api"), fc.constant("Fz_Api")),
    version: mostly(fc.constantFrom("1.0.0", "2.3.1-rc.1"), fc.constant("latest")),
    digest: mostly(fc.constantFrom(digestOf("fz-1"), digestOf("fz-2")), fc.constantFrom(undefined, "sha256:123")),
  },
  { requiredKeys: ["socle", "artifact", "version"] },
);
const probe = fc.oneof(
  fc.record(
    {
      type: fc.constant("http" as const),
      path: fc.constantFrom("/ready", "/live", "/health"),
      port: fc.option(fc.constantFrom("http", "admin", "nope"), { nil: undefined }),
      periodSeconds: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
    },
    { requiredKeys: ["type", "path"] },
  ),
  fc.record({ type: fc.constant("tcp" as const) }),
  fc.record({ type: fc.constant("exec" as const), command: fc.constant(["/usr/local/bin/beluga-health", "live"]) }),
  fc.record(
    {
      type: fc.constant("grpc" as const),
      port: fc.option(fc.constantFrom("grpc", "http"), { nil: undefined }),
      service: fc.option(fc.constantFrom("liveness", ""), { nil: undefined }),
    },
    { requiredKeys: ["type"] },
  ),
  // A startup budget of days: refused.
  fc.record({ type: fc.constant("tcp" as const), periodSeconds: fc.constant(3600), failureThreshold: fc.constant(48) }),
);
const quantityPair = (values: string[]) =>
  fc.record({ request: fc.constantFrom(...values), limit: fc.constantFrom(...values) }, { requiredKeys: [] });
const component = fc.record(
  {
    image,
    ports: mostly(
      fc.constantFrom(
        undefined,
        [],
        [{ name: "http", port: 8080 }],
        [
          { name: "http", port: 3000 },
          { name: "metrics", port: 9464 },
        ],
        [{ name: "grpc", port: 9000, protocol: "grpc" as const }],
      ),
      fc.constantFrom(
        [{ name: "http", port: 80 }],
        [
          { name: "http", port: 8080 },
          { name: "http", port: 8081 },
        ],
      ),
    ),
    probes: fc.option(fc.record({ readiness: probe, liveness: probe, startup: probe }, { requiredKeys: [] }), { nil: undefined, freq: 3 }),
    scaling: fc.option(
      mostly(
        fc.oneof(
          fc.integer({ min: 1, max: 30 }).chain((min) =>
            fc.record(
              {
                min: fc.constant(min),
                max: fc.integer({ min, max: 60 }),
                cpuTarget: fc.option(fc.integer({ min: 10, max: 100 }), { nil: undefined }),
                // Alone, a memory target means memory-only scaling.
                memoryTarget: fc.option(fc.integer({ min: 10, max: 100 }), { nil: undefined }),
              },
              { requiredKeys: ["min", "max"] },
            ),
          ),
          fc.record({ replicas: fc.integer({ min: 1, max: 6 }) }),
        ),
        fc.oneof(
          fc.record({ min: fc.integer({ min: 0, max: 5 }), max: fc.integer({ min: 0, max: 3 }) }),
          fc.record({ replicas: fc.constant(2), min: fc.constant(2) }),
        ),
      ),
      { nil: undefined },
    ),
    resources: fc.option(
      fc.record(
        {
          profile: fc.option(fc.constantFrom("S" as const, "M" as const, "L" as const, "XL" as const), { nil: undefined }),
          cpu: mostly(
            fc.constantFrom({ request: "100m", limit: "500m" }, { request: "1", limit: "2" }, {}),
            quantityPair(["2", "0.5", "1 core"]),
          ),
          memory: mostly(
            fc.constantFrom({ request: "256Mi", limit: "256Mi" }, { request: "1Gi", limit: "4Gi" }, {}),
            quantityPair(["1Gi", "512M"]),
          ),
        },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    ),
    env: fc.option(
      mostly(
        fc.record(
          {
            MODE: fc.constantFrom("strict", ""),
            DB_PASSWORD: fc.oneof(
              fc.record({ secret: fc.record({ name: fc.constant("app-db"), key: fc.constant("password") }) }),
              fc.record({ pulumiSecret: fc.constant("dbPassword") }),
            ),
          },
          { requiredKeys: [] },
        ),
        fc.constantFrom(
          { DB_PASSWORD: "hunter2" },
          { "1BAD": "x" },
          { API_TOKEN: { secret: { name: "App_DB", key: "t" } } },
          { BELUGA_ENV: "prod" },
        ),
      ),
      { nil: undefined },
    ),
    routes: fc.option(
      fc.array(
        fc.record(
          {
            host: mostly(fc.constantFrom(undefined, "portal"), fc.constantFrom("Bad_Host", "x".repeat(70))),
            tls: fc.option(fc.constantFrom("edge" as const, "reencrypt" as const, "passthrough" as const), { nil: undefined }),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 2 },
      ),
      { nil: undefined },
    ),
    shutdown: fc.option(
      fc.record(
        { drainSeconds: fc.integer({ min: 0, max: 60 }), gracePeriodSeconds: fc.integer({ min: 1, max: 90 }) },
        { requiredKeys: [] },
      ),
      { nil: undefined, freq: 4 },
    ),
    dependsOn: fc.option(
      mostly(
        fc.constantFrom(["other-app/api:http"], ["web"], ["web:http"], []),
        fc.constantFrom(["a/b/c"], ["nope"], ["other-app/api"], ["web:nope"]),
      ),
      { nil: undefined },
    ),
    egress: fc.option(
      mostly(
        fc.constantFrom([{ service: "sinistre-db" }], [{ service: "pricing", ports: [80] }], [{ cidr: "192.0.2.0/28", ports: [443] }]),
        fc.constantFrom(
          [{ host: "partner.example", ports: [443] }],
          [{ service: "nope" }],
          [{ cidr: "0.0.0.0/0", ports: [443] }],
          [{ cidr: "192.0.2.0/28" }],
          [{ service: "pricing", cidr: "192.0.2.0/28" }],
        ),
      ),
      { nil: undefined },
    ),
    config: fc.option(mostly(fc.constant({ queue: "orders" }), fc.constant({ DB_PASSWORD: "hunter2" })), { nil: undefined, freq: 4 }),
    configFiles: fc.option(
      mostly(
        fc.constant({ logging: { mountPath: "/config", files: { "logback.xml": "<configuration/>" } } }),
        fc.constantFrom(
          { scratch: { mountPath: "/tmp", files: { "a.yaml": "a: 1" } } },
          {
            a: { mountPath: "/config", files: { "a.yaml": "a: 1" } },
            b: { mountPath: "/config", files: { "b.yaml": "b: 1" } },
          },
          { app: { mountPath: "/config", files: { "app.properties": "db.url=postgresql://app:s3cret@db/app" } } },
        ),
      ),
      { nil: undefined, freq: 4 },
    ),
  },
  { requiredKeys: ["image"] },
);
const declaration = fc.record(
  {
    name: mostly(fc.constantFrom("fz", "fuzz-app"), fc.constantFrom("Bad_Name", "n".repeat(60))),
    team: mostly(fc.constant("core"), fc.constant("Core Team")),
    criticality: mostly(fc.constantFrom("critical", "standard"), fc.constant("high")),
    release: fc.oneof(
      fc.constant({ policy: "continuous" }),
      fc.constant({ policy: "release-train", windows: [{ from: "04-01", to: "04-30" }] }),
    ),
    components: fc.dictionary(mostly(fc.constantFrom("api", "web", "worker"), fc.constant("API")), component, { minKeys: 1, maxKeys: 3 }),
    batches: fc.option(
      fc.dictionary(
        mostly(fc.constant("nightly"), fc.constant("api")),
        fc.record(
          {
            image,
            schedule: mostly(fc.constantFrom("30 2 * * *", "@daily"), fc.constantFrom("0 25 * * *", "every night")),
            dependsOn: fc.option(mostly(fc.constantFrom(["api"], ["api:http"]), fc.constantFrom(["ghost"], ["other-app/api"])), {
              nil: undefined,
            }),
            egress: fc.option(mostly(fc.constant([{ service: "contracts-mq" }]), fc.constant([{ host: "smtp.example" }])), {
              nil: undefined,
            }),
            timeZone: mostly(fc.constantFrom(undefined, "Europe/Paris", "UTC"), fc.constantFrom("Europe/Pariss", "europe/paris", "+01:00")),
          },
          { requiredKeys: ["image", "schedule"] },
        ),
        { maxKeys: 1 },
      ),
      { nil: undefined },
    ),
  },
  { requiredKeys: ["name", "team", "criticality", "release", "components"] },
);

describe("fuzzed declarations (fast-check)", () => {
  jest.setTimeout(300_000);

  it("either render objects that pass the policy pack, or are rejected with messages — never a crash", async () => {
    const outcomes = { rendered: 0, rejectedByResolve: 0, stoppedByGates: 0 };
    await fc.assert(
      fc.asyncProperty(declaration, fc.constantFrom(...environments.names), async (input, envName: EnvName) => {
        const env = environments.get(envName);
        let app;
        try {
          app = resolve(input, env, catalog);
        } catch (error) {
          if (!(error instanceof DeclarationError)) throw error;
          expect(error.messages.length).toBeGreaterThan(0);
          for (const message of error.messages)
            expect(message).toMatch(new RegExp(`^${(input.name as string).replace(/[^a-z]/gi, ".")}(: | ).+; .+`));
          outcomes.rejectedByResolve++;
          return;
        }
        const objects = renderApp(app, env);
        const gates = deployGates({ environments, app, env, objects, now: new Date("2026-04-14T10:00:00+02:00") });
        if (gates.decisions.some((d) => !d.passed)) {
          expect(
            gates.decisions
              .filter((d) => !d.passed)
              .flatMap((d) => d.messages)
              .every((m) => m.startsWith(`${app.app}: `)),
          ).toBe(true);
          outcomes.stoppedByGates++;
          return;
        }
        const findings = await evaluatePolicies(belugaPolicies(policyContextFor(instance, envName)), objects);
        expect(findings.map((f) => `${f.policy}: ${f.message}`)).toEqual([]);
        outcomes.rendered++;
      }),
      { numRuns: FUZZ_RUNS, seed: 4242 },
    );
    // The generator must exercise every branch, or the property proves little.
    expect(outcomes.rendered).toBeGreaterThan(10);
    expect(outcomes.rejectedByResolve).toBeGreaterThan(10);
    console.log(`fuzz: ${FUZZ_RUNS} runs: ${JSON.stringify(outcomes)}`);
  });
});
