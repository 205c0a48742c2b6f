/**
 * Runs the TypeScript CLI (src/cli/main.ts, through tsx) on many argument lists in one process,
 * for bundle-matches-source.test.ts: a tsx process costs about a second of CPU to start, a case
 * here a few milliseconds. Usage: node --import tsx run-source-cases.ts '<JSON array of argv arrays>'.
 * Prints one JSON array of { status, stdout, stderr } (the two streams base64-encoded, as bytes).
 *
 * Each case imports main.ts afresh (a new query string makes a new module instance, which runs
 * main() again) with process.argv set to the case, and keeps what it writes to process.stdout
 * and process.stderr; its exit status is the process.exitCode it sets. The test checks on a few
 * cases that this gives exactly what a separate `node --import tsx src/cli/main.ts` process prints.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const cases = JSON.parse(process.argv[2] ?? '[]') as string[][];
const mainFile = path.resolve(import.meta.dirname, '../main.ts');
const mainUrl = pathToFileURL(mainFile).href;
const argv0 = process.argv[0]!;
const stdoutWrite = process.stdout.write;
const stderrWrite = process.stderr.write;
// main.ts adds one 'error' listener to stdout per run.
process.stdout.setMaxListeners(0);

type Write = typeof process.stdout.write;
function capture(sink: Buffer[]): Write {
  return ((chunk: string | Uint8Array, encoding?: BufferEncoding | ((e?: Error | null) => void), done?: (e?: Error | null) => void) => {
    sink.push(typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : Buffer.from(chunk));
    (typeof encoding === 'function' ? encoding : done)?.();
    return true;
  }) as Write;
}

const results: { status: number; stdout: string; stderr: string }[] = [];
for (const [i, args] of cases.entries()) {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  process.argv = [argv0, mainFile, ...args];
  process.exitCode = undefined;
  process.stdout.write = capture(out);
  process.stderr.write = capture(err);
  try {
    await import(`${mainUrl}?case=${i}`);
  } finally {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
  }
  results.push({ status: Number(process.exitCode ?? 0), stdout: Buffer.concat(out).toString('base64'), stderr: Buffer.concat(err).toString('base64') });
}
process.exitCode = 0;
process.stdout.write(JSON.stringify(results));
