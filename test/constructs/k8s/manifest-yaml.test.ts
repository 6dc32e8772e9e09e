import fc from "fast-check";
import { stringify } from "yaml";
import { apps } from "../../../apps/catalog";
import { objectYaml, renderApp, toYaml, type K8sObject } from "../../../constructs/k8s";
import { resolve } from "../../../constructs/resolve";
import { environments } from "../../../environments";
import { catalog } from "../../../platform/catalog";
import { fullApp, minimalApp } from "../../fixtures/declarations";

/** What toYaml always printed: `yaml`'s stringify with no line folding, one document per object. */
const reference = (objects: readonly object[]) => objects.map((o) => stringify(o, { lineWidth: 0 })).join("---\n");

// Strings chosen to hit every quoting rule: indicators, ': ', ' #', numbers, booleans, null, markers,
// quotes, backslashes, control characters, non-ASCII, multi-line text.
const awkward = fc.constantFrom(
  "",
  " ",
  "a: b",
  "a:b",
  "- x",
  "-",
  "?",
  "#c",
  "a #c",
  "a#c",
  "x:",
  "true",
  "False",
  "null",
  "~",
  "42",
  "0o17",
  "0x1F",
  "1e3",
  ".inf",
  "-.5",
  "---",
  "...",
  "--- x",
  "%x",
  "'q'",
  '"q"',
  "it's",
  'say "hi"',
  "back\\slash",
  "tab\there",
  "ctl\u0001",
  "é-ü",
  "line\nbreak",
  "trail\n",
  "*alias",
  "&anchor",
  "!tag",
  "|",
  ">",
  "@at",
  "`tick",
  "[a]",
  "{a}",
  "a,b",
  "10",
);
const scalar = fc.oneof(fc.string(), awkward, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const key = fc.oneof(
  { arbitrary: fc.constantFrom("name", "app.kubernetes.io/name", "beluga.io/env", "spec"), weight: 4 },
  { arbitrary: awkward, weight: 1 },
  { arbitrary: fc.string(), weight: 1 },
);
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: "small" }, scalar, tie("map"), tie("list")),
  map: fc.dictionary(key, tie("tree"), { maxKeys: 5 }),
  list: fc.array(tie("tree"), { maxLength: 4 }),
}));

describe("toYaml", () => {
  it("prints every example app in every environment exactly as yaml's stringify did", () => {
    for (const app of [...apps, minimalApp(), fullApp()]) {
      for (const envName of environments.names) {
        const env = environments.get(envName);
        let objects: K8sObject[];
        try {
          objects = renderApp(resolve(app, env, catalog), env);
        } catch {
          continue; // refused in this environment: nothing to print
        }
        expect(toYaml(objects)).toBe(reference(objects));
      }
    }
  });

  it("prints any JSON-like object exactly as yaml's stringify does (property, 2000 runs)", () => {
    fc.assert(
      fc.property(fc.dictionary(key, tree, { minKeys: 0, maxKeys: 6 }), (object) => {
        expect(objectYaml(object as unknown as K8sObject)).toBe(stringify(object, { lineWidth: 0 }));
      }),
      { numRuns: 2000, seed: 6 },
    );
  });

  it("falls back to yaml for a shared object (which yaml prints with an anchor and an alias)", () => {
    const labels = { app: "x" };
    const object = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x", labels }, data: labels } as unknown as K8sObject;
    expect(objectYaml(object)).toBe(stringify(object, { lineWidth: 0 }));
    expect(objectYaml(object)).toContain("&a1");
  });

  it("separates documents with --- and ends each with a newline", () => {
    const objects = [
      { apiVersion: "v1", kind: "A", metadata: { name: "a" } },
      { apiVersion: "v1", kind: "B", metadata: { name: "b" } },
    ] as K8sObject[];
    expect(toYaml(objects)).toBe("apiVersion: v1\nkind: A\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: B\nmetadata:\n  name: b\n");
  });
});
