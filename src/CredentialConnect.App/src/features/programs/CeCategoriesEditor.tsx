import { Button, Group, Paper, Stack, Switch, Text, TextInput } from '@mantine/core';
import type { CeCategoryDraft, ProgramDraft } from './programDraft';
import { errorAt, type FieldErrors } from './fieldErrors';

type CycleFields = Pick<ProgramDraft, 'hasCycle' | 'totalCeHours' | 'gracePeriodDays' | 'categories'>;

/** The recertification cycle: total CE hours, grace period, and per-category minimums and caps. */
export function CeCategoriesEditor({ value, onChange, errors }: { value: CycleFields; onChange: (v: Partial<CycleFields>) => void; errors?: FieldErrors }) {
  const at = (i: number, field: string) => errorAt(errors, `recertification.categories[${i}].${field}`);
  const setCategory = (i: number, change: Partial<CeCategoryDraft>) =>
    onChange({ categories: value.categories.map((c, j) => (j === i ? { ...c, ...change } : c)) });

  return (
    <Stack gap="sm">
      <Switch label="Credentials renew each cycle with continuing education" checked={value.hasCycle}
        onChange={e => onChange({ hasCycle: e.currentTarget.checked })} error={errorAt(errors, 'recertification')} />
      {value.hasCycle && (
        <>
          <Group gap="sm" align="flex-start">
            <TextInput label="Total CE hours per cycle" required inputMode="decimal" w={200} value={value.totalCeHours}
              error={errorAt(errors, 'recertification.totalCeHours')} onChange={e => onChange({ totalCeHours: e.currentTarget.value })} />
            <TextInput label="Grace period (days)" inputMode="numeric" w={180} value={value.gracePeriodDays}
              error={errorAt(errors, 'recertification.gracePeriodDays')} onChange={e => onChange({ gracePeriodDays: e.currentTarget.value })} />
          </Group>
          {errorAt(errors, 'recertification.categories') && <Text size="sm" c="red.9" role="alert">{errorAt(errors, 'recertification.categories')}</Text>}
          {value.categories.length === 0 && <Text size="sm" c="dimmed">No categories: any CE counts toward the total.</Text>}
          {value.categories.map((c, i) => (
            <Paper key={i} withBorder p="sm" role="group" aria-label={`CE category ${i + 1}`}>
              <Group gap="sm" align="flex-start">
                <TextInput label="Category" required w={200} value={c.category} error={at(i, 'category')}
                  onChange={e => setCategory(i, { category: e.currentTarget.value })} />
                <TextInput label="Minimum hours" inputMode="decimal" w={140} value={c.minimumHours} error={at(i, 'minimumHours')}
                  onChange={e => setCategory(i, { minimumHours: e.currentTarget.value })} />
                <TextInput label="Cap (maximum hours)" inputMode="decimal" w={170} value={c.maximumHours} error={at(i, 'maximumHours')}
                  onChange={e => setCategory(i, { maximumHours: e.currentTarget.value })} />
                <Button mt={24} size="xs" variant="default" aria-label={`Remove CE category ${i + 1}`}
                  onClick={() => onChange({ categories: value.categories.filter((_, j) => j !== i) })}>Remove</Button>
              </Group>
            </Paper>
          ))}
          <Group>
            <Button size="xs" variant="default" onClick={() => onChange({ categories: [...value.categories, { category: '', minimumHours: '', maximumHours: '' }] })}>
              Add CE category
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}
