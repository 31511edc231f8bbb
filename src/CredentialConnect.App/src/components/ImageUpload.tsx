import { Button, FileInput, Group, Image, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { describe } from '../api/client';
import { ProblemNotice } from './ProblemNotice';

/** The hub takes PNG and SVG images up to 512 KB; the same limits are checked here so a wrong file never leaves the browser. */
export const imageTypes = ['image/png', 'image/svg+xml'];
export const maxImageBytes = 512 * 1024;

export function imageRefusal(file: File, what: string): string | null {
  if (!imageTypes.includes(file.type)) return `“${file.name}” is not a PNG or SVG image. Choose a .png or .svg file.`;
  if (file.size > maxImageBytes) return `“${file.name}” is ${Math.ceil(file.size / 1024)} KB; ${what} must be at most 512 KB.`;
  return null;
}

/** The file as the multipart body the hub's upload endpoints take (field `file`). */
export function fileForm(file: File) {
  const form = new FormData();
  form.append('file', file);
  return { body: form as unknown as { file: string }, bodySerializer: (b: unknown) => b as FormData };
}

type Props = {
  /** The image's short name on labels and buttons: "artwork", "logo". */
  name: string;
  /** What the image is, in running text: "badge artwork", "the logo". */
  what: string;
  /** Where the current image is served; null when there is none. */
  src: string | null;
  alt: string;
  /** Shown when there is no image yet. */
  missing: string;
  /** Shown once an upload is taken. */
  uploaded: string;
  readOnly?: boolean;
  send: (file: File) => Promise<unknown>;
  /** Offered as "Remove" when given and there is an image. */
  remove?: () => Promise<unknown>;
  onChanged?: () => void;
};

/** An uploaded image (badge artwork, the association's logo): the current one, an upload that replaces it, and removal. */
export function ImageUpload({ name, what, src, alt, missing, uploaded, readOnly, send, remove, onChanged }: Props) {
  const [file, setFile] = useState<File | null>(null);
  const [shown, setShown] = useState(Date.now());
  const [broken, setBroken] = useState(false);
  const refusal = file ? imageRefusal(file, what) : null;
  const changed = () => {
    setFile(null);
    setBroken(false);
    setShown(Date.now());
    onChanged?.();
  };
  const upload = useMutation({ mutationFn: send, onSuccess: changed });
  const removal = useMutation({ mutationFn: () => remove!(), onSuccess: changed });
  const hasImage = src !== null && !broken;

  return (
    <Stack gap="sm">
      {hasImage
        ? <Image src={`${src}${src.includes('?') ? '&' : '?'}at=${shown}`} alt={alt} w={96} h={96} fit="contain"
            onError={() => setBroken(true)} onLoad={() => setBroken(false)} />
        : <Text size="sm" c="dimmed" maw={320}>{missing}</Text>}
      {!readOnly && (
        <>
          <FileInput label={`New ${name}`} description="PNG or SVG, at most 512 KB" accept="image/png,image/svg+xml" clearable
            clearButtonProps={{ 'aria-label': 'Clear the chosen file' }}
            value={file} onChange={f => { setFile(f); upload.reset(); removal.reset(); }} error={refusal} w={{ base: '100%', sm: 360 }} />
          {upload.isError && <ProblemNotice title={`The ${name} was refused`}><Text size="sm">{describe(upload.error)}</Text></ProblemNotice>}
          {removal.isError && <ProblemNotice title={`The ${name} was not removed`}><Text size="sm">{describe(removal.error)}</Text></ProblemNotice>}
          {upload.isSuccess && <Text size="sm" role="status">{uploaded}</Text>}
          <Group>
            <Button size="xs" disabled={!file || !!refusal} loading={upload.isPending} onClick={() => file && upload.mutate(file)}>Upload {name}</Button>
            {remove && hasImage && <Button size="xs" variant="default" loading={removal.isPending} onClick={() => removal.mutate()}>Remove {name}</Button>}
          </Group>
        </>
      )}
    </Stack>
  );
}
