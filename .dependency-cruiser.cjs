// The module rule (docs/architecture.md, "Layers"; STYLE rule 21): operator libraries build on the runtime's public
// API (runtime/index.ts) and its extension surface (runtime/spi.ts), never on runtime internals, so the runtime can
// change its internals without breaking them. Checked in `npm test` by test/architecture/module-boundaries.test.ts;
// by hand: npx depcruise cep gelly --config .dependency-cruiser.cjs
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "libraries-use-runtime-api-and-spi",
      comment: "cep/, gelly/, ml/ and table/ may import runtime/index.ts and runtime/spi.ts only; export what a library needs from the SPI",
      severity: "error",
      from: { path: "^(cep|gelly|ml|table)/" },
      to: { path: "^runtime/", pathNot: "^runtime/(index|spi)\\.ts$" },
    },
    {
      name: "compiler-imports-no-engine",
      comment: "compiler/ reads source and writes code; what it shares with the runtime is a plain data contract in formats/ (DESIGN.md, Layout)",
      severity: "error",
      from: { path: "^compiler/" },
      to: { path: "^(runtime|ml|gelly|table)/" },
    },
    {
      name: "back-end-reads-no-syntax",
      comment: "after passes/lower-to-plan.ts the back end works on IR only: the plan, its optimiser passes and the emitters import no .flow syntax-tree module (the back-end context still carries the program, for lower-to-plan and the schema names emit-types gives record types; docs/architecture.md, Compiler)",
      severity: "error",
      from: {
        path: "^compiler/(plan|emit|ir)/|^compiler/passes/(emit-[a-z-]+|fuse-[a-z-]+|fold-constants|push-filters|prune-fields|report-fusion)\\.ts$",
        pathNot: "^compiler/ir/lower-expression\\.ts$|^compiler/plan/pattern-recipe\\.ts$",
      },
      to: { path: "^compiler/ast/(nodes|print|visit|index)\\.ts$" },
    },
    {
      name: "formats-import-nothing",
      comment: "formats/ holds contracts between the compiler and the runtime: importing either would tie one to the other",
      severity: "error",
      from: { path: "^formats/" },
      to: { path: "^(runtime|compiler|cep|gelly|ml|table)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
  },
};
