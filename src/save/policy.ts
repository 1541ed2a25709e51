// The administrator's policy as deployed now: read from storage.managed (src/platform/managed-storage.ts), checked
// here (./managed.ts), so that platform/ knows nothing of the policy's keys.
import { readManagedStorage } from '../platform/managed-storage';
import { checkPolicy, type CheckedPolicy } from './managed';

/** The checked policy; no policy at all is an empty one. */
export async function readPolicy(): Promise<CheckedPolicy> {
  return checkPolicy(await readManagedStorage());
}
