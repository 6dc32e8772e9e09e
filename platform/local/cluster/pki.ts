/** The cluster's certificates (openssl) and kubeconfigs, under .beluga/cluster/pki. */
import * as fs from "node:fs";
import * as path from "node:path";
import { HOST, PKI, PORTS, SERVICE_IP } from "./layout";
import { log, run } from "./shell";

function openssl(args: string[]): void {
  run("openssl", args);
}

export function ensurePki(): void {
  fs.mkdirSync(PKI, { recursive: true, mode: 0o700 });
  const f = (n: string) => path.join(PKI, n);
  if (!fs.existsSync(f("ca.crt"))) {
    log("generating certificates (openssl) in .beluga/cluster/pki");
    openssl(["genrsa", "-out", f("ca.key"), "2048"]);
    openssl([
      "req",
      "-x509",
      "-new",
      "-nodes",
      "-key",
      f("ca.key"),
      "-sha256",
      "-days",
      "3650",
      "-subj",
      "/CN=beluga-local-ca",
      "-out",
      f("ca.crt"),
    ]);
  }
  const leaf = (name: string, subj: string, ext: string) => {
    if (fs.existsSync(f(`${name}.crt`))) return;
    openssl(["genrsa", "-out", f(`${name}.key`), "2048"]);
    openssl(["req", "-new", "-key", f(`${name}.key`), "-subj", subj, "-out", f(`${name}.csr`)]);
    fs.writeFileSync(f(`${name}.ext`), ext);
    openssl([
      "x509",
      "-req",
      "-in",
      f(`${name}.csr`),
      "-CA",
      f("ca.crt"),
      "-CAkey",
      f("ca.key"),
      "-CAcreateserial",
      "-days",
      "3650",
      "-sha256",
      "-extfile",
      f(`${name}.ext`),
      "-out",
      f(`${name}.crt`),
    ]);
    fs.rmSync(f(`${name}.csr`));
    fs.rmSync(f(`${name}.ext`));
  };
  const client = "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n";
  leaf(
    "apiserver",
    "/CN=kube-apiserver",
    "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n" +
      `subjectAltName=IP:${HOST},IP:${SERVICE_IP},DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,` +
      "DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local\n",
  );
  leaf("admin", "/O=system:masters/CN=beluga-admin", client);
  leaf("controller-manager", "/CN=system:kube-controller-manager", client);
  leaf("scheduler", "/CN=system:kube-scheduler", client);
  leaf("kwok", "/O=system:masters/CN=kwok-controller", client);
  if (!fs.existsSync(f("sa.key"))) {
    openssl(["genrsa", "-out", f("sa.key"), "2048"]);
    openssl(["rsa", "-in", f("sa.key"), "-pubout", "-out", f("sa.pub")]);
  }
}

export function writeKubeconfig(file: string, user: string, certName: string): void {
  const b64 = (n: string) => fs.readFileSync(path.join(PKI, n)).toString("base64");
  fs.writeFileSync(
    file,
    [
      "apiVersion: v1",
      "kind: Config",
      "clusters:",
      "- name: beluga-local",
      "  cluster:",
      `    server: https://${HOST}:${PORTS.apiserver}`,
      `    certificate-authority-data: ${b64("ca.crt")}`,
      "users:",
      `- name: ${user}`,
      "  user:",
      `    client-certificate-data: ${b64(`${certName}.crt`)}`,
      `    client-key-data: ${b64(`${certName}.key`)}`,
      "contexts:",
      "- name: beluga-local",
      "  context:",
      "    cluster: beluga-local",
      `    user: ${user}`,
      "current-context: beluga-local",
      "",
    ].join("\n"),
    { mode: 0o600 },
  );
}
