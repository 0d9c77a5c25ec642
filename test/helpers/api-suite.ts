import { afterAll, beforeAll } from 'vitest';
import { createWorld, PASSWORD } from './fixtures.ts';
import { ApiCaller } from './http.ts';
import { startTestSystem, type TestSystem } from './test-system.ts';

type SystemOptions = Parameters<typeof startTestSystem>[0];
type WorldOptions = Parameters<typeof createWorld>[1];
export type World = Awaited<ReturnType<typeof createWorld>>;

/**
 * One API test file's world: the system (API, worker, database, mail) with
 * the file's durations, its own fixtures, stopped after the file. Its fields
 * are there once the file's tests run.
 */
export function apiSuite(options: { system?: SystemOptions; world?: WorldOptions } = {}) {
  const state = {} as { sys: TestSystem; world: World };
  beforeAll(async () => {
    state.sys = await startTestSystem(options.system);
    state.world = await createWorld(state.sys.db, options.world);
  });
  afterAll(() => state.sys?.stop());
  return {
    get sys() {
      return state.sys;
    },
    get world() {
      return state.world;
    },
    /** A signed-in caller for one of the world's users. */
    as: (user: { username: string }) => ApiCaller.signIn(state.sys.app, user.username, PASSWORD),
  };
}
