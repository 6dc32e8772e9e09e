import { Beluga } from "../../../constructs/beluga";
import { assertUniqueObjects, duplicateObjects } from "../../../constructs/k8s";
import {
  type AppDeclaration,
  appNameBudget,
  batchNameBudget,
  componentNameBudget,
  configFilesNameBudget,
  crossAppPolicyName,
  DNS_LABEL,
  LABEL_VALUE,
} from "../../../constructs/model";
import { DeclarationError } from "../../../constructs/resolve";
import { instance } from "../../../platform/company-instance";
import { digestOf } from "../../fixtures/declarations";

const beluga = new Beluga(instance, []);
const longestEnv = Math.max(...beluga.environments.names.map((n) => n.length));

/**
 * An app whose names are the longest the budgets allow (or the component one character longer):
 * either the longest app name with the component that still fits, or a shorter app name with the
 * longest component, batch and config set names.
 */
function longestApp(appLength: number, extra = 0): AppDeclaration {
  const name = "a".repeat(appLength);
  const component = "c".repeat(componentNameBudget(name, longestEnv) + extra);
  const batchLength = batchNameBudget(name, longestEnv);
  const files = "f".repeat(Math.min(configFilesNameBudget(name, component), 20));
  const image = (artifact: string) => ({ socle: "java21-spring", artifact, version: "1.0.0", digest: digestOf(artifact) });
  return {
    name,
    team: "core",
    criticality: "standard",
    release: { policy: "continuous" },
    components: {
      [component]: {
        image: image("api"),
        routes: [{}],
        ...(files.length > 0 ? { configFiles: { [files]: { mountPath: "/config", files: { "a.yaml": "a: 1" } } } } : {}),
      },
    },
    ...(batchLength > 0 ? { batches: { ["b".repeat(batchLength)]: { image: image("batch"), schedule: "0 2 * * *" } } } : {}),
  };
}

describe("name budgets", () => {
  it.each([
    ["the longest app name", appNameBudget(longestEnv)],
    ["a 20-character app name with the longest component, batch and config set", 20],
  ])("render %s in every environment, with valid names and label values", (_case, appLength) => {
    expect(componentNameBudget("a".repeat(appLength), longestEnv)).toBeGreaterThan(0);
    for (const env of beluga.environments.names) {
      const rendered = beluga.render(longestApp(appLength), env);
      for (const o of rendered.objects) {
        expect(o.metadata.name.length).toBeLessThanOrEqual(63);
        if (o.kind !== "ConfigMap") expect(o.metadata.name).toMatch(DNS_LABEL);
        for (const value of Object.values(o.metadata.labels ?? {})) {
          expect(value.length).toBeLessThanOrEqual(63);
          expect(value).toMatch(LABEL_VALUE);
        }
      }
      for (const cronJob of rendered.objects.filter((o) => o.kind === "CronJob"))
        expect(cronJob.metadata.name.length).toBeLessThanOrEqual(52);
    }
  });

  it("fails when a component name is one character above its budget, naming the instance label", () => {
    const decl = longestApp(20, 1);
    const [component] = Object.keys(decl.components);
    try {
      beluga.resolve(decl, "prod");
      throw new Error("accepted");
    } catch (error) {
      expect(error).toBeInstanceOf(DeclarationError);
      expect((error as DeclarationError).messages).toContainEqual(
        `${decl.name}: components.${component} ("${component}") is ${component.length} characters; the instance label and default route host ${decl.name}-${component}-prod would exceed the Kubernetes limit, so at most ${component.length - 1} are allowed; shorten the name`,
      );
    }
  });
});

describe("crossAppPolicyName", () => {
  it("keeps a name that fits as written", () => {
    expect(crossAppPolicyName("api", "portal", "web")).toBe("allow-api-from-portal-web");
  });

  it("fails when truncation alone would collide or end with '-': long names get a hash, stay DNS labels and differ", () => {
    const a = crossAppPolicyName("api", "x".repeat(40), "worker-one");
    const b = crossAppPolicyName("api", "x".repeat(40), "worker-two");
    expect(a).not.toBe(b);
    for (const name of [a, b, crossAppPolicyName("api", "y".repeat(48), "zz")]) {
      expect(name.length).toBeLessThanOrEqual(63);
      expect(name).toMatch(DNS_LABEL);
    }
    expect(crossAppPolicyName("api", "x".repeat(40), "worker-one")).toBe(a);
  });
});

describe("duplicateObjects", () => {
  const object = (kind: string, name: string, namespace = "ns") => ({ apiVersion: "v1", kind, metadata: { name, namespace } });

  it("fails when two objects share kind, namespace and name, and only then", () => {
    expect(duplicateObjects([object("ConfigMap", "a"), object("Service", "a"), object("ConfigMap", "a", "other")])).toEqual([]);
    expect(duplicateObjects([object("ConfigMap", "a"), object("ConfigMap", "a")])).toEqual(["ConfigMap ns/a"]);
    expect(() => assertUniqueObjects([object("Route", "r"), object("Route", "r")], "x in dev")).toThrow(
      "x in dev renders the same object twice: Route ns/r",
    );
  });
});
