/** Static scan of a project's top-level statements for `ntnt inspect` (cli.md §7.2); nothing is executed. */

import { enumInfo, functionInfo, importInfo, structInfo } from "./declarations";
import type { SourceFile } from "./load";
import { fileRoutes, inlineRoute, middlewareUse, staticDir } from "./registrations";

/** Everything `inspect` reports, each list in file order then declaration order. */
export interface ProjectScan {
  functions: ReturnType<typeof functionInfo>[];
  routes: (NonNullable<ReturnType<typeof inlineRoute>> | ReturnType<typeof fileRoutes>[number])[];
  middleware: NonNullable<ReturnType<typeof middlewareUse>>[];
  static: NonNullable<ReturnType<typeof staticDir>>[];
  structs: ReturnType<typeof structInfo>[];
  enums: ReturnType<typeof enumInfo>[];
  imports: ReturnType<typeof importInfo>[];
}

/** Collect declarations and registrations from the top level of every parsed file. */
export function scanProject(files: SourceFile[]): ProjectScan {
  const scan: ProjectScan = { functions: [], routes: [], middleware: [], static: [], structs: [], enums: [], imports: [] };
  for (const file of files) {
    for (const stmt of file.program?.body ?? []) {
      if (stmt.type === "FnDecl") scan.functions.push(functionInfo(stmt, file));
      else if (stmt.type === "StructDecl") scan.structs.push(structInfo(stmt, file));
      else if (stmt.type === "EnumDecl") scan.enums.push(enumInfo(stmt, file));
      else if (stmt.type === "Import") scan.imports.push(importInfo(stmt, file));
      const route = inlineRoute(stmt, file);
      if (route) scan.routes.push(route);
      const mw = middlewareUse(stmt, file);
      if (mw) scan.middleware.push(mw);
      const dir = staticDir(stmt, file);
      if (dir) scan.static.push(dir);
    }
    scan.routes.push(...fileRoutes(file));
  }
  return scan;
}
