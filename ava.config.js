// Hermetic suite: everything under test/ except the integration tests that need real services.
export default {
  files: ["test/**/*.test.ts", "!test/integration/**"],
  extensions: { ts: "module" },
  // why the condition: generated code imports `eddy` and `eddy/support`, which name the TypeScript sources here
  nodeArguments: ["--import=tsx", "--conditions=eddy-source"],
  workerThreads: false,
  timeout: "2m",
};
