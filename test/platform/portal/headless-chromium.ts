import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A minimal driver for headless Chromium over the DevTools protocol, on Node's built-in WebSocket: the
 * repository has neither playwright-core nor puppeteer-core, and the portal test needs only to load a
 * page, collect its console errors and exceptions, run a script in it and take a screenshot.
 * @see https://chromedevtools.github.io/devtools-protocol/
 */
export class HeadlessChromium {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  private readonly listeners: Array<(method: string, params: any, sessionId?: string) => void> = [];

  private constructor(
    private readonly process: ChildProcess,
    private readonly socket: WebSocket,
    private readonly profile: string,
  ) {
    socket.addEventListener("message", (event) => {
      const message = JSON.parse(String(event.data));
      if (message.id !== undefined) {
        const waiter = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) waiter?.reject(new Error(`${message.error.message} (${message.error.code})`));
        else waiter?.resolve(message.result);
      } else for (const listener of this.listeners) listener(message.method, message.params, message.sessionId);
    });
  }

  /** The Chromium binary: `BELUGA_CHROMIUM`, else chromium / chromium-browser / google-chrome on PATH; undefined when none. */
  static binary(): string | undefined {
    const explicit = process.env.BELUGA_CHROMIUM;
    if (explicit) return existsSync(explicit) ? explicit : undefined;
    for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
      try {
        return execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim() || undefined;
      } catch {
        // not this one
      }
    }
    return undefined;
  }

  /** Starts a fresh headless Chromium (own profile, no network side traffic) and connects to it. */
  static async launch(binary: string): Promise<HeadlessChromium> {
    const profile = mkdtempSync(join(tmpdir(), "beluga-chromium-"));
    const args = [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      `--user-data-dir=${profile}`,
      "--remote-debugging-port=0",
      "about:blank",
    ];
    // Its own process group: close() stops the renderer and utility processes with the browser.
    const child = spawn(binary, args, { stdio: "ignore", detached: true });
    const portFile = join(profile, "DevToolsActivePort");
    const deadline = Date.now() + 30_000;
    while (!existsSync(portFile) || readFileSync(portFile, "utf8").split("\n").length < 2) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`${binary} did not open its DevTools port`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const [port, path] = readFileSync(portFile, "utf8").split("\n");
    const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`);
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener("open", () => resolve());
      socket.addEventListener("error", () => reject(new Error("cannot connect to Chromium's DevTools socket")));
    });
    return new HeadlessChromium(child, socket, profile);
  }

  /** Sends a DevTools command (to a page when `sessionId` is given). */
  send(method: string, params: object = {}, sessionId?: string): Promise<any> {
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  /** Opens a page of `width`×`height`, records its console errors and exceptions, and waits for its load event. */
  async open(url: string, size = { width: 1400, height: 900 }): Promise<BrowserPage> {
    const { targetId } = await this.send("Target.createTarget", { url: "about:blank" });
    const { sessionId } = await this.send("Target.attachToTarget", { targetId, flatten: true });
    const page = new BrowserPage(this, sessionId);
    this.listeners.push((method, params, from) => {
      if (from === sessionId) page.event(method, params);
    });
    for (const domain of ["Page", "Runtime", "Log"]) await this.send(`${domain}.enable`, {}, sessionId);
    await this.send("Emulation.setDeviceMetricsOverride", { ...size, deviceScaleFactor: 1, mobile: false }, sessionId);
    await page.goto(url);
    return page;
  }

  /** Stops Chromium and removes its profile. */
  async close(): Promise<void> {
    this.socket.close();
    const exited = this.process.exitCode !== null ? Promise.resolve() : new Promise((r) => this.process.once("exit", r));
    try {
      process.kill(-this.process.pid!, "SIGKILL");
    } catch {
      this.process.kill("SIGKILL");
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    // A child still flushing its profile files under load: retry rather than fail the suite's teardown.
    rmSync(this.profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}

/** One page: where it is, what went wrong in it, and a way to run code in it. */
export class BrowserPage {
  /** Console errors, uncaught exceptions and failed loads (404s), in order. */
  readonly errors: string[] = [];
  private loaded: Array<() => void> = [];

  constructor(
    private readonly browser: HeadlessChromium,
    private readonly sessionId: string,
  ) {}

  /** A DevTools event of this page. */
  event(method: string, params: any): void {
    if (method === "Runtime.exceptionThrown")
      this.errors.push(params.exceptionDetails.exception?.description ?? params.exceptionDetails.text);
    if (method === "Runtime.consoleAPICalled" && params.type === "error")
      this.errors.push(params.args.map((a: any) => a.value ?? a.description).join(" "));
    if (method === "Log.entryAdded" && params.entry.level === "error")
      this.errors.push(`${params.entry.text} ${params.entry.url ?? ""}`.trim());
    if (method === "Page.loadEventFired") this.loaded.splice(0).forEach((resolve) => resolve());
  }

  /** Navigates and waits for the load event. */
  async goto(url: string): Promise<void> {
    const loaded = this.nextLoad();
    await this.browser.send("Page.navigate", { url }, this.sessionId);
    await loaded;
  }

  /** Resolves at the page's next load event (at most 15 s): call before what navigates (a click). */
  nextLoad(): Promise<void> {
    const loaded = new Promise<void>((resolve) => this.loaded.push(resolve));
    return Promise.race([loaded, new Promise<void>((r) => setTimeout(r, 15_000).unref())]);
  }

  /** Evaluates an expression in the page and returns its (JSON) value. */
  async evaluate<T>(expression: string): Promise<T> {
    const result = await this.browser.send("Runtime.evaluate", { expression, returnByValue: true, awaitPromise: true }, this.sessionId);
    if (result.exceptionDetails) throw new Error(result.exceptionDetails.exception?.description ?? result.exceptionDetails.text);
    return result.result.value as T;
  }

  /** A PNG of the viewport. */
  async screenshot(): Promise<Buffer> {
    const { data } = await this.browser.send("Page.captureScreenshot", { format: "png" }, this.sessionId);
    return Buffer.from(data, "base64");
  }
}
