import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { UNREACHABLE_ADVICE, lineFilter, openRunLog, runLogPath, withoutUnsafeHints } from "../../../platform/deploy/run-log";

/** The provider's error, as pulumi-kubernetes 4.x words it (pkg/provider/provider.go, Read and Delete). */
const PROVIDER_READ_ERROR =
  "    error: Preview failed: failed to read resource state due to unreachable cluster. If the cluster was deleted, you can remove this " +
  'resource from Pulumi state by rerunning the operation with the PULUMI_K8S_DELETE_UNREACHABLE environment variable set to "true"\n';

describe("run log file", () => {
  it("names one file per run: target, kind, UTC timestamp and pid", () => {
    const path = runLogPath({ project: "sinistre", env: "int" }, "up", new Date("2026-03-01T10:15:02.345Z"), 4242, "/logs");
    expect(path).toBe("/logs/sinistre-int-up-20260301T101502Z-4242.log");
  });

  it("gives two runs of the same stack at the same second two files", () => {
    const now = new Date("2026-03-01T10:15:02Z");
    const target = { project: "platform", env: "dev" } as const;
    expect(runLogPath(target, "up", now, 1)).not.toBe(runLogPath(target, "up", now, 2));
  });

  it("opens the file under the directory given", async () => {
    const dir = mkdtempSync(join(tmpdir(), "beluga-logs-"));
    try {
      const log = openRunLog({ project: "sinistre", env: "dev" }, "preview", dir);
      await new Promise((r) => log.stream.end("hello\n", () => r(undefined)));
      expect(basename(log.path)).toMatch(new RegExp(`^sinistre-dev-preview-\\d{8}T\\d{6}Z-${process.pid}\\.log$`));
      expect(readFileSync(log.path, "utf8")).toBe("hello\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("unsafe hints", () => {
  it("replaces the provider's delete-unreachable hint with what to do instead", () => {
    const shown = withoutUnsafeHints(PROVIDER_READ_ERROR);
    expect(shown).toBe(`    error: Preview failed: failed to read resource state due to unreachable cluster. ${UNREACHABLE_ADVICE}\n`);
    expect(shown).not.toMatch(/rerunning the operation with the PULUMI_K8S_DELETE_UNREACHABLE/);
  });

  it("replaces the hint of the delete path too, and any other sentence suggesting the variable", () => {
    const deleteError =
      'configured Kubernetes cluster is unreachable. If the cluster was deleted, you can remove this resource from Pulumi state by rerunning the operation with the PULUMI_K8S_DELETE_UNREACHABLE environment variable set to \\"true\\"';
    expect(withoutUnsafeHints(deleteError)).toBe(`configured Kubernetes cluster is unreachable. ${UNREACHABLE_ADVICE}`);
    expect(withoutUnsafeHints("error: cluster gone. Try export PULUMI_K8S_DELETE_UNREACHABLE=true and rerun.")).toBe(
      `error: cluster gone. ${UNREACHABLE_ADVICE}.`,
    );
  });

  it("leaves output without the hint untouched, including its own advice", () => {
    const text = `+ kubernetes:apps/v1:Deployment sinistre-api create\n${UNREACHABLE_ADVICE}\n`;
    expect(withoutUnsafeHints(text)).toBe(text);
  });

  it("filters a hint split over two output chunks", () => {
    let out = "";
    const filter = lineFilter((t) => (out += t));
    const cut = PROVIDER_READ_ERROR.indexOf("PULUMI_K8S");
    filter.push("Updating (dev)\n" + PROVIDER_READ_ERROR.slice(0, cut));
    filter.push(PROVIDER_READ_ERROR.slice(cut) + "Resources: 3 unchanged");
    filter.flush();
    expect(out).toBe(`Updating (dev)\n${withoutUnsafeHints(PROVIDER_READ_ERROR)}Resources: 3 unchanged`);
    expect(out).not.toContain("rerunning the operation");
  });
});
