import { PortalReadError, gatherPortalReadings, recordKey } from "../../../platform/portal";
import { loadEstate } from "../../../platform/estate/estate-source";

describe("gatherPortalReadings", () => {
  const estate = loadEstate("repo");
  const now = new Date("2026-04-10T09:00:00Z");

  it("reads every app × environment stack, keeps missing ones as not deployed, and reports progress", async () => {
    const progress: number[] = [];
    const readings = await gatherPortalReadings(estate, {
      now,
      concurrency: 3,
      readRecord: async (t) => (t.env === "dev" ? { env: t.env, digests: {}, versions: {} } : undefined),
      readWorkloads: () => [],
      onProgress: (done) => progress.push(done),
    });
    expect(readings.records.size).toBe(estate.apps.length * 4);
    expect(readings.records.get(recordKey("sinistre", "dev"))).toEqual({ env: "dev", digests: {}, versions: {} });
    expect(readings.records.get(recordKey("sinistre", "prod"))).toBeUndefined();
    expect(progress).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(readings.workloads).toEqual([]);
  });

  it("leaves pods unknown when no cluster answers, without failing", async () => {
    const readings = await gatherPortalReadings(estate, {
      now,
      readRecord: async () => undefined,
      readWorkloads: () => {
        throw new Error("The connection to the server localhost:6443 was refused");
      },
    });
    expect(readings.workloads).toBeUndefined();
  });

  it("fails with the stack and what to do when the backend cannot be read", async () => {
    const failing = gatherPortalReadings(estate, {
      now,
      concurrency: 1,
      readRecord: async () => {
        throw new Error("Command failed with ENOENT: pulumi version\nspawn pulumi ENOENT");
      },
      readWorkloads: () => [],
    });
    await expect(failing).rejects.toThrow(PortalReadError);
    await expect(failing).rejects.toThrow(
      "cannot read the stack espace-client/dev: Command failed with ENOENT: pulumi version; run npm run portal (local backend and tools) or set PULUMI_BACKEND_URL and PULUMI_CONFIG_PASSPHRASE with pulumi on PATH",
    );
  });
});
