#!/usr/bin/env node
// The `openbat` executable: `npx openbat verify`. Node only; the logic lives in cli.ts.
import { runCli } from "./cli.js";

const processLike = globalThis as unknown as {
  process: { argv: string[]; env: Record<string, string | undefined>; exitCode?: number };
};
const { process } = processLike;
process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  print: (line) => console.log(line),
  error: (line) => console.error(line),
});
