/** A criterion as the builder edits it: numbers stay the text typed, so a bad value is shown back, not lost. */
export type CriterionNode =
  | { kind: 'all' | 'any'; items: CriterionNode[] }
  | { kind: 'not'; item: CriterionNode }
  | { kind: 'experience'; minYears: string }
  | { kind: 'ceHours'; minHours: string; category: string; withinMonths: string }
  | { kind: 'credential'; program: string }
  | { kind: 'membership'; status: string[]; levels: string }
  | { kind: 'answer'; field: string; test: 'equals' | 'oneOf' | 'atLeast'; value: string };

export type CriterionKind = CriterionNode['kind'];

export const criterionKinds: { value: CriterionKind; label: string }[] = [
  { value: 'all', label: 'All of' },
  { value: 'any', label: 'Any of' },
  { value: 'not', label: 'Not' },
  { value: 'experience', label: 'Years of experience' },
  { value: 'ceHours', label: 'CE hours' },
  { value: 'credential', label: 'Holds a credential' },
  { value: 'membership', label: 'Membership' },
  { value: 'answer', label: 'Application answer' },
];

export const membershipStatuses = ['Active', 'PendingNew', 'PendingRenewal', 'Lapsed', 'Suspended', 'RemovedFromAms'];

export function blank(kind: CriterionKind): CriterionNode {
  switch (kind) {
    case 'all': case 'any': return { kind, items: [blank('experience')] };
    case 'not': return { kind, item: blank('membership') };
    case 'experience': return { kind, minYears: '' };
    case 'ceHours': return { kind, minHours: '', category: '', withinMonths: '' };
    case 'credential': return { kind, program: '' };
    case 'membership': return { kind, status: [], levels: '' };
    case 'answer': return { kind, field: '', test: 'equals', value: '' };
  }
}

// A number when the text is one; otherwise the text itself, so the hub names what is wrong with it.
const numberOr = (text: string): unknown => (text.trim() !== '' && !Number.isNaN(Number(text)) ? Number(text) : text);
const answerValue = (text: string): unknown => (text === 'true' ? true : text === 'false' ? false : numberOr(text.trim()));
const list = (text: string) => text.split(',').map(s => s.trim()).filter(Boolean);

/** The criteria document the hub stores (EligibilityCriteria.schema.json). */
export function toJson(node: CriterionNode): unknown {
  switch (node.kind) {
    case 'all': case 'any': return { [node.kind]: node.items.map(toJson) };
    case 'not': return { not: toJson(node.item) };
    case 'experience': return { experience: { minYears: numberOr(node.minYears) } };
    case 'ceHours': return {
      ceHours: {
        minHours: numberOr(node.minHours),
        ...(node.category.trim() ? { category: node.category.trim() } : {}),
        ...(node.withinMonths.trim() ? { withinMonths: numberOr(node.withinMonths) } : {}),
      },
    };
    case 'credential': return { credential: { program: node.program.trim() } };
    case 'membership': return {
      membership: {
        ...(node.status.length ? { status: node.status } : {}),
        ...(list(node.levels).length ? { levels: list(node.levels) } : {}),
      },
    };
    case 'answer': return {
      answer: { field: node.field.trim(), [node.test]: node.test === 'oneOf' ? list(node.value).map(answerValue) : answerValue(node.value) },
    };
  }
}

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** The builder's tree for a stored criteria document. */
export function fromJson(json: unknown): CriterionNode {
  const [kind, body] = Object.entries(json as Record<string, unknown>)[0] ?? ['all', []];
  const b = (body ?? {}) as Record<string, unknown>;
  switch (kind) {
    case 'all': case 'any': return { kind, items: (body as unknown[]).map(fromJson) };
    case 'not': return { kind: 'not', item: fromJson(body) };
    case 'experience': return { kind, minYears: text(b.minYears) };
    case 'ceHours': return { kind, minHours: text(b.minHours), category: text(b.category), withinMonths: text(b.withinMonths) };
    case 'credential': return { kind, program: text(b.program) };
    case 'membership': return { kind, status: (b.status as string[]) ?? [], levels: ((b.levels as string[]) ?? []).join(', ') };
    default: {
      const test = 'oneOf' in b ? 'oneOf' : 'atLeast' in b ? 'atLeast' : 'equals';
      const value = b[test];
      return { kind: 'answer', field: text(b.field), test, value: Array.isArray(value) ? value.map(text).join(', ') : text(value) };
    }
  }
}
