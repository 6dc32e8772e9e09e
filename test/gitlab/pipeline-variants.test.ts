import { appPipeline } from "../../constructs/gitlab/app-pipeline";
import { activeJobs, globToRegExp, standardVariants } from "../../constructs/gitlab/pipeline-variants";
import { environments } from "../../environments";
import { catalog } from "../../platform/catalog";
import { souscription } from "../../apps/souscription/app";

const pipeline = appPipeline(souscription, { environments, catalog });
const variants = standardVariants("souscription", [
  "apps/souscription/src/souscription-web",
  "apps/souscription/src/souscription-api",
  "apps/souscription/src/souscription-worker",
]);
const jobsIn = (name: string) => {
  const variant = variants.find((v) => v.name === name);
  if (!variant) throw new Error(`no variant ${name}`);
  return activeJobs(pipeline, variant)?.map(
    (a) => `${a.job.name.replace("souscription:", "")}${a.when === "manual" ? ` (manual${a.allowFailure ? "" : ", blocking"})` : ""}`,
  );
};

describe("pipeline variants of souscription", () => {
  it("merge request: builds, previews every environment, writes the note; deploys nothing", () => {
    expect(jobsIn("merge-request")).toEqual([
      "build:web",
      "build:api",
      "build:worker",
      "preview:dev",
      "preview:int",
      "preview:re7",
      "preview:prod",
      "mr-note",
    ]);
  });

  it("merge request touching one artifact's sources: builds only that artifact", () => {
    expect(jobsIn("merge-request, only apps/souscription/src/souscription-api changed")).toEqual([
      "build:api",
      "preview:dev",
      "preview:int",
      "preview:re7",
      "preview:prod",
      "mr-note",
    ]);
  });

  it("merge request touching another app only: no job of this app", () => {
    expect(jobsIn("merge-request, another app changed")).toEqual([]);
  });

  it("default branch: build, image, dev and int automatic, re7 and prod manual and blocking", () => {
    expect(jobsIn("default-branch")).toEqual([
      "build:web",
      "build:api",
      "build:worker",
      "image:web",
      "image:api",
      "image:worker",
      "deploy:dev",
      "deploy:int",
      "deploy:re7 (manual, blocking)",
      "deploy:prod (manual, blocking)",
    ]);
  });

  it("default branch touching one artifact: rebuilds it alone and still deploys the app", () => {
    expect(jobsIn("default-branch, only apps/souscription/src/souscription-worker changed")).toEqual([
      "build:worker",
      "image:worker",
      "deploy:dev",
      "deploy:int",
      "deploy:re7 (manual, blocking)",
      "deploy:prod (manual, blocking)",
    ]);
  });

  it("tag: release notes only", () => {
    expect(jobsIn("tag")).toEqual(["release-notes"]);
  });

  it("deploy freeze: no prod job at all; an emergency change id brings it back", () => {
    expect(jobsIn("freeze")).not.toContain("deploy:prod (manual, blocking)");
    expect(jobsIn("freeze")).toContain("deploy:re7 (manual, blocking)");
    expect(jobsIn("freeze with emergency change")).toContain("deploy:prod (manual, blocking)");
  });

  it("a branch with an open merge request creates no branch pipeline (the MR pipeline runs instead)", () => {
    expect(jobsIn("branch with an open merge request")).toBeUndefined();
  });
});

describe("globToRegExp (rules:changes)", () => {
  it("lets ** span zero or more folders and * stay within one", () => {
    expect(globToRegExp("apps/x/**/*").test("apps/x/app.ts")).toBe(true);
    expect(globToRegExp("apps/x/**/*").test("apps/x/src/a/b.java")).toBe(true);
    expect(globToRegExp("apps/x/**/*").test("apps/xy/app.ts")).toBe(false);
    expect(globToRegExp("apps/*.ts").test("apps/x/app.ts")).toBe(false);
    expect(globToRegExp("package-lock.json").test("package-lock.json")).toBe(true);
  });
});
