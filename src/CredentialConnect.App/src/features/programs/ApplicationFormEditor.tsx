import { Checkbox, NumberInput, Paper, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useRef } from 'react';
import { parseForm } from './programDraft';

type Property = { type?: string | string[]; title?: string; description?: string; enum?: unknown[] };
type FormSchema = { properties?: Record<string, Property>; required?: string[] };

/** The application form as a JSON Schema, edited as text, beside the form a member would see. */
export function ApplicationFormEditor({ value, onChange, error, readOnly }: { value: string; onChange: (text: string) => void; error?: string; readOnly: boolean }) {
  const parsed = parseForm(value);
  // While the text is mid-edit and not JSON, the preview keeps the last form that was.
  const lastValid = useRef<unknown>(null);
  if (parsed) lastValid.current = parsed.value;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Textarea label="Application form (JSON Schema)" description="Empty when the program asks nothing beyond its criteria."
        autosize minRows={8} maxRows={24} styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} value={value} readOnly={readOnly} spellCheck={false}
        error={error ?? (parsed ? undefined : 'This is not valid JSON yet; the preview shows the last valid form.')}
        onChange={e => onChange(e.currentTarget.value)} />
      <FormPreview schema={lastValid.current as FormSchema | null} />
    </SimpleGrid>
  );
}

/**
 * A member's view of the form: string, number, integer and boolean properties and enums, with titles, descriptions
 * and required marks. Nested objects, arrays, formats, patterns, ranges, $ref and conditional schemas are not drawn.
 */
function FormPreview({ schema }: { schema: FormSchema | null | undefined }) {
  const properties = Object.entries(schema?.properties ?? {});
  const required = new Set(schema?.required ?? []);
  return (
    <Paper withBorder p="sm" role="region" aria-label="Form preview">
      <Title order={4} size="h6" mb="xs">Preview</Title>
      {properties.length === 0 ? <Text size="sm" c="dimmed">No questions to show.</Text> : (
        <Stack gap="xs">
          {properties.map(([name, p]) => <PreviewField key={name} name={name} property={p ?? {}} required={required.has(name)} />)}
        </Stack>
      )}
      <Text size="xs" c="dimmed" mt="sm">
        The preview draws text, number and yes/no questions and lists of choices. Nested objects, arrays, formats, patterns,
        ranges, $ref and conditional rules are checked by the hub but not drawn here.
      </Text>
    </Paper>
  );
}

function PreviewField({ name, property, required }: { name: string; property: Property; required: boolean }) {
  const label = property.title ?? name;
  const common = { label, description: property.description, required, 'data-preview-field': name };
  const type = Array.isArray(property.type) ? property.type.find(t => t !== 'null') : property.type;
  if (property.enum) return <Select {...common} data={property.enum.map(String)} comboboxProps={{ transitionProps: { duration: 0 } }} />;
  if (type === 'boolean') return <Checkbox label={label} description={property.description} required={required} />;
  if (type === 'number' || type === 'integer') return <NumberInput {...common} allowDecimal={type === 'number'} />;
  if (type === 'string' || type === undefined) return <TextInput {...common} />;
  return <Text size="sm">{label}: a {type} question, not drawn in the preview.</Text>;
}
