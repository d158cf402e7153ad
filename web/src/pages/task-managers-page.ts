// The TaskManagers registered with the ResourceManager, their slots and last heartbeat.
import { h, replace, table } from "../dom.js";
import { formatCount, formatDuration } from "../format.js";
import { rest } from "../rest-client.js";
import type { Page } from "./page.js";

/** Flink names the field "timeSinceLastHeartbeat" but sends the heartbeat's epoch time; accept either. */
function heartbeatAge(value: number | undefined): string {
  if (value === undefined) return "–";
  const ago = value > 1e12 ? Date.now() - value : value;
  return `${formatDuration(Math.max(0, ago))} ago`;
}

export function taskManagersPage(): Page {
  const body = h("div");
  return {
    title: "TaskManagers",
    element: h("div", {}, h("h1", {}, "TaskManagers"), body),
    async refresh() {
      const { taskmanagers } = await rest.taskManagers();
      replace(body, table("TaskManagers", ["ID", "Address", "Data port", "Slots", "Free slots", "Last heartbeat"], taskmanagers.map((tm) => [
        h("code", {}, tm.id),
        tm.path ?? "–",
        tm.dataPort === undefined ? "–" : String(tm.dataPort),
        formatCount(tm.slotsNumber),
        formatCount(tm.freeSlots),
        heartbeatAge(tm.timeSinceLastHeartbeat),
      ]), "no TaskManagers registered"));
    },
  };
}
