// Cancelling a job in a test that must not hang when the cancel does: the outcome as text, for one assertion.

/** Cancels through `client` and gives "cancelled", or why not if the job has not ended within `ms` (a hang). */
export async function cancelWithin(client: { cancel(): Promise<void> }, ms: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    client.cancel().then(() => "cancelled"),
    new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`the cancel hung: the job did not end within ${ms / 1000} s`), ms))),
  ]).finally(() => clearTimeout(timer));
}
