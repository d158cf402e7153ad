// The two ways a client command fails: bad usage (exit 2) or a JobManager / job problem (exit 1); both one line.

/** The command line is wrong (a missing file, a bad URL, a flag out of range): one line on stderr, exit 2. */
export class ClientUsageError extends Error {}

/** The JobManager is unreachable or refused, or the job failed: one line on stderr, exit 1. */
export class ClientError extends Error {}
