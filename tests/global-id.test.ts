import { encodeGlobalId, fromGlobalId, toGlobalId } from "../src/relay/global-id";

const b64 = (text: string) => Buffer.from(text, "latin1").toString("base64");

describe("global ids", () => {
  test("encode and decode every type and key size", () => {
    for (const [type, id] of [
      ["Person", 1],
      ["Organisation", 1351],
      ["SourceDocument", 7],
      ["AuditEntry", Number.MAX_SAFE_INTEGER],
    ] as const) {
      const gid = toGlobalId(type, id);
      expect(gid).toBe(b64(`${type}:${id}`));
      expect(encodeGlobalId(`${type}:${id}`)).toBe(gid);
      expect(fromGlobalId(gid)).toEqual({ type, id });
    }
  });

  // Clients keep ids they were given, and some strip or add padding: what decoded before decodes.
  test.each([
    ["canonical", "UGVyc29uOjE="],
    ["unpadded", "UGVyc29uOjE"],
    ["over-padded", "UGVyc29uOjE=="],
  ])("%s base64 decodes", (_label, gid) => {
    expect(fromGlobalId(gid)).toEqual({ type: "Person", id: 1 });
  });

  test.each([
    ["whitespace inside", "UGVy c29uOjE="],
    ["a trailing newline", "UGVyc29uOjE=\n"],
    ["not base64", "%%%"],
    ["empty", ""],
    ["the raw text", "Person:1"],
    ["an unknown type", b64("Spaceship:1")],
    ["a prototype's key as type", b64("constructor:1")],
    ["key 0", b64("Person:0")],
    ["a leading zero", b64("Person:01")],
    ["a key past 2^53", b64("Person:9007199254740993")],
    ["a negative key", b64("Person:-1")],
    ["bytes past ASCII", b64("Person:1\u00e9")],
    ["UTF-8 in the type", Buffer.from("Persön:1", "utf8").toString("base64")],
    ["a second colon", b64("Person:1:2")],
  ])("%s is not an id", (_label, gid) => {
    expect(fromGlobalId(gid)).toBeNull();
  });
});
