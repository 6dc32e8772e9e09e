import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RenderCache } from "../../platform/estate/render-cache";

const DAY = 24 * 3600 * 1000;
const key = (c: string) => c.repeat(64);

describe("RenderCache pruning", () => {
  let dir: string;
  let cache: RenderCache;
  const entry = (k: string) => (existsSync(cache.files(k).rendered) ? cache.files(k).rendered : cache.files(k).refused);
  const age = (k: string, days: number) => utimesSync(entry(k), (Date.now() - days * DAY) / 1000, (Date.now() - days * DAY) / 1000);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "beluga-cache-test-"));
    cache = new RenderCache(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("removes the entries unused for longer than the limit and keeps the others, with their sizes", () => {
    cache.write(key("a"), { yaml: "kind: Deployment\n" });
    cache.write(key("b"), { messages: ["shop: components.api.replicas: must be ≥ 2"] });
    cache.write(key("c"), { yaml: "kind: Service\n" });
    age(key("a"), 45);
    age(key("b"), 31);
    age(key("c"), 29);
    const report = cache.prune(30);
    expect(report).toEqual({
      removed: 2,
      kept: 1,
      freedBytes: bytes("kind: Deployment\n", JSON.stringify(["shop: components.api.replicas: must be ≥ 2"])),
      keptBytes: bytes("kind: Service\n"),
    });
    expect([existsSync(entry(key("a"))), existsSync(entry(key("b"))), cache.read(key("c"))]).toEqual([
      false,
      false,
      { yaml: "kind: Service\n" },
    ]);
  });

  it("counts a lookup as a use: an old entry looked up today survives the next prune", () => {
    cache.write(key("d"), { yaml: "kind: ConfigMap\n" });
    age(key("d"), 60);
    expect(cache.read(key("d"))).toEqual({ yaml: "kind: ConfigMap\n" });
    expect(Date.now() - statSync(entry(key("d"))).mtimeMs).toBeLessThan(DAY);
    expect(cache.prune(30).kept).toBe(1);
  });

  it("prunes at most once a day when runs ask for it", () => {
    cache.write(key("e"), { yaml: "x\n" });
    age(key("e"), 40);
    const now = Date.now();
    expect(cache.pruneIfDue(now)?.removed).toBe(1);
    cache.write(key("f"), { yaml: "y\n" });
    age(key("f"), 40);
    expect(cache.pruneIfDue(now + DAY / 2)).toBeUndefined();
    expect(existsSync(entry(key("f")))).toBe(true);
    expect(cache.pruneIfDue(now + DAY + 1)?.removed).toBe(1);
  });

  it("handles a cache folder that does not exist yet", () => {
    const fresh = new RenderCache(join(dir, "missing"));
    expect(fresh.prune(30)).toEqual({ removed: 0, kept: 0, freedBytes: 0, keptBytes: 0 });
  });
});

describe("RenderCache lookup", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "beluga-cache-test-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("finds a render by its file and size without reading it, and reads it only when asked", () => {
    const reads: string[] = [];
    const cache = new RenderCache(dir, (file) => {
      reads.push(file);
      return readFileSync(file, "utf8");
    });
    const file = cache.write(key("a"), { yaml: "kind: Service # é\n" });
    const hit = cache.lookup(key("a"));
    expect(hit).toEqual({ file, bytes: bytes("kind: Service # é\n") });
    expect(reads).toEqual([]);
    expect(hit && "file" in hit && cache.readRendered(hit)).toBe("kind: Service # é\n");
    expect(reads).toEqual([file]);
  });

  it("returns a refusal's messages, and nothing for a key never written", () => {
    const cache = new RenderCache(dir);
    cache.write(key("b"), { messages: ["shop: components.api.replicas: must be ≥ 2"] });
    expect(cache.lookup(key("b"))).toEqual({ messages: ["shop: components.api.replicas: must be ≥ 2"] });
    expect(cache.lookup(key("c"))).toBeUndefined();
    expect(cache.read(key("c"))).toBeUndefined();
  });
});

/** UTF-8 size of the texts together. */
function bytes(...texts: string[]): number {
  return texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
}
