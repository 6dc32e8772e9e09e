/**
 * Worker-thread entry of `renderEstate`: receives batches of jobs (an app declaration and the
 * environment to render it for), answers with YAML or refusal messages per job. Loaded from the
 * compiled copy `renderCode` prepares, never through ts-node.
 */
import { enableCompileCache } from "node:module";
import { parentPort, workerData } from "node:worker_threads";
import type { AppDeclaration, EnvName } from "../../constructs/model";
import type { InstanceData } from "./render-job";

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
  /** The estate's instance as data; the worker builds its façade from it. */
  readonly instance: InstanceData;
  /** Node compile cache folder, enabled before the render code loads. */
  readonly compileCacheDir?: string;
}

if (parentPort) {
  const port = parentPort;
  const setup = workerData as WorkerSetup;
  if (setup.compileCacheDir) enableCompileCache(setup.compileCacheDir);
  // Required after the compile cache is on, so cdk8s and the constructs load from it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- must load after enableCompileCache
  const { estateRenderer } = require("./render-job") as typeof import("./render-job");
  const render = estateRenderer(setup.instance);
  port.on("message", (jobs: WorkerJob[]) => {
    const answers: WorkerAnswer[] = jobs.map((job) => {
      try {
        return { id: job.id, ...render(job.app, job.env) };
      } catch (error) {
        return { id: job.id, error: `${job.app.name} (${job.env}): ${error instanceof Error ? error.message : String(error)}` };
      }
    });
    port.postMessage(answers);
  });
}
