// Hermetic suite: everything under test/ except the integration tests that need real services.
export default {
  files: ["test/**/*.test.ts", "!test/integration/**"],
  extensions: { ts: "module" },
  // why the condition: generated code imports `eddy` and `eddy/support`, which name the TypeScript sources here
  nodeArguments: ["--import=tsx", "--conditions=eddy-source"],
  workerThreads: false,
  // why 3 on a 2-core machine: the suite spends much of its time waiting (processes starting, real-time checkpoints
  // and rolling files, sockets). It uses ≈ 770 CPU s (measured per file, children included) but took ≈ 1070 s of
  // wall time two files at a time: the cores were a third busy. Not 4: four of the dsl-examples files at once (their
  // tests run concurrently inside each file) finish no test for minutes on a loaded machine.
  concurrency: 3,
  // why 3 minutes: AVA's timeout is the time without any test finishing, across all running files
  timeout: "3m",
};
