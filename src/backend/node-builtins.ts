/**
 * Node built-ins reached without an `import` statement, so browser bundles never see `node:*`
 * specifiers. `process.getBuiltinModule` exists from Node 20.16; elsewhere these return undefined.
 */

/** The slice of `node:module` we use. */
export interface NodeModuleApi {
  register(specifier: string): void;
  createRequire(from: string): { resolve(id: string): string };
}

/** `node:module`, when running under Node; undefined in browsers and workers. */
export function nodeModuleApi(): NodeModuleApi | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return proc?.getBuiltinModule?.('node:module') as NodeModuleApi | undefined;
}
