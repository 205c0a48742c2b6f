/**
 * JSON.parse's messages differ between engines and often carry no position at all
 * ("Unexpected token '}', ... is not valid JSON"), and a hand-edited scenario file needs a
 * line and column to be fixable. This scanner re-reads text that JSON.parse refused and
 * reports where and why it stopped, in words that suggest the usual fixes.
 */

export interface JsonSyntaxProblem {
  problem: string;
  line: number;
  column: number;
}

class Stop {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {}
}

const MAX_NESTING = 512;

function describeChar(ch: string | undefined): string {
  if (ch === undefined) return 'end of text';
  return JSON.stringify(ch);
}

class Scanner {
  private pos = 0;
  constructor(private readonly text: string) {}

  run(): void {
    this.value(0);
    this.space();
    if (this.pos < this.text.length) {
      throw new Stop(this.pos, `unexpected ${describeChar(this.text[this.pos])} after the end of the JSON value`);
    }
  }

  private space(): void {
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
        this.pos++;
      } else if (ch === '/' && (this.text[this.pos + 1] === '/' || this.text[this.pos + 1] === '*')) {
        throw new Stop(this.pos, 'JSON does not allow comments');
      } else {
        return;
      }
    }
  }

  private value(depth: number): void {
    if (depth > MAX_NESTING) throw new Stop(this.pos, 'nested too deeply');
    this.space();
    const ch = this.text[this.pos];
    if (ch === '{') return this.object(depth);
    if (ch === '[') return this.array(depth);
    if (ch === '"') return this.string();
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return;
      }
    }
    if (ch === "'") throw new Stop(this.pos, 'JSON strings need double quotes, not single quotes');
    if (ch === undefined) throw new Stop(this.pos, 'unexpected end of text (something is not closed)');
    throw new Stop(this.pos, `unexpected ${describeChar(ch)} where a value should be`);
  }

  private object(depth: number): void {
    this.pos++; // {
    this.space();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return;
    }
    for (;;) {
      this.space();
      const ch = this.text[this.pos];
      if (ch !== '"') {
        if (ch === '}') throw new Stop(this.pos, 'a trailing comma before "}" is not allowed in JSON');
        if (ch === undefined) throw new Stop(this.pos, 'unexpected end of text (an object is not closed)');
        throw new Stop(this.pos, `expected a property name in double quotes, found ${describeChar(ch)}`);
      }
      this.string();
      this.space();
      if (this.text[this.pos] !== ':') {
        throw new Stop(this.pos, `expected ":" after a property name, found ${describeChar(this.text[this.pos])}`);
      }
      this.pos++;
      this.value(depth + 1);
      this.space();
      const next = this.text[this.pos];
      if (next === '}') {
        this.pos++;
        return;
      }
      if (next !== ',') {
        throw new Stop(this.pos, `expected "," or "}" after a property value, found ${describeChar(next)}`);
      }
      this.pos++;
    }
  }

  private array(depth: number): void {
    this.pos++; // [
    this.space();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return;
    }
    for (;;) {
      this.space();
      if (this.text[this.pos] === ']') throw new Stop(this.pos, 'a trailing comma before "]" is not allowed in JSON');
      this.value(depth + 1);
      this.space();
      const next = this.text[this.pos];
      if (next === ']') {
        this.pos++;
        return;
      }
      if (next !== ',') {
        throw new Stop(this.pos, `expected "," or "]" after a list element, found ${describeChar(next)}`);
      }
      this.pos++;
    }
  }

  private string(): void {
    const opening = this.pos;
    this.pos++;
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === undefined) throw new Stop(opening, 'a string that starts here is never closed');
      if (ch === '"') {
        this.pos++;
        return;
      }
      if (ch === '\\') {
        const esc = this.text[this.pos + 1];
        if (esc === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) {
            throw new Stop(this.pos, 'a \\u escape needs four hex digits');
          }
          this.pos += 6;
        } else if (esc !== undefined && '"\\/bfnrt'.includes(esc)) {
          this.pos += 2;
        } else {
          throw new Stop(this.pos, `invalid escape ${describeChar(`\\${esc ?? ''}`)} in a string`);
        }
        continue;
      }
      if (ch < ' ') {
        throw new Stop(this.pos, ch === '\n' || ch === '\r' ? 'a line break inside a string (write it as \\n)' : 'a control character inside a string');
      }
      this.pos++;
    }
  }

  private number(): void {
    const match = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(this.text.slice(this.pos, this.pos + 400));
    if (!match || match[0] === '-') throw new Stop(this.pos, 'a malformed number');
    this.pos += match[0].length;
    const next = this.text[this.pos];
    if (next !== undefined && /[0-9]/.test(next)) throw new Stop(this.pos, 'a number with a leading zero');
    if (next !== undefined && /[A-Za-z_.]/.test(next)) {
      throw new Stop(this.pos, 'a malformed number (hex and sizes like "128M" must be written as strings)');
    }
  }
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Where and why `text` is not JSON; null when it is. */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | null {
  try {
    new Scanner(text).run();
    return null;
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    return { problem: e.problem, ...lineAndColumn(text, e.offset) };
  }
}
