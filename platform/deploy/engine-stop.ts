import { descendantsOf, listProcesses, stopProcesses } from "./engine-processes";

/**
 * Stops the engine when our CLI is asked to stop (SIGINT from a terminal, SIGTERM from a CI runner
 * cancelling a job). First signal: the `pulumi` CLI must get one SIGINT, so it cancels cleanly (ends
 * the steps in flight, records them, releases the lock, stops its plugins). A terminal's Ctrl-C
 * already reached it (same process group) — it then prints "received; cancelling", which `observe`
 * watches for; otherwise it is forwarded after a second. Second signal: every process under ours
 * (the CLI and its plugins, which live in process groups of their own) is killed, and the next deploy's
 * recovery releases the lock. While installed, execa's exit cleanup does not fire on these signals.
 */
export class EngineStop {
  private signals = 0;
  private engineCancelling = false;
  private readonly handler = (signal: NodeJS.Signals) => void this.onSignal(signal);

  constructor(private readonly say: (line: string) => void = (line) => process.stderr.write(`${line}\n`)) {}

  /** Whether a stop was asked: the caller starts no further run. */
  get requested(): boolean {
    return this.signals > 0;
  }

  /** Feed the engine's output here (the `onOutput` of the run). */
  readonly observe = (text: string): void => {
    if (/received; cancelling/.test(text)) this.engineCancelling = true;
  };

  /** Installs the SIGINT/SIGTERM handlers; returns what uninstalls them. */
  install(): () => void {
    process.on("SIGINT", this.handler);
    process.on("SIGTERM", this.handler);
    return () => {
      process.off("SIGINT", this.handler);
      process.off("SIGTERM", this.handler);
    };
  }

  private async onSignal(signal: NodeJS.Signals): Promise<void> {
    this.signals += 1;
    const engine = () => descendantsOf(process.pid, listProcesses());
    if (this.signals === 1) {
      this.say(
        `beluga: ${signal} received: the engine finishes the steps in flight, records them and releases the lock; ${signal} again stops it now`,
      );
      await new Promise((r) => setTimeout(r, 1000));
      if (this.engineCancelling) return;
      for (const p of engine().filter((p) => p.name === "pulumi")) {
        try {
          process.kill(p.pid, "SIGINT");
        } catch {
          // already gone
        }
      }
      return;
    }
    this.say(
      `beluga: ${signal} received again: stopping the engine now; the next deploy releases the lock and clears what was left unfinished`,
    );
    await stopProcesses(engine(), 2000);
    process.exit(signal === "SIGINT" ? 130 : 143);
  }
}
