// The repo's tsconfig targets workerd, so the eval scripts reach Node built-ins through
// process.getBuiltinModule with the few signatures they need declared here, once.

interface NodeProcess {
  getBuiltinModule(id: string): unknown;
  exit(code: number): never;
  env: Record<string, string | undefined>;
}
interface NodeFs {
  existsSync(path: string): boolean;
  readFileSync(path: string, encoding: "utf8"): string;
}
interface NodeUrl {
  fileURLToPath(url: string | URL): string;
}
interface NodeModule {
  createRequire(from: string): (id: string) => unknown;
}

export const proc: NodeProcess = (globalThis as unknown as { process: NodeProcess }).process;
export const fs = proc.getBuiltinModule("node:fs") as NodeFs;
const url = proc.getBuiltinModule("node:url") as NodeUrl;
// Workers' type definitions do not declare import.meta.url; tsx (Node ESM) always provides it.
const HERE = (import.meta as unknown as { url: string }).url;

/** A path relative to this folder (bench/eval/). */
export function pathFromHere(relative: string): string {
  return url.fileURLToPath(new URL(relative, HERE));
}

export const requireCjs = (proc.getBuiltinModule("node:module") as NodeModule).createRequire(HERE);
