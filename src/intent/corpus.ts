/**
 * Built-in input corpora for `input: corpus.<name>` (the reference's edge-case lists): each row
 * has one column, `input`.
 */

const STRINGS = [
  "",
  "   ",
  "\t\n",
  "Hello World",
  "simple",
  "UPPERCASE",
  "lowercase",
  "MixedCase",
  "123",
  "test123",
  "123test",
  "!@#$%^&*()",
  "hello-world",
  "hello_world",
  "hello.world",
  "What's up?",
  "Hello, World!",
  "test...more",
  "-leading",
  "trailing-",
  "--double--",
  "This is a very long string that goes on and on and might cause issues with truncation or buffer limits in some systems",
  "a",
  "Cafe",
  "Nino",
  '"quoted"',
  "'single'",
  "path/to/file",
  "../parent",
  "http://example.com",
  "'; DROP TABLE posts;--",
  "<script>alert('xss')</script>",
];

const NUMBERS = [
  "0",
  "1",
  "-1",
  "42",
  "-42",
  "100",
  "1000",
  "999999",
  "-999999",
  "2147483647",
  "-2147483648",
  "0.0",
  "0.5",
  "-0.5",
  "3.14159",
  "0.001",
  "1000.001",
  "-1000.001",
];

const EDGE = [
  "",
  "null",
  "NULL",
  "nil",
  "None",
  "undefined",
  "true",
  "false",
  "True",
  "False",
  "yes",
  "no",
  "0",
  "1",
  " ",
  "  ",
  "\t",
  "\n",
  "\r\n",
  "[]",
  "{}",
  '""',
];

const CORPORA: Record<string, string[]> = { strings: STRINGS, numbers: NUMBERS, edge: EDGE };

/** Rows of `corpus.strings|numbers|edge` (also without the `corpus.` prefix); none for other names. */
export function corpusRows(name: string): Record<string, string>[] {
  const values = CORPORA[name.replace(/^corpus\./, "")] ?? [];
  return values.map((input) => ({ input }));
}
