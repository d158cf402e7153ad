// Hermetic suite: everything under test/ except the integration tests that need real services.
export default {
  files: ["test/**/*.test.ts", "!test/integration/**"],
  extensions: { ts: "module" },
  nodeArguments: ["--import=tsx"],
  workerThreads: false,
  timeout: "2m",
};
