/**
 * The pathway document's plain lists and limits, without zod: document.ts
 * builds its schemas from them and re-exports them. A browser page that only
 * needs a list (the case page's risk factors) imports nothing that builds a
 * schema, so zod stays out of its code (issue 17).
 */
export const PATHWAY_FORMAT = 'jalur.pathway/1';

/** Limits that keep documents from strangers cheap to check. */
export const DOCUMENT_LIMITS = {
  maxStates: 2000,
  maxDepth: 12,
  maxStringLength: 4000,
  maxBytes: 2_000_000,
} as const;

export const ROLES = ['kepsek', 'guru_bk', 'wali_kelas', 'admin_dinas', 'tim'] as const;

export const STEP_KINDS = [
  'identify',
  'assessment',
  'counseling_individual',
  'counseling_group',
  'home_visit',
  'case_conference',
  'parent_meeting',
  'funding',
  'foster_parent',
  'peer_support',
  'extracurricular',
  'referral',
  'monitoring',
  'decision',
  'closure',
  'custom',
] as const;

export const CONFIDENTIALITY = ['umum', 'terbatas', 'rahasia'] as const;

/** Risk factors a case can carry (seed 002 plus the field's other causes). */
export const RISK_FACTORS = [
  'motivation', 'economic', 'family', 'bullying', 'distance', 'environment', 'social_media', 'early_marriage', 'work', 'health', 'other',
] as const;
