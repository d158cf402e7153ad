// Where a worker of a job's attempt runs — a thread of this process or a slot of a cluster's TaskManager — for
// failure locations and the REST API's per-subtask details.

/** Where a worker of an attempt runs: a thread of this process, or a slot of a cluster's TaskManager. */
export interface WorkerPlace {
  /** The TaskManager's id; null for a thread of this process. */
  readonly taskManager: string | null;
  /** Its host and port ("localhost" in this process). */
  readonly endpoint: string;
}

export const LOCAL_PLACE: WorkerPlace = { taskManager: null, endpoint: "localhost" };

/** A place as failures name it: "tm-1 (127.0.0.1:6121)", "localhost". */
export function describePlace(place: WorkerPlace): string {
  return place.taskManager === null ? place.endpoint : `${place.taskManager} (${place.endpoint})`;
}
