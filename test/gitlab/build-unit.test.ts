import { buildUnitsOf, digestVariable } from "../../constructs/gitlab/build-unit";
import type { Problem } from "../../constructs/resolve";
import { formatProblem } from "../../constructs/resolve";
import { gestionContrats } from "../../apps/gestion-contrats/app";
import { sinistre } from "../../apps/sinistre/app";
import { fullApp } from "../fixtures/declarations";

describe("buildUnitsOf", () => {
  it("builds an artifact shared by a component and a batch once, exporting a digest for each workload", () => {
    const problems: Problem[] = [];
    const units = buildUnitsOf(gestionContrats, problems);
    expect(problems).toEqual([]);
    expect(units).toEqual([
      {
        artifact: "gestion-contrats",
        key: "gestion-contrats",
        socle: "python312",
        version: "26.4.0",
        workloads: ["app", "archive"],
        sourceDir: "apps/gestion-contrats/src/gestion-contrats",
        digestVariables: { app: "BELUGA_DIGEST_APP", archive: "BELUGA_DIGEST_ARCHIVE" },
      },
    ]);
  });

  it("shortens job keys by the app prefix and keeps one unit per artifact", () => {
    expect(buildUnitsOf(sinistre, []).map((u) => [u.key, u.artifact])).toEqual([
      ["api", "sinistre-api"],
      ["batch", "sinistre-batch"],
    ]);
  });

  it("names dotenv variables after the workload, upper-cased", () => {
    expect(digestVariable("espace-client.portal")).toBe("BELUGA_DIGEST_ESPACE_CLIENT_PORTAL");
  });

  it("fails when one artifact is declared FROM two socles", () => {
    const app = fullApp();
    app.batches!.nightly.image = { ...app.batches!.nightly.image, artifact: "full-api", socle: "node22" };
    const problems: Problem[] = [];
    buildUnitsOf(app, problems);
    expect(problems.map(formatProblem)).toEqual([
      'full: batches.nightly.image.socle ("node22") differs from components.api.image.socle ("java21-spring") for the same artifact "full-api": one artifact is one image built FROM one socle; use the same socle or give this workload its own artifact',
    ]);
  });

  it("fails when one artifact is declared with two versions", () => {
    const app = fullApp();
    app.batches!.nightly.image = { ...app.batches!.nightly.image, artifact: "full-api", version: "2.0.1" };
    const problems: Problem[] = [];
    buildUnitsOf(app, problems);
    expect(problems.map(formatProblem)).toEqual([
      'full: batches.nightly.image.version ("2.0.1") differs from components.api.image.version ("2.0.0") for the same artifact "full-api": one build produces one version; use the same version or give this workload its own artifact',
    ]);
  });

  it("fails when two workloads would export the same digest variable", () => {
    const app = fullApp();
    app.batches = { API: app.batches!.nightly } as never;
    const problems: Problem[] = [];
    buildUnitsOf(app, problems);
    expect(problems.map(formatProblem)).toEqual([
      "full: batches.API exports its digest as BELUGA_DIGEST_API, like components.api; rename one of the two workloads so their upper-cased names differ",
    ]);
  });
});
