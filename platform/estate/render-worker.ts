/**
 * Worker-thread entry of `renderEstate`: receives batches of jobs (an app declaration and the
 * environments to render it for), answers with YAML or refusal messages per job. Loaded from the
 * compiled copy `renderCode` prepares, never through ts-node.
 */
import { enableCompileCache } from "node:module";
import { parentPort, workerData } from "node:worker_threads";
import type { AppDeclaration, CatalogSpec, EnvironmentSpec, EnvName } from "../../constructs/model";

/** One job sent to a worker. */
export interface WorkerJob {
  readonly id: number;
  readonly app: AppDeclaration;
  readonly env: EnvName;
}

/** One answer from a worker: `error` is a programming error, reported with the app and environment. */
export interface WorkerAnswer {
  readonly id: number;
  readonly yaml?: string;
  readonly messages?: readonly string[];
  readonly error?: string;
}

/** Data every worker starts with. */
export interface WorkerSetup {
  readonly environments: Readonly<Record<EnvName, EnvironmentSpec>>;
  readonly catalog: CatalogSpec;
  /** Node compile cache folder, enabled before the render code loads. */
  readonly compileCacheDir?: string;
}

if (parentPort) {
  const port = parentPort;
  const setup = workerData as WorkerSetup;
  if (setup.compileCacheDir) enableCompileCache(setup.compileCacheDir);
  // Required after the compile cache is on, so cdk8s and the constructs load from it.
  const { renderJob } = require("./render-job") as typeof import("./render-job");
  port.on("message", (jobs: WorkerJob[]) => {
    const answers: WorkerAnswer[] = jobs.map((job) => {
      try {
        return { id: job.id, ...renderJob(job.app, setup.environments[job.env], setup.catalog) };
      } catch (error) {
        return { id: job.id, error: `${job.app.name} (${job.env}): ${error instanceof Error ? error.message : String(error)}` };
      }
    });
    port.postMessage(answers);
  });
}
