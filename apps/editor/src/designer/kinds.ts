/**
 * How each step kind looks and starts out: icon, colour, the roles a new step
 * of that kind gets, and its default key. One entry per `STEP_KINDS` member.
 */
import type { LucideIcon } from 'lucide-react';
import {
  Activity,
  Banknote,
  CircleCheck,
  ClipboardList,
  ExternalLink,
  GitBranch,
  HeartHandshake,
  House,
  MessagesSquare,
  Puzzle,
  Search,
  Trophy,
  User,
  Users,
  UsersRound,
  Handshake,
} from 'lucide-react';
import type { Confidentiality, Role, StepKind } from '@jalur/engine';

export interface KindLook {
  icon: LucideIcon;
  /** Accent colour of the node border and icon chip. */
  color: string;
  /** Default key for a new step of this kind (made unique on insert). */
  key: string;
  roles: Role[];
  confidentiality: Confidentiality;
  dueInDays?: number;
  title: { id: string; en: string };
}

export const KIND_LOOK: Record<StepKind, KindLook> = {
  identify: { icon: Search, color: '#2563eb', key: 'identifikasi', roles: ['guru_bk', 'wali_kelas'], confidentiality: 'terbatas', dueInDays: 5, title: { id: 'Identifikasi', en: 'Identify' } },
  assessment: { icon: ClipboardList, color: '#0891b2', key: 'asesmen', roles: ['guru_bk'], confidentiality: 'terbatas', dueInDays: 7, title: { id: 'Asesmen', en: 'Assessment' } },
  counseling_individual: { icon: User, color: '#7c3aed', key: 'konseling_individual', roles: ['guru_bk'], confidentiality: 'rahasia', dueInDays: 7, title: { id: 'Konseling individual', en: 'Individual counseling' } },
  counseling_group: { icon: Users, color: '#9333ea', key: 'konseling_kelompok', roles: ['guru_bk'], confidentiality: 'terbatas', dueInDays: 14, title: { id: 'Konseling kelompok', en: 'Group counseling' } },
  home_visit: { icon: House, color: '#ea580c', key: 'kunjungan_rumah', roles: ['guru_bk', 'wali_kelas'], confidentiality: 'terbatas', dueInDays: 10, title: { id: 'Kunjungan rumah', en: 'Home visit' } },
  case_conference: { icon: MessagesSquare, color: '#be123c', key: 'konferensi_kasus', roles: ['guru_bk', 'kepsek'], confidentiality: 'rahasia', dueInDays: 7, title: { id: 'Konferensi kasus', en: 'Case conference' } },
  parent_meeting: { icon: Handshake, color: '#c2410c', key: 'pertemuan_orang_tua', roles: ['guru_bk', 'wali_kelas'], confidentiality: 'terbatas', dueInDays: 7, title: { id: 'Pertemuan orang tua', en: 'Parent meeting' } },
  funding: { icon: Banknote, color: '#15803d', key: 'penggalangan_dana', roles: ['kepsek'], confidentiality: 'terbatas', dueInDays: 14, title: { id: 'Bantuan dana', en: 'Funding' } },
  foster_parent: { icon: HeartHandshake, color: '#16a34a', key: 'orang_tua_asuh', roles: ['kepsek', 'guru_bk'], confidentiality: 'terbatas', dueInDays: 30, title: { id: 'Orang tua asuh', en: 'Foster parent' } },
  peer_support: { icon: UsersRound, color: '#0d9488', key: 'konselor_sebaya', roles: ['guru_bk'], confidentiality: 'rahasia', dueInDays: 14, title: { id: 'Konselor sebaya', en: 'Peer support' } },
  extracurricular: { icon: Trophy, color: '#ca8a04', key: 'ekstrakurikuler', roles: ['wali_kelas'], confidentiality: 'umum', dueInDays: 30, title: { id: 'Ekstrakurikuler', en: 'Extracurricular' } },
  referral: { icon: ExternalLink, color: '#dc2626', key: 'referal', roles: ['guru_bk', 'kepsek'], confidentiality: 'rahasia', dueInDays: 14, title: { id: 'Rujukan', en: 'Referral' } },
  monitoring: { icon: Activity, color: '#0284c7', key: 'pemantauan', roles: ['guru_bk', 'wali_kelas'], confidentiality: 'umum', title: { id: 'Pemantauan', en: 'Monitoring' } },
  decision: { icon: GitBranch, color: '#4f46e5', key: 'keputusan', roles: ['guru_bk', 'kepsek'], confidentiality: 'terbatas', title: { id: 'Keputusan', en: 'Decision' } },
  closure: { icon: CircleCheck, color: '#475569', key: 'selesai', roles: ['guru_bk'], confidentiality: 'umum', title: { id: 'Kasus ditutup', en: 'Case closed' } },
  custom: { icon: Puzzle, color: '#64748b', key: 'langkah', roles: ['guru_bk'], confidentiality: 'umum', title: { id: 'Langkah lain', en: 'Other step' } },
};
