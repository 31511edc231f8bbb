import { Anchor, Card, Group, Select, SimpleGrid, Skeleton, Stack, Text, TextInput, Title, Alert } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { Link, useSearchParams } from 'react-router';
import { describe } from '../../api/client';
import { usePrograms } from '../../components/lookups';
import { ChartCard, counted, percent } from './ChartCard';
import {
  useAttention, useEngagement, useExams, useFunnel, useIssued, useLapseRate, useRenewals, type DashboardFilter,
} from './useDashboard';

const chartHeight = 240;
// No animation: a chart is drawn at once, for people and for screenshots alike.
const bars = { tickLine: 'y' as const, yAxisProps: { allowDecimals: false }, barProps: { isAnimationActive: false }, h: chartHeight };
// Charts of more than one series say which colour is which.
const legend = { withLegend: true, legendProps: { verticalAlign: 'bottom' as const, height: 40 } };

/** The chosen program and period live in the URL, so a view of the dashboard can be linked and reloaded. */
function useFilter(): [DashboardFilter, (changes: Partial<DashboardFilter>) => void] {
  const [params, setParams] = useSearchParams();
  const filter = { programId: params.get('program') ?? undefined, from: params.get('from') ?? undefined, to: params.get('to') ?? undefined };
  const set = (changes: Partial<DashboardFilter>) => {
    const next = new URLSearchParams(params);
    const names: Record<keyof DashboardFilter, string> = { programId: 'program', from: 'from', to: 'to' };
    for (const [key, value] of Object.entries(changes)) {
      const name = names[key as keyof DashboardFilter];
      if (value) next.set(name, value); else next.delete(name);
    }
    setParams(next, { replace: true });
  };
  return [filter, set];
}

/** What needs staff attention now, and how the programs are doing over the chosen period. */
export function DashboardPage() {
  const [filter, setFilter] = useFilter();
  const programs = usePrograms();

  return (
    <Stack gap="lg">
      <Title order={2}>Dashboard</Title>

      <Group align="flex-end" gap="sm" wrap="wrap" component="form" aria-label="Program and period" onSubmit={e => e.preventDefault()}>
        <Select label="Program" w={{ base: '100%', xs: 360 }} value={filter.programId ?? ''} allowDeselect={false}
          comboboxProps={{ transitionProps: { duration: 0 } }}
          data={[{ value: '', label: 'All programs' }, ...(programs.data ?? []).map(p => ({ value: p.id, label: `${p.code} · ${p.name}` }))]}
          onChange={v => setFilter({ programId: v || undefined })} />
        <TextInput type="month" label="From month" description="Empty: 12 months ago" w={{ base: '47%', xs: 170 }}
          value={filter.from ?? ''} onChange={e => setFilter({ from: e.currentTarget.value || undefined })} />
        <TextInput type="month" label="To month" description="Empty: this month" w={{ base: '47%', xs: 170 }}
          value={filter.to ?? ''} onChange={e => setFilter({ to: e.currentTarget.value || undefined })} />
      </Group>

      <Attention programId={filter.programId} />

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Issued filter={filter} />
        <Funnel filter={filter} />
        <PassRate filter={filter} />
        <Retakes filter={filter} />
        <Renewals filter={filter} />
        <LapseRate filter={filter} />
        <Engagement filter={filter} />
      </SimpleGrid>
    </Stack>
  );
}

function Attention({ programId }: { programId?: string }) {
  const attention = useAttention(programId);
  return (
    <section aria-labelledby="attention-title">
      <Title order={3} size="h4" id="attention-title" mb="sm">Needs attention</Title>
      {attention.isError && <Alert color="red.9" role="alert" title="Could not load">{describe(attention.error)} Reload the page to try again.</Alert>}
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 4 }}>
        {attention.isPending
          ? Array.from({ length: 4 }, (_, i) => <Skeleton key={i} h={96} />)
          : attention.data?.items.map(item => (
            <Card key={item.key} withBorder padding="md">
              <Text size="xl" fw={700} c={item.count ? 'red.9' : 'dark'}>{item.count}</Text>
              <Anchor component={Link} to={item.link.replace(/^\/admin/, '')} fw={600} size="sm">{item.label}</Anchor>
              <Text size="xs" c="dimmed">{item.hint}</Text>
            </Card>
          ))}
      </SimpleGrid>
    </section>
  );
}

type ChartProps = { filter: DashboardFilter };

function Issued({ filter }: ChartProps) {
  const issued = useIssued(filter);
  const data = issued.data ?? [];
  return (
    <ChartCard id="issued" title="Credentials issued per month" query={issued}
      chart={() => <BarChart {...bars} data={data} dataKey="month" series={[{ name: 'count', label: 'Credentials', color: 'indigo.8' }]} />}
      table={() => ({ columns: ['Month', 'Credentials'], rows: data.map(m => [m.month, m.count]) })} />
  );
}

function Funnel({ filter }: ChartProps) {
  const funnel = useFunnel(filter);
  const stages = funnel.data
    ? [{ stage: 'Started', count: funnel.data.started }, { stage: 'Submitted', count: funnel.data.submitted }, { stage: 'Approved', count: funnel.data.approved }]
    : [];
  return (
    <ChartCard id="funnel" title="Applications funnel" query={funnel}
      summary="Applications started in the period, and how far they got."
      chart={() => <BarChart {...bars} data={stages} dataKey="stage" series={[{ name: 'count', label: 'Applications', color: 'teal.9' }]} />}
      table={() => ({ columns: ['Stage', 'Applications'], rows: stages.map(s => [s.stage, s.count]) })} />
  );
}

function PassRate({ filter }: ChartProps) {
  const exams = useExams(filter);
  const months = exams.data?.months ?? [];
  return (
    <ChartCard id="pass-rate" title="Exam pass rate" query={exams}
      summary={exams.data && (exams.data.attempts
        ? <><b>{percent(exams.data.passRate)}</b> passed: {exams.data.passed} of {counted(exams.data.attempts, 'sitting')}.</>
        : 'No exam was sat in the period.')}
      chart={() => (
        <BarChart {...bars} {...legend} data={months} dataKey="month"
          series={[{ name: 'attempts', label: 'Sittings', color: 'gray.7' }, { name: 'passed', label: 'Passed', color: 'teal.9' }]} />
      )}
      table={() => ({
        columns: ['Month', 'Sittings', 'Passed', 'Pass rate'],
        rows: months.map(m => [m.month, m.attempts, m.passed, percent(m.attempts ? m.passed / m.attempts : null)]),
      })} />
  );
}

function Retakes({ filter }: ChartProps) {
  const exams = useExams(filter);
  const r = exams.data?.retakes;
  const stages = r ? [{ stage: 'Failed', count: r.failed }, { stage: 'Retook', count: r.retook }, { stage: 'Then passed', count: r.passed }] : [];
  return (
    <ChartCard id="retakes" title="After a failed exam" query={exams}
      summary={r && (r.failed
        ? <>Of members who failed in the period, <b>{percent(r.retakeRate)}</b> retook the exam{r.retook ? <> and <b>{percent(r.passRate)}</b> of those passed</> : null}.</>
        : 'No member failed an exam in the period.')}
      chart={() => <BarChart {...bars} data={stages} dataKey="stage" series={[{ name: 'count', label: 'Members', color: 'orange.9' }]} />}
      table={() => ({ columns: ['Step', 'Members'], rows: stages.map(s => [s.stage, s.count]) })} />
  );
}

function Renewals({ filter }: ChartProps) {
  const renewals = useRenewals(filter);
  const months = renewals.data ?? [];
  return (
    <ChartCard id="renewals" title="Renewals due and done" query={renewals}
      summary="Cycles ending each month, and how many of them were renewed."
      chart={() => (
        <BarChart {...bars} {...legend} data={months} dataKey="month"
          series={[{ name: 'due', label: 'Due', color: 'gray.7' }, { name: 'done', label: 'Renewed', color: 'indigo.8' }]} />
      )}
      table={() => ({ columns: ['Month', 'Due', 'Renewed'], rows: months.map(m => [m.month, m.due, m.done]) })} />
  );
}

function LapseRate({ filter }: ChartProps) {
  const lapses = useLapseRate(filter);
  const months = lapses.data?.months ?? [];
  return (
    <ChartCard id="lapse-rate" title="Lapse rate" query={lapses}
      summary={lapses.data && (lapses.data.due
        ? <><b>{percent(lapses.data.rate)}</b> lapsed without renewal: {lapses.data.lapsed} of {counted(lapses.data.due, 'cycle')} that ended.</>
        : 'No cycle has ended in the period yet, so none could lapse.')}
      chart={() => (
        <BarChart {...bars} {...legend} data={months} dataKey="month"
          series={[{ name: 'due', label: 'Ended', color: 'gray.7' }, { name: 'lapsed', label: 'Lapsed', color: 'red.9' }]} />
      )}
      table={() => ({
        columns: ['Month', 'Ended', 'Lapsed', 'Lapse rate'],
        rows: months.map(m => [m.month, m.due, m.lapsed, percent(m.due ? m.lapsed / m.due : null)]),
      })} />
  );
}

function Engagement({ filter }: ChartProps) {
  const engagement = useEngagement(filter);
  const months = engagement.data?.months ?? [];
  const e = engagement.data;
  return (
    <ChartCard id="engagement" title="Badge engagement" query={engagement}
      summary={e && <>{counted(e.downloads, 'download')}, {counted(e.linkedInShares, 'LinkedIn share link')}, {counted(e.verificationViews, 'verification view')}.</>}
      chart={() => (
        <BarChart {...bars} {...legend} data={months} dataKey="month" type="stacked"
          series={[
            { name: 'downloads', label: 'Downloads', color: 'indigo.8' },
            { name: 'linkedInShares', label: 'LinkedIn', color: 'blue.9' },
            { name: 'verificationViews', label: 'Verifications', color: 'teal.9' },
          ]} />
      )}
      table={() => ({
        columns: ['Month', 'Downloads', 'LinkedIn', 'Verifications'],
        rows: months.map(m => [m.month, m.downloads, m.linkedInShares, m.verificationViews]),
      })} />
  );
}
