import { Button, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { memo, useState } from 'react';
import type { ActivityCatalog, ActivityDescriptor } from './model';

export const ActivityDragType = 'application/x-credentialconnect-activity';

/**
 * Every activity the hub has, by category, from its descriptors: drag one onto the canvas, or press it to add it
 * beneath the selection. A search narrows the list by name or description.
 */
export const Palette = memo(function Palette({ catalog, onAdd }: { catalog: ActivityCatalog; onAdd: (descriptor: ActivityDescriptor) => void }) {
  const [search, setSearch] = useState('');
  const term = search.trim().toLowerCase();
  const categories = catalog.categories
    .map(c => ({ ...c, activities: c.activities.filter(a => !term || `${a.displayName} ${a.typeName} ${a.description}`.toLowerCase().includes(term)) }))
    .filter(c => c.activities.length > 0);
  return (
    <Stack gap="xs" h="100%" component="nav" aria-label="Activities">
      <TextInput size="xs" placeholder="Search activities" aria-label="Search activities" value={search} onChange={e => setSearch(e.currentTarget.value)} />
      <ScrollArea style={{ flex: 1 }} type="auto">
        <Stack gap={6}>
          {categories.map(c => (
            <div key={c.name} role="group" aria-label={c.name}>
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" mb={4}>{c.name}</Text>
              <Stack gap={4}>
                {c.activities.map(a => (
                  <Button key={a.typeName} size="compact-sm" variant="default" justify="flex-start" fullWidth title={a.description}
                    draggable onDragStart={e => { e.dataTransfer.setData(ActivityDragType, a.typeName); e.dataTransfer.effectAllowed = 'move'; }}
                    onClick={() => onAdd(a)} aria-label={`Add ${a.displayName}`}>
                    {a.displayName}
                  </Button>
                ))}
              </Stack>
            </div>
          ))}
          {categories.length === 0 && <Text size="sm" c="dimmed">No activity matches “{search}”.</Text>}
        </Stack>
      </ScrollArea>
    </Stack>
  );
});
