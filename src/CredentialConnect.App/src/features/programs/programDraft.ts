import type { Schemas } from '../../api/client';
import { fromJson, toJson, type CriterionNode } from './criteria';

export type CeCategoryDraft = { category: string; minimumHours: string; maximumHours: string };

/** A program as the editor holds it: text as typed, turned into the hub's shape only when sent. */
export type ProgramDraft = {
  code: string;
  name: string;
  kind: Schemas['ProgramKind'];
  description: string;
  criteriaNarrative: string;
  validityPeriod: string;
  examRequired: boolean;
  criteria: CriterionNode | null;
  hasCycle: boolean;
  totalCeHours: string;
  gracePeriodDays: string;
  categories: CeCategoryDraft[];
  applicationForm: string;
};

export const newDraft: ProgramDraft = {
  code: '', name: '', kind: 'Certification', description: '', criteriaNarrative: '', validityPeriod: 'P3Y', examRequired: false,
  criteria: null, hasCycle: false, totalCeHours: '', gracePeriodDays: '', categories: [], applicationForm: '',
};

const text = (v: number | string | null | undefined) => (v === undefined || v === null ? '' : String(v));

export function draftOf(p: Schemas['ProgramResponse']): ProgramDraft {
  const r = p.recertification;
  return {
    code: p.code, name: p.name, kind: p.kind, description: p.description, criteriaNarrative: p.criteriaNarrative,
    validityPeriod: p.validityPeriod ?? '', examRequired: p.examRequired,
    criteria: p.eligibilityCriteria ? fromJson(p.eligibilityCriteria) : null,
    hasCycle: !!r, totalCeHours: text(r?.totalCeHours), gracePeriodDays: text(r?.gracePeriodDays),
    categories: (r?.categories ?? []).map(c => ({ category: c.category, minimumHours: text(c.minimumHours), maximumHours: text(c.maximumHours) })),
    applicationForm: p.applicationForm ? JSON.stringify(p.applicationForm, null, 2) : '',
  };
}

// Empty is "not set"; a number is sent as one; anything else is sent as typed so the hub says what is wrong.
const optional = (t: string) => (t.trim() === '' ? null : Number.isNaN(Number(t)) ? t : Number(t));
const required = (t: string) => (Number.isNaN(Number(t)) || t.trim() === '' ? t : Number(t));

/** The application form as JSON; undefined when the text is not JSON (the editor says so before sending). */
export function parseForm(text: string): { value: unknown } | undefined {
  if (!text.trim()) return { value: null };
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/** The body of a create or replace: the draft over what was read, so fields the editor does not show are kept. */
export function writeOf(d: ProgramDraft, read: Schemas['ProgramResponse'] | undefined, version: number | undefined): Schemas['ProgramWrite'] {
  const cycle = read?.recertification;
  return {
    code: d.code.trim(), name: d.name, kind: d.kind, description: d.description, criteriaNarrative: d.criteriaNarrative,
    badgeImageUrl: read?.badgeImageUrl ?? null, validityPeriod: d.validityPeriod.trim() || null, examRequired: d.examRequired,
    prerequisiteProgramIds: read?.prerequisiteProgramIds ?? [], exam: read?.exam ?? null, isPathway: read?.isPathway ?? false,
    eligibilityCriteria: (d.criteria ? toJson(d.criteria) : null) as Schemas['ProgramWrite']['eligibilityCriteria'],
    applicationForm: (parseForm(d.applicationForm)?.value ?? null) as Schemas['ProgramWrite']['applicationForm'],
    recertification: d.hasCycle
      ? {
        ...(cycle ? { expiringNoticeDays: cycle.expiringNoticeDays, reinstatement: cycle.reinstatement, reinstatementWindowDays: cycle.reinstatementWindowDays, auditSamplePercent: cycle.auditSamplePercent } : {}),
        totalCeHours: required(d.totalCeHours) as number,
        gracePeriodDays: optional(d.gracePeriodDays) as number | null,
        categories: d.categories.map(c => ({
          category: c.category, minimumHours: optional(c.minimumHours) as number | null, maximumHours: optional(c.maximumHours) as number | null,
        })),
      }
      : null,
    version: version ?? null,
  };
}
