import { Button, Group, MultiSelect, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { blank, criterionKinds, membershipStatuses, type CriterionKind, type CriterionNode } from './criteria';
import { errorAt, type FieldErrors } from './fieldErrors';
import { QualifyingCount } from './QualifyingCount';

type NodeProps = {
  node: CriterionNode;
  path: string;
  errors?: FieldErrors;
  onChange: (node: CriterionNode) => void;
  onRemove?: () => void;
  depth: number;
};

const kindLabel = (kind: CriterionKind) => criterionKinds.find(k => k.value === kind)!.label;

/** Eligibility criteria as nested all / any / not groups of single criteria, with who would qualify as edited. */
export function CriteriaBuilder({ value, onChange, errors, programId, applicationForm }: {
  value: CriterionNode | null;
  onChange: (node: CriterionNode | null) => void;
  errors?: FieldErrors;
  programId?: string;
  applicationForm: unknown;
}) {
  return (
    <Stack gap="sm">
      <QualifyingCount criteria={value} programId={programId} applicationForm={applicationForm} />
      {value === null ? (
        <Group>
          <Text size="sm">No criteria: every member qualifies.</Text>
          <Button size="xs" variant="default" onClick={() => onChange(blank('all'))}>Add criteria</Button>
        </Group>
      ) : (
        <CriterionEditor node={value} path="eligibilityCriteria" errors={errors} onChange={onChange} onRemove={() => onChange(null)} depth={0} />
      )}
    </Stack>
  );
}

function CriterionEditor({ node, path, errors, onChange, onRemove, depth }: NodeProps) {
  const at = `${path}.${node.kind}`;
  const own = [errorAt(errors, path), errorAt(errors, at)].filter(Boolean).join(' ');
  const field = (name: string) => errorAt(errors, `${at}.${name}`);
  const described = depth === 0 ? 'Criteria' : `Criterion ${path.replace('eligibilityCriteria.', '')}`;

  return (
    <Paper withBorder p="sm" role="group" aria-label={described} style={{ borderLeftWidth: depth > 0 ? 3 : 1 }}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Select label="Criterion type" size="xs" w={200} allowDeselect={false} data={criterionKinds} value={node.kind}
            comboboxProps={{ transitionProps: { duration: 0 } }}
            onChange={k => k && k !== node.kind && onChange(blank(k as CriterionKind))} />
          {onRemove && <Button size="xs" variant="default" onClick={onRemove} aria-label={`Remove ${kindLabel(node.kind)} criterion`}>Remove</Button>}
        </Group>
        {own && <Text size="sm" c="red.9" role="alert">{own}</Text>}
        {(node.kind === 'all' || node.kind === 'any') && (
          <Stack gap="xs" pl={{ base: 4, sm: 'md' }}>
            {node.items.map((item, i) => (
              <CriterionEditor key={i} node={item} path={`${at}[${i}]`} errors={errors} depth={depth + 1}
                onChange={n => onChange({ ...node, items: node.items.map((x, j) => (j === i ? n : x)) })}
                onRemove={node.items.length > 1 ? () => onChange({ ...node, items: node.items.filter((_, j) => j !== i) }) : undefined} />
            ))}
            <Group gap="xs">
              <Button size="xs" variant="default" onClick={() => onChange({ ...node, items: [...node.items, blank('experience')] })}>
                Add criterion to “{kindLabel(node.kind)}”
              </Button>
            </Group>
          </Stack>
        )}
        {node.kind === 'not' && (
          <CriterionEditor node={node.item} path={at} errors={errors} depth={depth + 1} onChange={n => onChange({ ...node, item: n })} />
        )}
        {node.kind === 'experience' && (
          <TextInput label="Minimum years of experience" inputMode="decimal" w={220} value={node.minYears} error={field('minYears')}
            onChange={e => onChange({ ...node, minYears: e.currentTarget.value })} />
        )}
        {node.kind === 'ceHours' && (
          <Group gap="sm" align="flex-start">
            <TextInput label="Minimum CE hours" inputMode="decimal" w={160} value={node.minHours} error={field('minHours')}
              onChange={e => onChange({ ...node, minHours: e.currentTarget.value })} />
            <TextInput label="In category" description="Empty: any category" w={180} value={node.category} error={field('category')}
              onChange={e => onChange({ ...node, category: e.currentTarget.value })} />
            <TextInput label="Within months" description="Empty: ever" inputMode="numeric" w={140} value={node.withinMonths} error={field('withinMonths')}
              onChange={e => onChange({ ...node, withinMonths: e.currentTarget.value })} />
          </Group>
        )}
        {node.kind === 'credential' && (
          <TextInput label="Program code held, active" w={220} value={node.program} error={field('program')}
            onChange={e => onChange({ ...node, program: e.currentTarget.value.toUpperCase() })} />
        )}
        {node.kind === 'membership' && (
          <Group gap="sm" align="flex-start">
            <MultiSelect label="Membership status is one of" w={260} data={membershipStatuses} value={node.status} error={field('status')}
              comboboxProps={{ transitionProps: { duration: 0 } }} onChange={status => onChange({ ...node, status })} />
            <TextInput label="Level is one of" description="Comma-separated" w={220} value={node.levels} error={field('levels')}
              onChange={e => onChange({ ...node, levels: e.currentTarget.value })} />
          </Group>
        )}
        {node.kind === 'answer' && (
          <Group gap="sm" align="flex-start">
            <TextInput label="Form field" w={180} value={node.field} error={field('field')}
              onChange={e => onChange({ ...node, field: e.currentTarget.value })} />
            <Select label="Test" w={150} allowDeselect={false} value={node.test} comboboxProps={{ transitionProps: { duration: 0 } }}
              data={[{ value: 'equals', label: 'equals' }, { value: 'oneOf', label: 'is one of' }, { value: 'atLeast', label: 'is at least' }]}
              onChange={t => t && onChange({ ...node, test: t as 'equals' | 'oneOf' | 'atLeast' })} />
            <TextInput label="Value" description={node.test === 'oneOf' ? 'Comma-separated' : 'true, false, a number or text'} w={200}
              value={node.value} error={field(node.test)} onChange={e => onChange({ ...node, value: e.currentTarget.value })} />
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
