import { renderApp } from "../../constructs/k8s";
import { deployGates, recordDeployment } from "../../constructs/policy";
import { resolve } from "../../constructs/resolve";
import { environments } from "../../environments";
import { catalog } from "../../platform/catalog";
import { fullApp } from "../fixtures/declarations";

const prod = environments.get("prod");
const app = resolve(fullApp(), prod, catalog);
const objects = renderApp(app, prod);
const digests = Object.fromEntries([...app.components, ...app.batches].map((w) => [w.name, w.image.digest!]));
const verified = recordDeployment({ entries: [] }, "full", "re7", digests, new Date("2026-04-02T08:00:00Z"));
const inWindow = new Date("2026-04-14T10:00:00+02:00");

describe("deployGates", () => {
  it("allows a Prod deploy of digests verified in RE7, inside the window, with a proved contract", () => {
    const result = deployGates({ environments, app, env: prod, objects, now: inWindow, ledger: verified });
    expect(result.allowed).toBe(true);
    expect(result.decisions.map((d) => [d.gate, d.passed])).toEqual([
      ["promotion", true],
      ["release-window", true],
      ["zero-downtime", true],
    ]);
    expect(result.log[2]).toMatch(/^\[zero-downtime\] passed: full-prod\/full-front: zero downtime proved/);
  });

  it("fails when the Prod digest is unverified, listing every refusal", () => {
    const result = deployGates({ environments, app, env: prod, objects, now: new Date("2026-11-22T10:00:00Z"), ledger: { entries: [] } });
    expect(result.allowed).toBe(false);
    expect(result.refusals).toHaveLength(4);
    expect(result.refusals[0]).toContain("has not been verified in RE7");
    expect(result.refusals[3]).toContain("outside the release windows");
  });

  it("fails when the surge does not fit the quota in a mandatory environment, but only advises in Dev", () => {
    const tiny = { requestsCpu: 1, pods: 3 };
    expect(deployGates({ environments, app, env: prod, objects, now: inWindow, ledger: verified, quota: tiny }).allowed).toBe(false);
    const dev = environments.get("dev");
    const devApp = resolve(fullApp(), dev, catalog);
    const devResult = deployGates({ environments, app: devApp, env: dev, objects: renderApp(devApp, dev), now: inWindow, quota: tiny });
    expect(devResult.allowed).toBe(true);
    // The quota is the app's: one message for the app, not one per component.
    expect(devResult.decisions[2].messages).toEqual([
      "full: cannot roll out without downtime in Dev: with every component at its maximum and rolling at once, pods 6 exceeds the namespace quota of 3: surge pods would stay Pending; " +
        "lower scaling.max or the resource profiles, or ask the platform team to raise quota.maxPerApp in environments/dev.ts.",
    ]);
    expect(devResult.log[2]).toMatch(/^\[zero-downtime\] failed \(advisory\): full: cannot roll out without downtime in Dev: /);
  });

  it("judges the surge against the quota the platform derives for the app when none is given", () => {
    const result = deployGates({ environments, app, env: prod, objects, now: inWindow, ledger: verified });
    expect(result.contract.quota).toMatchObject({ requestsCpu: 8, limitsCpu: 32, pods: 21 });
    expect(result.contract.need).toMatchObject({ limitsCpu: 29, pods: 19 });
  });

  it("says promotion was not checked when no ledger is given (missing ledger)", () => {
    expect(deployGates({ environments, app, env: prod, objects, now: inWindow }).decisions[0].messages).toEqual([
      "full: promotion by digest not checked: no record of the previous environment was given (beluga deploy and gate check read it from the stacks).",
    ]);
  });
});
