import type { EngineEvent } from "@pulumi/pulumi/automation";

/**
 * Resource steps that change something (not `same`, not the reads of a refresh), as
 * `<op> <type> <name> [inputs that differ from the state]`. The dynamic provider host reports no
 * changed keys to the engine (its events carry no `diffs`), so they are computed here as its `diff`
 * does: each new input against the state's value.
 */
export function changesOf(events: EngineEvent[]): string[] {
  return events
    .flatMap((e) =>
      e.resourcePreEvent && !["same", "refresh"].includes(e.resourcePreEvent.metadata.op) ? [e.resourcePreEvent.metadata] : [],
    )
    .map((m) => {
      const state = m.old?.outputs ?? {};
      const changed = Object.keys(m.new?.inputs ?? {}).filter(
        (k) => k !== "__provider" && m.old && JSON.stringify(state[k]) !== JSON.stringify(m.new!.inputs[k]),
      );
      return `${m.op} ${m.type} ${m.urn.split("::").pop()}${changed.length ? ` [${changed.sort().join(",")}]` : ""}`;
    })
    .sort();
}
