/** Placeholder replaced below. */
export const DEMO_PASSWORD = 'jalur-demo';
export const DEMO_ACCOUNTS: string[] = [];
export interface SeedOptions { workflowsDir: string; now: Date }
export interface SeedSummary { seeded: boolean }
export async function seedDemo(_db: unknown, _opts: SeedOptions): Promise<SeedSummary> { return { seeded: false }; }
