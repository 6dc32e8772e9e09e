import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RefusedError } from "../../../platform/cli/cli-errors";
import { recordFailure } from "../../../platform/cli/outcome-file";
import { DeclarationError } from "../../../constructs/resolve";

describe("recordFailure", () => {
  const dir = mkdtempSync(join(tmpdir(), "beluga-outcome-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, "nested", "outcome.json");
  const read = () => JSON.parse(readFileSync(file, "utf8"));

  it("records a refusal with its reasons and next step where BELUGA_OUTCOME_FILE says", () => {
    recordFailure(
      "gate check",
      new RefusedError("sinistre → prod refused by its gates", ["outside the release window"], "wait for Tuesday"),
      {
        BELUGA_OUTCOME_FILE: file,
      },
    );
    expect(read()).toEqual({
      command: "gate check",
      message: "sinistre → prod refused by its gates",
      details: ["outside the release window"],
      next: "wait for Tuesday",
    });
  });

  it("records a declaration's problems as the reasons", () => {
    const error = new DeclarationError([
      { app: "mini", path: "components.api.scaling.max", message: "(1) must be ≥ scaling.min (2)", fix: "raise max" },
    ]);
    recordFailure("deploy", error, { BELUGA_OUTCOME_FILE: file });
    expect(read().details).toEqual(error.messages);
  });
});
