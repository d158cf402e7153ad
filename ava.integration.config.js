// Integration suite: tests that talk to PostgreSQL on 127.0.0.1.
export default {
  files: ["test/integration/**/*.test.ts"],
  extensions: { ts: "module" },
  // why the condition: generated code imports `eddy` and `eddy/support`, which name the TypeScript sources here
  nodeArguments: ["--import=tsx", "--conditions=eddy-source"],
  workerThreads: false,
  timeout: "5m",
};
