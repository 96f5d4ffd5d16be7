import { describe, expect, test } from "bun:test";
import crypto from "../../src/stdlib/crypto";
import { NArray } from "../../src/runtime/values";
import { call, err, ok } from "./native-call";

describe("std/crypto", () => {
  test("sha256 of strings and byte arrays (mod 256)", async () => {
    expect(await call(crypto, "sha256", ["hello"])).toBe("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
    const viaBytes = await call(crypto, "sha256", [NArray.of([104, 101, 108, 108, 111 + 256])]);
    expect(viaBytes).toBe("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
    expect(await call(crypto, "sha256", [NArray.of([-1])])).toBe(await call(crypto, "sha256", [NArray.of([255])]));
    await expect(call(crypto, "sha256", [NArray.of(["x"])])).rejects.toThrow("Type error: sha256() array must contain integers");
    const b = (await call(crypto, "sha256_bytes", ["test"])) as NArray;
    expect(b.length).toBe(32);
    expect(b.get(0)).toBe(0x9f);
  });

  test("hmac_sha256 and its alias hmac", async () => {
    const want = "5031fe3d989c6d1537a013fa6e739da23463fdaec3b70137d828e36ace221bd0";
    expect(await call(crypto, "hmac_sha256", ["key", "data"])).toBe(want);
    expect(await call(crypto, "hmac", ["key", "data"])).toBe(want);
  });

  test("uuid v4 and random values", async () => {
    const id = (await call(crypto, "uuid", [])) as string;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(((await call(crypto, "random_bytes", [16])) as NArray).length).toBe(16);
    expect(((await call(crypto, "random_hex", [8])) as string).length).toBe(16);
    expect(await call(crypto, "random_hex", [0])).toBe("");
    await expect(call(crypto, "random_bytes", [-1])).rejects.toThrow("Runtime error: random_bytes() size must be 0-1048576");
    await expect(call(crypto, "random_hex", [1048577])).rejects.toThrow("Runtime error: random_hex() size must be 0-1048576");
  });

  test("hex encode / decode", async () => {
    expect(await call(crypto, "hex_encode", ["hello"])).toBe("68656c6c6f");
    expect(await call(crypto, "hex_encode", [NArray.of([0, 255, 256])])).toBe("00ff00");
    expect((ok(await call(crypto, "hex_decode", ["68656C6c6f"])) as NArray).elements()).toEqual([104, 101, 108, 108, 111]);
    expect(err(await call(crypto, "hex_decode", ["abc"]))).toBe("Odd number of digits");
    expect(err(await call(crypto, "hex_decode", ["abcg"]))).toBe("Invalid character 'g' at position 3");
  });
});
