// Peggy plugin for scripts/build-parser.mjs. The grammar's error alternatives
// (`"" { fail(...) }`) match nothing but always throw; peggy's infinite-repetition check cannot
// know that, so it is switched off.
export function use(config) {
  config.passes.check = config.passes.check.filter((pass) => pass.name !== "reportInfiniteRepetition");
}
