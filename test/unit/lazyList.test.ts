import { describe, expect, it } from "vitest";
import { ifMade, lazyList } from "../../src/io/lazyList.js";

describe("lazyList: a body read back only when something reads it", () => {
  it("is made once, on first read, and reads as the array it stands for", () => {
    let made = 0;
    const list = lazyList(() => {
      made++;
      return ["a", "b"];
    });
    expect(made).toBe(0);
    expect(ifMade(list)).toBeNull();
    expect(Array.isArray(list)).toBe(true);
    expect([...list]).toEqual(["a", "b"]);
    expect(list.length).toBe(2);
    expect(JSON.stringify(list)).toBe('["a","b"]');
    expect(made).toBe(1);
    // Once made, it can cross to a worker as the plain array.
    expect(ifMade(list)).toEqual(["a", "b"]);
    expect(Array.isArray(ifMade(list))).toBe(true);
  });

  it("leaves a list that is not lazy as it is", () => {
    const plain = [1, 2];
    expect(ifMade(plain)).toBe(plain);
  });
});
