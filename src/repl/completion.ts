/** Tab completion for the REPL: keywords, builtins, session bindings, module members, std paths and exports, `:commands`. */

import { KEYWORDS } from "../parser/tokens";
import { loadStdModule, stdModulePaths } from "../stdlib/index";
import { NModule } from "../runtime/values";
import type { ReplSession } from "./session";

/** The REPL's own commands, as completed after a leading `:`. */
const REPL_COMMANDS = [":help", ":quit", ":exit", ":clear", ":env", ":type", ":load"];

let stdExports: Promise<string[]> | null = null;

/** Every name some std module exports (loads the modules once, on the first `import { …` completion). */
function allStdExports(): Promise<string[]> {
  stdExports ??= Promise.all(stdModulePaths().map(async (p) => Object.keys((await loadStdModule(p)).members))).then((lists) =>
    [...new Set(lists.flat())].sort(),
  );
  return stdExports;
}

/** Candidates for the text before the cursor, in readline's `[matches, replacedPart]` form. */
export async function completeLine(line: string, session: ReplSession): Promise<[string[], string]> {
  const importing = /\bimport\s*\{[^}]*?(\w*)$/.exec(line);
  if (importing) {
    const word = importing[1]!;
    return [(await allStdExports()).filter((n) => n.startsWith(word)), word];
  }
  if (/^\s*:\w*$/.test(line)) {
    const word = line.trim();
    return [REPL_COMMANDS.filter((c) => c.startsWith(word)), word];
  }
  const path = /"(std\/[\w/]*)$/.exec(line);
  if (path) return [stdModulePaths().filter((p) => p.startsWith(path[1]!)), path[1]!];
  const member = /([A-Za-z_]\w*)\.(\w*)$/.exec(line);
  if (member) {
    const ns = session.read(member[1]!);
    if (ns instanceof NModule) return [[...ns.members.keys()].filter((k) => k.startsWith(member[2]!)).sort(), member[2]!];
    return [[], member[2]!];
  }
  const word = /[A-Za-z_]\w*$/.exec(line)?.[0] ?? "";
  if (!word) return [[], ""];
  const names = new Set<string>([...session.names(), ...KEYWORDS, ...session.globalNames()]);
  return [[...names].filter((n) => n.startsWith(word) && !n.startsWith("__")).sort(), word];
}
