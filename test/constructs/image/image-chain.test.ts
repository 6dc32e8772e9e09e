import { imageChain, socleContainerfile } from "../../../constructs/image";
import { resolve } from "../../../constructs/resolve";
import { environments } from "../../../environments";
import { catalog } from "../../../platform/catalog";
import { fullApp } from "../../fixtures/declarations";

describe("image chain", () => {
  it("builds a socle FROM its RedHat base by digest, as a non-root user, with lineage labels", () => {
    const file = socleContainerfile(catalog, "java21-spring");
    const base = catalog.baseImages["ubi9-openjdk-21-runtime"];
    expect(file.content).toContain(`FROM ${base.image}:${base.version}@${base.digest}`);
    expect(file.content.trim().split("\n").pop()).toBe("USER 1001");
    expect(file.content).toContain(`io.beluga.image.base="${base.image}:${base.version}@${base.digest}"`);
  });

  it("builds each app artifact FROM its socle by digest and labels the whole lineage", () => {
    const files = imageChain(catalog, [resolve(fullApp(), environments.get("dev"), catalog)]);
    const api = files.find((f) => f.path === "apps/full/full-api/Containerfile")!;
    const socle = catalog.socles["java21-spring"];
    expect(api.content).toContain(`FROM registry.beluga.internal/platform/socles/java21-spring:3.2.0@${socle.digest}`);
    expect(api.content).toMatch(
      /io\.beluga\.image\.socle=".*java21-spring:3\.2\.0@sha256:[0-9a-f]{64}" io\.beluga\.image\.base=".*openjdk-21-runtime:1\.22@sha256:/,
    );
    expect(files.filter((f) => f.path.startsWith("socles/"))).toHaveLength(Object.keys(catalog.socles).length);
    expect(
      files
        .filter((f) => f.path.startsWith("apps/"))
        .map((f) => f.path)
        .sort(),
    ).toEqual(["apps/full/full-api/Containerfile", "apps/full/full-batch/Containerfile", "apps/full/full-front/Containerfile"]);
  });
});
