import { instance } from "../../platform/instance";
import { apps } from "../../apps/catalog";
import { renderApp, toYaml } from "../../constructs/k8s";
import { belugaPolicies, evaluatePolicies, policyContextFor } from "../../constructs/policy";
import { resolve } from "../../constructs/resolve";
import { environments } from "../../environments";
import { catalog } from "../../platform/catalog";
import { fullApp } from "../fixtures/declarations";
import { pick, rendered } from "./policy-harness";

describe("secrets by reference", () => {
  it("renders a pulumiSecret reference as a secretKeyRef to the stack-secrets Secret, never as a value", () => {
    const env = pick(rendered("prod"), "Deployment", "full-api").spec.template.spec.containers[0].env;
    expect(env.find((v: any) => v.name === "API_TOKEN")).toEqual({
      name: "API_TOKEN",
      valueFrom: { secretKeyRef: { name: "full-api-stack-secrets", key: "apiToken" } },
    });
    expect(env.find((v: any) => v.name === "DB_PASSWORD")).toEqual({
      name: "DB_PASSWORD",
      valueFrom: { secretKeyRef: { name: "full-db", key: "password" } },
    });
  });

  it("renders no Secret object and no secret-looking literal for any example app in any environment", async () => {
    for (const declaration of [...apps, fullApp()]) {
      for (const envName of environments.names) {
        const objects = renderApp(resolve(declaration, environments.get(envName), catalog), environments.get(envName));
        expect(objects.filter((o) => o.kind === "Secret")).toEqual([]);
        const findings = await evaluatePolicies(belugaPolicies(policyContextFor(instance, envName)), objects);
        expect(findings.filter((f) => f.policy === "beluga-no-literal-secrets")).toEqual([]);
      }
    }
  });

  it("never carries a secret value into the manifest YAML: the declaration holds none to carry", () => {
    const yaml = toYaml(renderApp(resolve(fullApp(), environments.get("prod"), catalog), environments.get("prod")));
    expect(yaml).toContain("secretKeyRef");
    expect(yaml).not.toMatch(/value: .*(hunter2|password=|BEGIN .*PRIVATE KEY)/);
  });
});
