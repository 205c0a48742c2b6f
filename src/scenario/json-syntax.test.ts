import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxProblem, lineAndColumn } from './json-syntax';

describe('findJsonSyntaxProblem', () => {
  it.each([
    ['{"a":}', 'unexpected "}" where a value should be', 1, 6],
    ['{"a":1,}', 'a trailing comma before "}" is not allowed in JSON', 1, 8],
    ['[1,2,]', 'a trailing comma before "]" is not allowed in JSON', 1, 6],
    ['{\n  "a": 1\n  "b": 2\n}', 'expected "," or "}" after a property value, found "\\""', 3, 3],
    ['{"a": "x', 'a string that starts here is never closed', 1, 7],
    ['[1,2', 'expected "," or "]" after a list element, found end of text', 1, 5],
    ['', 'unexpected end of text (something is not closed)', 1, 1],
    ['tru', 'unexpected "t" where a value should be', 1, 1],
    ["{'a': 1}", 'expected a property name in double quotes, found "\'"', 1, 2],
    ['{"start": 0x140000000}', 'a malformed number (hex and sizes like "128M" must be written as strings)', 1, 12],
    ['{"a": 1} x', 'unexpected "x" after the end of the JSON value', 1, 10],
    ['{"a": 1 // note\n}', 'JSON does not allow comments', 1, 9],
    ['{"a": "x\ny"}', 'a line break inside a string (write it as \\n)', 1, 9],
    ['{"a": "\\q"}', 'invalid escape "\\\\q" in a string', 1, 8],
    ['[01]', 'a number with a leading zero', 1, 3],
  ])('%j: %s at %i:%i', (text, problem, line, column) => {
    expect(JSON.parse.bind(null, text)).toThrow();
    expect(findJsonSyntaxProblem(text)).toEqual({ problem, line, column });
  });

  it('accepts whatever JSON.parse accepts', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2, '\t'), (value, indent) => {
        expect(findJsonSyntaxProblem(JSON.stringify(value, null, indent))).toBeNull();
      }),
    );
  });

  it('refuses whatever JSON.parse refuses', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12, unit: fc.constantFrom(...'{}[]:,"\\ 0-1.e truefalsn\n') }), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(findJsonSyntaxProblem(text) === null).toBe(valid);
      }),
      { numRuns: 2000 },
    );
  });

  it('survives deep nesting', () => {
    expect(findJsonSyntaxProblem('['.repeat(100000))?.problem).toBe('nested too deeply');
  });
});

describe('lineAndColumn', () => {
  it('counts from 1', () => {
    expect(lineAndColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
