import { Alert, Button, Group, Modal, Text, Textarea } from '@mantine/core';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { describe, type Problem } from '../api/client';

/**
 * A dialog that asks why before an action goes ahead. The hub decides whether a reason is required; its field
 * error shows on the Reason box, and what was typed stays there.
 */
export function ReasonDialog({ opened, title, children, confirmLabel, dismissLabel = 'Cancel', danger, reasonLabel = 'Reason', reasonDescription, pending, error, onConfirm, onClose }: {
  opened: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  dismissLabel?: string;
  danger?: boolean;
  reasonLabel?: string;
  reasonDescription?: string;
  pending: boolean;
  error: unknown;
  onConfirm: (reason: string) => void;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  useEffect(() => { if (opened) setReason(''); }, [opened]);
  const problem = error as Problem | null;
  const fieldError = problem?.errors?.reason?.join(' ');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onConfirm(reason);
  };

  return (
    <Modal opened={opened} onClose={onClose} title={title} closeButtonProps={{ 'aria-label': 'Close' }} transitionProps={{ duration: 0 }}>
      <form onSubmit={submit} noValidate>
        {children && <Text size="sm" mb="sm" component="div">{children}</Text>}
        {problem && !fieldError && <Alert color="red.9" role="alert" mb="sm">{describe(problem)}</Alert>}
        <Textarea label={reasonLabel} description={reasonDescription} autosize minRows={2} value={reason} data-autofocus
          onChange={e => setReason(e.currentTarget.value)} error={fieldError} />
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={onClose}>{dismissLabel}</Button>
          <Button type="submit" color={danger ? 'red.9' : undefined} loading={pending}>{confirmLabel}</Button>
        </Group>
      </form>
    </Modal>
  );
}
