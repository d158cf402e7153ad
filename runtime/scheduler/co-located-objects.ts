// Objects shared by the operators of one job attempt that run in the same thread. Flink co-locates an iteration's
// head and tail in one slot and lets them meet in a process-wide broker; here the meeting place belongs to the
// attempt, so a restarted attempt (or a second run of the same job in the process) starts from fresh objects. Only
// operators that the placement keeps together (Transformation.coLocationGroup) may rely on meeting here.

export class CoLocatedObjects {
  private readonly objects = new Map<string, unknown>();

  /** The object under `key`, created by `create` for whichever co-located operator asks first. */
  getOrCreate<T>(key: string, create: () => T): T {
    if (this.objects.has(key)) return this.objects.get(key) as T;
    const created = create();
    this.objects.set(key, created);
    return created;
  }
}
