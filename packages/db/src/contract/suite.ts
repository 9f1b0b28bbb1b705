/** The repository contract: every driver runs all of it against a real database. */
import { accessContract } from './access.contract.ts';
import { caseContract } from './cases.contract.ts';
import { caseworkContract } from './casework.contract.ts';
import { dataContract } from './data.contract.ts';
import type { Harness } from './fixtures.ts';

export type { Harness } from './fixtures.ts';

/** Registers the whole contract suite for one driver. */
export function repositoryContract(h: Harness): void {
  caseContract(h);
  accessContract(h);
  dataContract(h);
  caseworkContract(h);
}
