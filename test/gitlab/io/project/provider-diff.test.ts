import { diffInputs } from "../../../../constructs/gitlab/io/project";

describe("diffInputs", () => {
  const rule = { replace: ["key"], update: ["value", "levels"] };
  const connection = { url: "https://gitlab.beluga.internal", token: "t" };

  it("reports no change when the inputs match the state, whatever the key order of nested objects", () => {
    expect(
      diffInputs(
        { connection, key: "A", value: "1", levels: [{ a: 1, b: 2 }] },
        { connection: { token: "t", url: connection.url }, key: "A", value: "1", levels: [{ b: 2, a: 1 }] },
        rule,
      ),
    ).toEqual({ changes: false, replaces: [], stables: ["key"], deleteBeforeReplace: false });
  });

  it("reports an in-place change for an editable field, and for a rotated connection token", () => {
    expect(diffInputs({ connection, key: "A", value: "1" }, { connection, key: "A", value: "2" }, rule)).toMatchObject({
      changes: true,
      replaces: [],
    });
    expect(diffInputs({ connection, key: "A" }, { connection: { ...connection, token: "rotated" }, key: "A" }, rule)).toMatchObject({
      changes: true,
      replaces: [],
    });
  });

  it("reports a replacement for an identity field, deleting first only when the rule says so", () => {
    expect(diffInputs({ connection, key: "A" }, { connection, key: "B" }, rule)).toEqual({
      changes: true,
      replaces: ["key"],
      stables: [],
      deleteBeforeReplace: false,
    });
    expect(diffInputs({ connection, key: "A" }, { connection, key: "B" }, { ...rule, deleteBeforeReplace: true }).deleteBeforeReplace).toBe(
      true,
    );
  });

  it("ignores inputs left unset, which keep GitLab's value", () => {
    expect(diffInputs({ connection, key: "A", value: "from-gitlab" }, { connection, key: "A" }, rule).changes).toBe(false);
  });

  it("keeps array order significant", () => {
    expect(diffInputs({ connection, key: "A", levels: [1, 2] }, { connection, key: "A", levels: [2, 1] }, rule).changes).toBe(true);
  });
});
