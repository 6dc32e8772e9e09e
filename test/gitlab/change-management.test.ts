/**
 * One emergency change path: the same id, read from the same variable, is what the freeze rule of the
 * generated pipeline lets through, what the release-window gate accepts and what the release record
 * keeps; a malformed id is stopped by all three.
 */
import { gestionContrats } from "../../apps/gestion-contrats/app";
import { appPipeline } from "../../constructs/gitlab/app-pipeline";
import { buildUnitsOf } from "../../constructs/gitlab/build-unit";
import { activeJobs, standardVariants } from "../../constructs/gitlab/pipeline-variants";
import { releaseRecordFromCi } from "../../constructs/gitlab/release-record-from-ci";
import { defineInstance } from "../../constructs/instance";
import { type ChangeManagement, changeManagementProblems } from "../../constructs/model";
import { DeclarationError } from "../../constructs/resolve";
import { beluga } from "../../platform/instance";

const change = beluga.instance.changeManagement;
const app = gestionContrats;
const outsideWindows = new Date("2026-11-22T10:00:00Z");

/** Whether the Prod deploy job exists in a default-branch pipeline during a freeze, with `id` in the change variable. */
function prodDeployDuringFreeze(id: string | undefined, management: ChangeManagement = change): boolean {
  const pipeline = appPipeline(app, { environments: beluga.environments, catalog: beluga.instance.catalog, changeManagement: management });
  const sources = buildUnitsOf(app, []).map((u) => u.sourceDir);
  const freeze = standardVariants(app.name, sources, "main", management).find((v) => v.name === "freeze")!;
  const variant = { ...freeze, variables: { ...freeze.variables, [management.variable]: id }, changedFiles: [`apps/${app.name}/app.ts`] };
  return (activeJobs(pipeline, variant) ?? []).some((a) => a.job.name === `${app.name}:deploy:prod`);
}

function gateOutsideWindows(id: string | undefined) {
  return beluga
    .gates(beluga.render(app, "prod"), { now: outsideWindows, emergencyChange: id })
    .decisions.find((d) => d.gate === "release-window")!;
}

function recordWith(id: string | undefined) {
  return releaseRecordFromCi({
    app,
    env: "prod",
    environment: beluga.environment("prod"),
    catalog: beluga.instance.catalog,
    changeManagement: change,
    variables: { GITLAB_USER_LOGIN: "m.durand", [change.variable]: id },
    now: outsideWindows,
  });
}

describe("one emergency change path", () => {
  it("is BELUGA_CHANGE_ID with CHG-<6 digits> in this instance", () => {
    expect(change).toEqual({ variable: "BELUGA_CHANGE_ID", idPattern: "^CHG-[0-9]{6}$", example: "CHG-123456" });
  });

  it("lets the same well-formed id through the freeze rule, the gate and into the release record", () => {
    const id = "CHG-004211";
    expect(prodDeployDuringFreeze(id)).toBe(true);
    expect(gateOutsideWindows(id)).toMatchObject({ allowed: true, passed: true });
    expect(recordWith(id).changeId).toBe(id);
  });

  it("fails when the id is malformed: no Prod job during the freeze, the gate refuses, the record refuses", () => {
    const id = "CHG0042001";
    expect(prodDeployDuringFreeze(id)).toBe(false);
    expect(gateOutsideWindows(id)).toMatchObject({ allowed: false });
    expect(() => recordWith(id)).toThrow(DeclarationError);
    expect(() => recordWith(id)).toThrow(
      'gestion-contrats: BELUGA_CHANGE_ID ("CHG0042001") is malformed: change ids look like CHG-123456 (^CHG-[0-9]{6}$); give the id as the change-management tool issued it',
    );
  });

  it("fails when no id is given: no Prod job during the freeze, the gate refuses outside the windows, the record has no change", () => {
    expect(prodDeployDuringFreeze(undefined)).toBe(false);
    expect(prodDeployDuringFreeze("")).toBe(false);
    expect(gateOutsideWindows(undefined)).toMatchObject({ allowed: false });
    expect(recordWith(undefined)).not.toHaveProperty("changeId");
  });

  it("follows the instance's declaration: another variable and format change all three", () => {
    const ops: ChangeManagement = { variable: "OPS_CHANGE", idPattern: "^OPS-[0-9]{4}$", example: "OPS-0042" };
    const other = defineInstance({ ...beluga.instance, environments: beluga.environments.list, changeManagement: ops });
    expect(other.changeManagement).toBe(ops);
    expect(prodDeployDuringFreeze("OPS-0042", ops)).toBe(true);
    expect(prodDeployDuringFreeze("CHG-004211", ops)).toBe(false);
  });

  it("fails when the instance declares a format the pipeline cannot evaluate, or an example outside it", () => {
    expect(changeManagementProblems({ variable: "chg id", idPattern: "CHG-[0-9]+", example: "CHG-1" })).toEqual([
      'changeManagement.variable ("chg id") is not a CI/CD variable name; use upper-case letters, digits and underscores, e.g. BELUGA_CHANGE_ID',
      'changeManagement.idPattern ("CHG-[0-9]+") must be a regular expression anchored with ^ and $, without "/"; e.g. ^CHG-[0-9]{6}$',
    ]);
    expect(changeManagementProblems({ variable: "CHG", idPattern: "^CHG-[0-9]{6}$", example: "CHG-1" })).toEqual([
      'changeManagement.example ("CHG-1") does not match idPattern ^CHG-[0-9]{6}$; give an id in that format',
    ]);
    expect(() =>
      defineInstance({ ...beluga.instance, environments: beluga.environments.list, changeManagement: { ...change, idPattern: "^a/b$" } }),
    ).toThrow(
      `changeManagement.idPattern ("^a/b$") must be a regular expression anchored with ^ and $, without "/"; e.g. ^CHG-[0-9]{6}$; fix the instance's changeManagement`,
    );
  });
});
