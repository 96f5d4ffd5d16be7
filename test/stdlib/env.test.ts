import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { NArray, NMap } from "../../src/runtime/values";
import mod from "../../src/stdlib/env";
import { caller } from "./native-call";

const { show, raw } = caller(mod);
const dir = mkdtempSync(join(tmpdir(), "ntnt-env-"));
// set_env and load_env change this process's environment: put it back for the files after this one.
const savedEnv = { ...process.env };
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
  Object.assign(process.env, savedEnv);
});

test("get_env, set_env, all_env", () => {
  expect(show("set_env", "NTNT_TEST_VAR", "v1")).toBe("()");
  expect(show("get_env", "NTNT_TEST_VAR")).toBe("Option::Some(v1)");
  expect(show("get_env", "NTNT_SURELY_UNSET_VAR")).toBe("Option::None");
  expect((raw("all_env") as NMap).get("NTNT_TEST_VAR")).toBe("v1");
  expect(show("get_env", 1)).toBe("ERR Type error: get_env() requires a string");
});

test("args starts with the command name; cwd", () => {
  const args = (raw("args") as NArray).toArray();
  expect(args[0]).toBe("ntnt");
  expect(raw("cwd")).toBe(process.cwd());
});

test("load_env: trimmed lines, comments, overrides; matching quotes stripped as dotenv does", () => {
  const file = join(dir, ".env");
  writeFileSync(file, '# comment\n\n NTNT_A = 1 \nNTNT_B="x"\nno_equals\nNTNT_C=a=b\n');
  process.env.NTNT_A = "old";
  expect(show("load_env", file)).toBe("Result::Ok(())");
  expect(process.env.NTNT_A).toBe("1");
  expect(process.env.NTNT_B).toBe("x");
  expect(process.env.NTNT_C).toBe("a=b");
  expect(show("load_env", join(dir, "missing"))).toBe("Result::Err(Failed to load .env: No such file or directory (os error 2))");
});
