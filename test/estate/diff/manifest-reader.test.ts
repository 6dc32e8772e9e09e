import fc from "fast-check";
import { parse } from "yaml";
import { apps } from "../../../apps/catalog";
import { type K8sObject, objectYaml } from "../../../constructs/k8s";
import { environments } from "../../../environments";
import { splitDocuments } from "../../../platform/estate/diff/field-changes";
import { readBlockDocument, readManifestDocument } from "../../../platform/estate/diff/manifest-reader";
import { beluga } from "../../../platform/instance";
import { synthesizeApp } from "../../../platform/synth";
import { fullApp, minimalApp } from "../../fixtures/declarations";

// Strings that hit the quoting rules: indicators, ': ', ' #', other types, markers, quotes, escapes, multi-line text.
const awkward = fc.constantFrom(
  "",
  " ",
  "a: b",
  "a:b",
  "- x",
  "-x",
  "#c",
  "a #c",
  "x:",
  "true",
  "False",
  "null",
  "~",
  "42",
  "-0",
  "0o17",
  "0x1F",
  "1e3",
  ".inf",
  "---",
  "'q'",
  '"q"',
  "it's",
  'say "hi"',
  "back\\slash",
  "tab\there",
  "ctl\u0001",
  "é-ü",
  "line\nbreak",
  "*alias",
  "[a]",
  "{a}",
  "[]",
  "{}",
);
const scalar = fc.oneof(fc.string(), awkward, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const key = fc.oneof(
  { arbitrary: fc.constantFrom("name", "app.kubernetes.io/name", "spec"), weight: 4 },
  { arbitrary: awkward, weight: 1 },
  { arbitrary: fc.string(), weight: 1 },
);
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: "small" }, scalar, tie("map"), tie("list")),
  map: fc.dictionary(key, tie("tree"), { maxKeys: 5 }),
  list: fc.array(tie("tree"), { maxLength: 4 }),
}));

describe("readManifestDocument", () => {
  it("reads every object of every example app in every environment with the block reader alone, exactly as yaml parses it", () => {
    let read = 0;
    for (const app of [...apps, minimalApp(), fullApp()]) {
      for (const env of environments.names) {
        let yaml: string;
        try {
          yaml = synthesizeApp(beluga, app, env);
        } catch {
          continue; // refused in this environment
        }
        for (const doc of splitDocuments(yaml)) {
          expect(readBlockDocument(doc)).toEqual({ value: parse(doc) });
          read++;
        }
      }
    }
    expect(read).toBeGreaterThan(100);
  });

  it("reads any document the renderers' emitter prints exactly as yaml parses it (property, 2000 runs)", () => {
    fc.assert(
      fc.property(fc.dictionary(key, tree, { minKeys: 1, maxKeys: 6 }), (object) => {
        const text = objectYaml(object as unknown as K8sObject);
        expect(readManifestDocument(text)).toEqual(parse(text));
      }),
      { numRuns: 2000, seed: 18 },
    );
  });

  it.each([
    ["a block scalar", "data:\n  script: |-\n    echo a\n    echo b\n"],
    ["a flow mapping", "metadata: { name: x }\n"],
    ["an anchor and an alias", "a: &x\n  b: 1\nc: *x\n"],
    ["a comment", "a: 1 # one\nb: 2\n"],
    ["a sequence not indented under its key", "items:\n- a\n- b\nnext: c\n"],
    ["a tag", "a: !!str 42\n"],
    ["a YAML-only escape", 'a: "\\x41\\N"\n'],
    ["an empty value", "a:\nb: 1\n"],
    ["a quoted key", '"a b": 1\n'],
    ["a key read as another type", "0x1F: a\n"],
  ])("hands a document with %s to yaml, with the same result", (_, text) => {
    expect(readBlockDocument(text)).toBeUndefined();
    expect(readManifestDocument(text)).toEqual(parse(text));
  });
});
