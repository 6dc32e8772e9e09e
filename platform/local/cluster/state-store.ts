/**
 * The embedded platform's shared state backend: SeaweedFS (`weed mini`, Apache-2.0) serving the S3 API
 * on 127.0.0.1, one bucket for every Pulumi stack. Pipelines and tests point `PULUMI_BACKEND_URL` at it
 * (the Pulumi CLI's own S3 backend, path-style addressing), so a job on a clean clone finds the state
 * and the locks the previous job left — as a real runner would with a company S3 bucket.
 *
 * Credentials are generated once per checkout into `.beluga/state-store.env` (mode 0600, gitignored,
 * never logged): the server takes them as its admin identity, clients as AWS_ACCESS_KEY_ID/SECRET.
 * `platform/local/env.sh` writes the same file when it is missing; whichever comes first wins.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { DIR, HOST, STATE } from "./layout";

const port = (name: string, dflt: number): number => Number(process.env[name] || dflt);
/** SeaweedFS ports; each gRPC port is its HTTP port + 10000 (SeaweedFS convention). */
export const STORE_PORTS = {
  s3: port("BELUGA_S3_PORT", 18333),
  master: port("BELUGA_S3_MASTER_PORT", 17333),
  volume: port("BELUGA_S3_VOLUME_PORT", 17340),
  filer: port("BELUGA_S3_FILER_PORT", 17888),
};
export const STATE_BUCKET = "beluga-state";
export const STORE_DIR = path.join(DIR, "state-store");
export const CREDENTIALS_FILE = path.join(STATE, "state-store.env");

/** The Pulumi backend URL of the embedded store (gocloud.dev s3blob parameters). */
export function stateBackendUrl(): string {
  return `s3://${STATE_BUCKET}?endpoint=http://${HOST}:${STORE_PORTS.s3}&use_path_style=true&region=us-east-1`;
}

/** The store's credentials, created on first use. */
export function stateStoreCredentials(): { AWS_ACCESS_KEY_ID: string; AWS_SECRET_ACCESS_KEY: string } {
  if (!fs.existsSync(CREDENTIALS_FILE)) {
    fs.mkdirSync(STATE, { recursive: true });
    const tmp = `${CREDENTIALS_FILE}.${process.pid}`;
    fs.writeFileSync(
      tmp,
      `AWS_ACCESS_KEY_ID=beluga${randomBytes(6).toString("hex")}\nAWS_SECRET_ACCESS_KEY=${randomBytes(24).toString("hex")}\n`,
      { mode: 0o600 },
    );
    fs.renameSync(tmp, CREDENTIALS_FILE);
  }
  const values = Object.fromEntries(
    fs
      .readFileSync(CREDENTIALS_FILE, "utf8")
      .split("\n")
      .flatMap((line) => (/^\w+=/.test(line) ? [[line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1).trim()]] : [])),
  );
  if (!values.AWS_ACCESS_KEY_ID || !values.AWS_SECRET_ACCESS_KEY) {
    throw new Error(`${CREDENTIALS_FILE} lacks AWS_ACCESS_KEY_ID or AWS_SECRET_ACCESS_KEY; delete it to have new ones generated`);
  }
  return { AWS_ACCESS_KEY_ID: values.AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: values.AWS_SECRET_ACCESS_KEY };
}

/** `weed mini` arguments: loopback only, no telemetry, none of the extra servers the lab does not use. */
export function stateStoreArgs(): string[] {
  return [
    "mini",
    `-dir=${STORE_DIR}`,
    `-ip=${HOST}`,
    `-ip.bind=${HOST}`,
    `-master.port=${STORE_PORTS.master}`,
    `-volume.port=${STORE_PORTS.volume}`,
    `-filer.port=${STORE_PORTS.filer}`,
    `-s3.port=${STORE_PORTS.s3}`,
    "-s3.port.iceberg=0",
    "-s3.port.lance=0",
    `-bucket=${STATE_BUCKET}`,
    "-webdav=false",
    "-admin.ui=false",
    "-master.telemetry=false",
    "-master.volumeSizeLimitMB=64",
  ];
}
