import { digestVariable, pipelineDigests } from "../../../platform/deploy/app-program";
import { minimalApp } from "../../fixtures/declarations";

describe("pipelineDigests", () => {
  it("reads the digests a pipeline's image jobs export, by workload, and nothing else", () => {
    const decl = {
      ...minimalApp(),
      components: { "api-v2": minimalApp().components.api },
      batches: { nightly: { image: minimalApp().components.api.image, schedule: "0 1 * * *" } },
    };
    expect(
      pipelineDigests(decl, { BELUGA_DIGEST_API_V2: "sha256:aa", BELUGA_DIGEST_NIGHTLY: "sha256:bb", BELUGA_DIGEST_OTHER: "sha256:cc" }),
    ).toEqual({
      "api-v2": "sha256:aa",
      nightly: "sha256:bb",
    });
  });

  it("names the variable after the workload in upper case with underscores", () => {
    expect(digestVariable("api-v2.x")).toBe("BELUGA_DIGEST_API_V2_X");
  });
});
