// Integration suite: tests that talk to PostgreSQL on 127.0.0.1.
export default {
  files: ["test/integration/**/*.test.ts"],
  extensions: { ts: "module" },
  nodeArguments: ["--import=tsx"],
  workerThreads: false,
  timeout: "5m",
};
