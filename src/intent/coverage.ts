/**
 * `ntnt intent coverage` (cli.md §7.6): which features have `@implements` annotations in the
 * program and the `.tnt` files under its sibling `routes/` directory.
 */

import { type Annotation, annotationsIn, coverageId, implementationsOf } from "./annotations";
import type { IntentFile } from "./model";
import { splitPath } from "./pair";

export interface FeatureCoverage {
  id: string;
  name: string;
  implementations: Annotation[];
}

export interface CoverageReport {
  intentPath: string;
  sourceFiles: string[];
  features: FeatureCoverage[];
  covered: number;
  /** 0–100; 0 when there are no features. */
  percent: number;
}

/** Scan the program and its routes/ directory and match annotations to features. */
export async function coverageReport(intent: IntentFile, intentPath: string, program: string): Promise<CoverageReport> {
  const { collectTntFiles } = await import("../tooling/files");
  const routes = `${splitPath(program).dir}routes`;
  const sourceFiles = [program, ...collectTntFiles(routes)];
  const annotations = annotationsIn(sourceFiles.map((path) => ({ path, name: path })));
  const features = intent.features.map((f) => {
    const id = coverageId(f);
    return { id, name: f.name, implementations: implementationsOf(id, annotations) };
  });
  const covered = features.filter((f) => f.implementations.length > 0).length;
  return { intentPath, sourceFiles, features, covered, percent: features.length > 0 ? (covered / features.length) * 100 : 0 };
}

type Paint = (s: string) => string;

/** The report as text (colours through `paint`). */
export function coverageText(report: CoverageReport, paint: { green: Paint; red: Paint; yellow: Paint; cyan: Paint; dim: Paint; bold: Paint }): string {
  const lines = [
    "",
    paint.bold(paint.cyan("=== Intent Coverage Report ===")),
    "",
    `Intent: ${paint.green(report.intentPath)}`,
    `Source files: ${report.sourceFiles.length}`,
    "",
  ];
  for (const f of report.features) {
    const covered = f.implementations.length > 0;
    lines.push(`${covered ? paint.green("✓") : paint.red("✗")} ${paint.bold(f.name)} (${paint.dim(f.id)})`);
    if (covered)
      for (const a of f.implementations) lines.push(`    ${paint.dim("└─")} ${a.file}:${a.line}${a.functionName ? paint.dim(` in fn ${a.functionName}`) : ""}`);
    else lines.push(`    ${paint.dim("└─")} ${paint.yellow("No implementation found")}`);
  }
  lines.push("");
  const filled = Math.floor((report.percent / 100) * 30);
  const summary = `[${"█".repeat(filled)}${"░".repeat(30 - filled)}] ${report.percent.toFixed(1)}% coverage (${report.covered}/${report.features.length} features)`;
  const colour = report.percent >= 80 ? paint.green : report.percent >= 50 ? paint.yellow : paint.red;
  lines.push(paint.bold(colour(summary)));
  return `${lines.join("\n")}\n`;
}
