/**
 * e2e: everything `npm run synth` writes for the example apps — plus a seven-workload critical app
 * (`sevenWorkloadApp`) — in every environment, judged by the embedded API server's own validation
 * (`kubectl apply --server-side --dry-run=server`: schemas, CRDs for Routes and monitors, admission
 * policies, name and label rules). Only the namespaces are created for real, first, so namespaced objects
 * can be judged; nothing else is stored. A refused object fails the test with its file and the API
 * server's message (which names the object and the field).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { Beluga } from "../../constructs/beluga";
import { instance } from "../../platform/company-instance";
import { beluga } from "../../platform/instance";
import { synthesize } from "../../platform/synth";
import { sevenWorkloadApp } from "../fixtures/declarations";
import { clusterUp, kubectl, requirePlatformEnv } from "./platform-harness";

jest.setTimeout(900_000);

const estate = new Beluga(instance, [...beluga.apps, sevenWorkloadApp()]);
let dir: string;
let files: ReadonlyMap<string, string>;

beforeAll(() => {
  requirePlatformEnv();
  clusterUp();
  const result = synthesize(estate);
  if (!result.ok) throw new Error(`synth refused:\n${result.messages.join("\n")}`);
  files = result.files;
  dir = mkdtempSync(join(tmpdir(), "beluga-dry-run-"));
});

afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

describe.each(beluga.environments.names)("what synth writes for %s", (env) => {
  it("is accepted by the API server (server-side dry run), every file", () => {
    const yamlFiles = [...files.keys()].filter((f) => f.startsWith(`${env}/`) && f.endsWith(".yaml"));
    expect(yamlFiles).toContain(`${env}/platform.yaml`);
    expect(yamlFiles).toContain(`${env}/${sevenWorkloadApp().name}.yaml`);
    // Namespaces first, for real (server-side apply: idempotent, whoever created them before).
    const namespaces = parseAllDocuments(files.get(`${env}/platform.yaml`)!)
      .map((d) => d.toJS())
      .filter((o) => o?.kind === "Namespace");
    expect(namespaces.length).toBe(estate.apps.length);
    const created = kubectl(
      ["apply", "--server-side", "--force-conflicts", "--field-manager=beluga-dry-run", "-f", "-"],
      namespaces.map((n) => JSON.stringify(n)).join("\n"),
    );
    expect({ code: created.code, out: created.code === 0 ? "" : created.out }).toEqual({ code: 0, out: "" });
    const refused: string[] = [];
    for (const file of yamlFiles) {
      const path = join(dir, file.replace("/", "-"));
      writeFileSync(path, files.get(file)!);
      const judged = kubectl([
        "apply",
        "--server-side",
        "--dry-run=server",
        "--force-conflicts",
        "--field-manager=beluga-dry-run",
        "-f",
        path,
      ]);
      if (judged.code !== 0) refused.push(`${file}: ${judged.out.trim()}`);
    }
    expect(refused).toEqual([]);
  });
});
