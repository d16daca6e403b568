import { describe, expect, it } from "vitest";
import { holdBackStart } from "./hold-back";

const held = (text: string, from = 0): string => text.slice(holdBackStart({ text, from }).start);

describe("hold-back: what could still become a match", () => {
  it("releases prose up to the last whitespace and holds the unfinished word", () => {
    expect(held("The quick brown fox ")).toBe("");
    expect(held("The quick brown fo")).toBe("fo");
  });

  it("holds a run of digits and separators, spaces included (a card or phone still being typed)", () => {
    expect(held("Your card is 4111 1111 ")).toBe("4111 1111 ");
    expect(held("call +1 (555) 123-")).toBe("+1 (555) 123-");
    // Upper-case words next to digits are held too: IBANs and bank codes mix letters in.
    expect(held("my IBAN DE89 3704 0044")).toBe("IBAN DE89 3704 0044");
  });

  it("does not hold non-ASCII prose without spaces (CJK)", () => {
    expect(held("这是一个没有空格的句子")).toBe("");
    expect(held("价格是4111")).toBe("4111");
  });

  it("holds key prefixes, partial placeholders and emails being typed as words", () => {
    expect(held("key: sk-")).toBe("sk-");
    expect(held("hello [EMAIL_")).toBe("[EMAIL_");
    expect(held("write to john.doe@exa")).toBe("john.doe@exa");
  });

  it("holds an open PEM block across lines, and lets it go once closed", () => {
    const open = "here:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow IBAAK\n";
    expect(held(open)).toBe(open.slice(6));
    expect(held(`${open}-----END RSA PRIVATE KEY-----\n`)).toBe("");
  });

  it("never holds more than the limits, and never before `from`", () => {
    const word = "x".repeat(300);
    const r = holdBackStart({ text: `a ${word}`, from: 0, limits: { holdBackLimit: 256, blockHoldBackLimit: 4096 } });
    expect(r).toMatchObject({ reason: "word", capped: true });
    expect(word.length + 2 - r.start).toBe(256);
    const key = `sk-${"A".repeat(1000)}`;
    expect(held(`k ${key}`)).toBe(key); // a key-like token gets the larger limit
    expect(holdBackStart({ text: "abc def", from: 6 }).start).toBe(6);
  });

  it("releases a plain word closed by punctuation at once, but not one that may be a `key: value` secret's value", () => {
    for (const text of ["Sure!", "Hello,", "Well;", "Really?", "(see below)", "Yes, of course!"]) expect(held(text)).toBe("");
    // Not finished: a word without its mark, marks that emails, numbers and domains hold, key prefixes, values.
    expect(held("Sure")).toBe("Sure");
    for (const word of ["john.", "e.g.", "U.S.", "sk!", "AKIA,", "eyJ,", "jsmith@", "1,", "A1!", "don't!", "x".repeat(20) + "!"]) {
      expect(held(`note ${word}`), word).toBe(word);
    }
    for (const before of ["password: ", "token=", "api_key => ", "secret:", "pwd = ", "DB_PASSWORD_PROD: '", "my.apiKey := "]) {
      expect(held(`${before}Hello!`).endsWith("Hello!"), before).toBe(true);
    }
    // Prose after any other colon is prose: "Note:", "Echo:", a heading.
    for (const before of ["Note: ", "Echo: ", "Answer:\n", "the password is "]) expect(held(`${before}Hello!`), before).toBe("");
  });

  it('with holdWords "suspicious", releases plain words at once but still holds anything key-like', () => {
    const limits = { holdBackLimit: 256, blockHoldBackLimit: 4096, holdWords: "suspicious" as const };
    const heldS = (text: string) => text.slice(holdBackStart({ text, from: 0, limits }).start);
    expect(heldS("Hello")).toBe("");
    expect(heldS("Sure, the answer,")).toBe("");
    for (const word of ["s", "sk", "gh", "github", "AKI", "AKIAXYZ", "e", "ey", "john.d", "a1", "AbCd", "[EMAIL", "x".repeat(20)]) {
      expect(heldS(`note ${word}`)).toBe(word);
    }
    expect(heldS("card 4111")).toBe("4111");
  });
});
