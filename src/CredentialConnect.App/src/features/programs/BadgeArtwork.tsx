import { Button, FileInput, Group, Image, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, describe } from '../../api/client';
import { ProblemNotice } from '../../components/ProblemNotice';

/** The hub takes PNG and SVG artwork up to 512 KB; the same limits are checked here so a wrong file never leaves the browser. */
export const artworkTypes = ['image/png', 'image/svg+xml'];
export const maxArtworkBytes = 512 * 1024;

export function artworkRefusal(file: File): string | null {
  if (!artworkTypes.includes(file.type)) return `“${file.name}” is not a PNG or SVG image. Choose a .png or .svg file.`;
  if (file.size > maxArtworkBytes) return `“${file.name}” is ${Math.ceil(file.size / 1024)} KB; badge artwork must be at most 512 KB.`;
  return null;
}

/** The program's badge image: the current one, and an upload that replaces it. */
export function BadgeArtwork({ programId, readOnly }: { programId: string; readOnly: boolean }) {
  const [file, setFile] = useState<File | null>(null);
  const [shown, setShown] = useState(Date.now());
  const [missing, setMissing] = useState(false);
  const refusal = file ? artworkRefusal(file) : null;

  const upload = useMutation({
    mutationFn: async (chosen: File) => {
      const form = new FormData();
      form.append('file', chosen);
      const { data, error } = await api.PUT('/api/v1/programs/{id}/artwork', {
        params: { path: { id: programId } },
        body: form as unknown as { file: string },
        bodySerializer: b => b as unknown as FormData,
      });
      if (error) throw error;
      return data;
    },
    onSuccess: () => {
      setFile(null);
      setMissing(false);
      setShown(Date.now());
    },
  });

  return (
    <Stack gap="sm">
      <Group align="flex-start" gap="md">
        {missing
          ? <Text size="sm" c="dimmed" maw={280}>No artwork uploaded: badges use the generated disc in the program's colour.</Text>
          : <Image src={`/api/v1/programs/${programId}/artwork?at=${shown}`} alt="Current badge artwork" w={96} h={96} fit="contain"
              onError={() => setMissing(true)} onLoad={() => setMissing(false)} />}
      </Group>
      {!readOnly && (
        <>
          <FileInput label="New artwork" description="PNG or SVG, at most 512 KB" accept="image/png,image/svg+xml" clearable clearButtonProps={{ 'aria-label': 'Clear the chosen file' }}
            value={file} onChange={f => { setFile(f); upload.reset(); }} error={refusal} w={{ base: '100%', sm: 360 }} />
          {upload.isError && <ProblemNotice title="The artwork was refused"><Text size="sm">{describe(upload.error)}</Text></ProblemNotice>}
          {upload.isSuccess && <Text size="sm" role="status">Artwork uploaded: badges now use it.</Text>}
          <Group>
            <Button size="xs" disabled={!file || !!refusal} loading={upload.isPending} onClick={() => file && upload.mutate(file)}>Upload artwork</Button>
          </Group>
        </>
      )}
    </Stack>
  );
}
