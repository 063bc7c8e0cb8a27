/**
 * Every fuzz target by group (`loader`, `decoder`, `service`; `selftest` is the harness's own).
 * Groups load lazily, so a worker running loaders never starts tfjs.
 */
import type { AnyTarget } from '../types.ts';

const GROUPS: Record<string, () => Promise<AnyTarget[]>> = {
  loader: async () => {
    const [interactions, graph, text, chunking, options] = await Promise.all([
      import('./interactions.ts'),
      import('./graph.ts'),
      import('./text-loaders.ts'),
      import('./chunking.ts'),
      import('./loader-options.ts'),
    ]);
    return [
      ...interactions.INTERACTION_TARGETS,
      graph.GRAPH_TARGET,
      ...text.TEXT_LOADER_TARGETS,
      chunking.CHUNKING_TARGET,
      options.LOADER_OPTIONS_TARGET,
    ];
  },
  decoder: async () => [
    ...(await import('./decoders.ts')).DECODER_TARGETS,
    (await import('./course-wire.ts')).COURSE_WIRE_TARGET,
    (await import('./rpc-error.ts')).RPC_ERROR_TARGET,
    (await import('./bundles.ts')).FEED_BUNDLE_TARGET,
  ],
  service: async () => [
    ...(await import('./services.ts')).SERVICE_TARGETS,
    ...(await import('./systems.ts')).SYSTEM_TARGETS,
  ],
  selftest: async () => {
    const { SELFTEST_TARGET, LAST_HANG_TARGET } = await import('./selftest.ts');
    return [SELFTEST_TARGET, LAST_HANG_TARGET];
  },
};

/** The suite's groups, in order. */
export const SUITE_GROUPS = ['loader', 'decoder', 'service'] as const;

/** Names of the targets of `groups` (default: the whole suite), in order. */
export async function targetNames(groups: readonly string[] = SUITE_GROUPS): Promise<string[]> {
  const names: string[] = [];
  for (const g of groups) for (const t of await groupOf(g)()) names.push(t.name);
  return names;
}

/** The target called `name` (`<group>.…`). */
export async function findTarget(name: string): Promise<AnyTarget> {
  const target = (await groupOf(name.split('.')[0])()).find((t) => t.name === name);
  if (!target) throw new Error(`no fuzz target '${name}'`);
  return target;
}

function groupOf(group: string): () => Promise<AnyTarget[]> {
  if (!Object.hasOwn(GROUPS, group))
    throw new Error(`no fuzz group '${group}' (groups: ${Object.keys(GROUPS).join(', ')})`);
  return GROUPS[group];
}
