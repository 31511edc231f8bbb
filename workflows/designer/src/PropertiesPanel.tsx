import { NumberInput, Select, Stack, Switch, Text, Textarea, TextInput, Title } from '@mantine/core';
import { memo, useEffect, useState } from 'react';
import type { ActivityDescriptor, ActivityNode, FlowProblem, InputDescriptor } from './model';

type Props = {
  activity: ActivityNode;
  descriptor?: ActivityDescriptor;
  problems: FlowProblem[];
  readOnly?: boolean;
  /** The input to put the cursor in (a problem was chosen); null for none. */
  focusInput?: string | null;
  onInput: (input: string, value: unknown) => void;
  onRename: (id: string) => void;
};

const fieldId = (input: string) => `designer-input-${input}`;

/** The chosen activity's form, built from its descriptor: one typed editor per input, each with the validator's problem on it. */
export const PropertiesPanel = memo(function PropertiesPanel({ activity, descriptor, problems, readOnly, focusInput, onInput, onRename }: Props) {
  const [id, setId] = useState(activity.id);
  useEffect(() => setId(activity.id), [activity.id]);
  useEffect(() => {
    if (focusInput) document.getElementById(fieldId(focusInput))?.focus();
  }, [focusInput, activity.id]);
  const general = problems.filter(p => !p.input || !descriptor?.inputs.some(i => i.name === p.input));

  return (
    <Stack gap="sm" component="section" aria-label="Properties">
      <div>
        <Title order={3} size="h5">{descriptor?.displayName ?? activity.type}</Title>
        {descriptor && <Text size="xs" c="dimmed">{descriptor.description}</Text>}
      </div>
      {general.map((p, i) => <Text key={i} size="sm" c="red.9" role="alert">{p.message}</Text>)}
      <TextInput label="Id" size="xs" value={id} readOnly={readOnly} onChange={e => setId(e.currentTarget.value)}
        onBlur={() => { if (id.trim() && id !== activity.id) onRename(id.trim()); else setId(activity.id); }}
        description="Connections and the journal name the activity by it." styles={{ input: { fontFamily: 'ui-monospace, monospace' } }} />
      {(descriptor?.inputs ?? []).map(input => (
        <InputEditor key={`${activity.id}:${input.name}`} input={input} value={activity.inputs?.[input.name]} readOnly={readOnly}
          error={problems.filter(p => p.input === input.name).map(p => p.message).join(' ') || undefined}
          onChange={value => onInput(input.name, value)} />
      ))}
    </Stack>
  );
});

function label(input: InputDescriptor) {
  return input.name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, c => c.toUpperCase());
}

const isCode = (input: InputDescriptor) => input.uiHint === 'javascript' || input.uiHint === 'liquid';
const isJson = (input: InputDescriptor) => input.uiHint === 'json' || input.uiHint === 'cases' || input.uiHint === 'escalation' || input.type === 'Array' || input.type === 'Object';

/** One input's editor, chosen by its type and UI hint. */
function InputEditor({ input, value, error, readOnly, onChange }: { input: InputDescriptor; value: unknown; error?: string; readOnly?: boolean; onChange: (value: unknown) => void }) {
  const common = { id: fieldId(input.name), label: label(input), description: input.description ?? undefined, required: input.required, error, size: 'xs' as const, readOnly };
  const text = typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);
  if (isCode(input))
    return (
      <Textarea {...common} value={text} autosize minRows={3} maxRows={14} spellCheck={false} styles={{ input: { fontFamily: 'ui-monospace, monospace', fontSize: 12 } }}
        description={`${input.description ?? ''} (${input.uiHint === 'liquid' ? 'Liquid template' : 'JavaScript'})`} onChange={e => onChange(e.currentTarget.value)} />
    );
  if (input.options?.length || input.uiHint === 'dropdown')
    return <Select {...common} data={input.options ?? []} value={typeof value === 'string' ? value : null} onChange={v => onChange(v ?? undefined)} clearable={!input.required} />;
  if (input.type === 'Boolean')
    return <Switch id={common.id} label={common.label} description={common.description} error={error} checked={value === true} disabled={readOnly} onChange={e => onChange(e.currentTarget.checked)} />;
  if (input.type === 'Number')
    return <NumberInput {...common} value={typeof value === 'number' ? value : ''} onChange={v => onChange(typeof v === 'number' ? v : undefined)} />;
  if (isJson(input)) return <JsonEditor common={common} value={value} onChange={onChange} />;
  if (input.uiHint === 'multi-line')
    return <Textarea {...common} value={text} autosize minRows={4} maxRows={14} onChange={e => onChange(e.currentTarget.value)} />;
  return <TextInput {...common} value={text} placeholder={input.uiHint === 'duration' || input.type === 'Duration' ? 'P7D, PT12H or 7.00:00:00' : undefined} onChange={e => onChange(e.currentTarget.value)} />;
}

/** A list or object as JSON text; kept as typed until it parses, so a half-written value is never lost. */
function JsonEditor({ common, value, onChange }: { common: { id: string; label: string; description?: string; required: boolean; error?: string; size: 'xs'; readOnly?: boolean }; value: unknown; onChange: (value: unknown) => void }) {
  const [text, setText] = useState(() => (value === undefined ? '' : JSON.stringify(value, null, 2)));
  const [invalid, setInvalid] = useState<string | null>(null);
  return (
    <Textarea {...common} error={invalid ?? common.error} value={text} autosize minRows={3} maxRows={14} styles={{ input: { fontFamily: 'ui-monospace, monospace', fontSize: 12 } }}
      onChange={e => {
        const next = e.currentTarget.value;
        setText(next);
        if (!next.trim()) { setInvalid(null); onChange(undefined); return; }
        try {
          onChange(JSON.parse(next));
          setInvalid(null);
        } catch {
          setInvalid('Not valid JSON yet: the last valid value is kept.');
        }
      }} />
  );
}
