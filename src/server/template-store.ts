/**
 * The template texts one program keeps: sources of `compile()`d templates by id (kept for
 * the program's lifetime, so ids stay valid across hot reloads) and, in production, the files
 * `template()` has read (development rereads every call).
 */
export class TemplateStore {
  private readonly compiled: string[] = [];
  private readonly files = new Map<string, string>();

  /** Keep a compiled template's source; returns its id. */
  addCompiled(source: string): number {
    return this.compiled.push(source) - 1;
  }

  /** The source of compiled template `id`, if there is one. */
  compiledSource(id: number): string | undefined {
    return this.compiled[id];
  }

  /** A template file's text as read before, if it was. */
  cachedFile(file: string): string | undefined {
    return this.files.get(file);
  }

  /** Remember a template file's text. */
  cacheFile(file: string, text: string): void {
    this.files.set(file, text);
  }
}
